-- Signed-in people report a listing to the officers. Officers see, in one queue, the listings
-- reported and those people published or changed that nobody has looked at, and settle each:
-- keep it, hide it, or suspend its owner.
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    reporter INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    settled_at TEXT
);
-- One open report per person and record.
CREATE UNIQUE INDEX reports_open ON reports (kind, record_id, reporter) WHERE settled_at IS NULL;
CREATE INDEX reports_unsettled ON reports (settled_at, kind, record_id);
ALTER TABLE listings ADD COLUMN reviewed_at TEXT;
-- What was published before the queue existed counts as looked at.
UPDATE listings SET reviewed_at = confirmed_at;

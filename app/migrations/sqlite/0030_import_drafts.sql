-- A file an officer sent for import, kept between the check of its lines and their storing:
-- its numbered lines (JSON), what they would do, then what they did. Only its sender reads it;
-- files left unstored are dropped after a day.
CREATE TABLE import_drafts (
    token TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    lines TEXT NOT NULL,
    verdicts TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    stored_at TEXT
);
CREATE INDEX import_drafts_sent ON import_drafts (sent_at);

-- A lab or expert profile that names an organization other than its author's own waits for
-- that organization's people (or an officer) to confirm the affiliation. One request per
-- record: a later save replaces it; an answer removes it (the audit log keeps the answer).
CREATE TABLE affiliation_requests (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    organization TEXT NOT NULL,
    requester INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    UNIQUE (kind, record_id)
);
CREATE INDEX affiliation_requests_by_organization ON affiliation_requests (organization);
CREATE INDEX affiliation_requests_by_requester ON affiliation_requests (requester);

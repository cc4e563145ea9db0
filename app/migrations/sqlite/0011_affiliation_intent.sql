-- A request remembers whether its author asked to publish the profile: a profile saved as a
-- draft stays a draft when its organization confirms. Ids are never reused (AUTOINCREMENT):
-- an answer to a replaced request must find nothing, not its successor. A listing remembers
-- the organization confirmed for it, so a confirmed draft is not asked about again when it is
-- published.
CREATE TABLE affiliation_requests_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    organization TEXT NOT NULL,
    requester INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    publish INTEGER NOT NULL DEFAULT 1,
    UNIQUE (kind, record_id)
);
INSERT INTO affiliation_requests_new (id, kind, record_id, organization, requester, created_at)
    SELECT id, kind, record_id, organization, requester, created_at FROM affiliation_requests;
DROP TABLE affiliation_requests;
ALTER TABLE affiliation_requests_new RENAME TO affiliation_requests;
CREATE INDEX affiliation_requests_by_organization ON affiliation_requests (organization);
CREATE INDEX affiliation_requests_by_requester ON affiliation_requests (requester);

ALTER TABLE listings ADD COLUMN affiliation TEXT;

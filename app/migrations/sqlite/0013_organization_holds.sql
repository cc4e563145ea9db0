-- A listing whose organization an officer hid (or whose owner was suspended) leaves the portal
-- with it, and so does one published for it afterwards. Each row is one listing hidden for
-- that reason, so showing the organization again shows those and no other.
CREATE TABLE organization_holds (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    organization TEXT NOT NULL,
    PRIMARY KEY (kind, id),
    FOREIGN KEY (kind, id) REFERENCES records (kind, id) ON DELETE CASCADE
);
CREATE INDEX organization_holds_by_organization ON organization_holds (organization);

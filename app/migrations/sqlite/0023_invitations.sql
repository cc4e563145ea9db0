-- A member invites a colleague to their organization: a link mailed to the colleague's
-- address, valid for a week, used once and only by the account with that address. Only a hash
-- of the link's token is kept.
CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    organization TEXT NOT NULL,
    email TEXT NOT NULL,
    invited_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX invitations_by_organization ON invitations (organization, expires_at);

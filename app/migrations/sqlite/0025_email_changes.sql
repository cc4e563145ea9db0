-- An account's email changes only once the new address confirms it from a mailed link: the
-- change waits here (one per account; a new request replaces it).
CREATE TABLE email_changes (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);

CREATE INDEX email_changes_user ON email_changes (user_id);

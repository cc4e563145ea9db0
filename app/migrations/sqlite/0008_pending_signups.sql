-- Sign-ups waiting for their email address to be confirmed: the account is created only when
-- the link mailed to that address is used (so sign-up answers the same whether or not the
-- address already has an account). Expire after a day; purged hourly.
CREATE TABLE pending_signups (
    token_hash TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX pending_signups_by_email ON pending_signups (email);

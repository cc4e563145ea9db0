-- People and what they do on the portal. The public catalogue stays in `records`; what the
-- portal knows about who manages a record, and records not yet published, are in `listings`.
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    organization TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE user_roles (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- Only a hash of each session token is stored: a copy of the database signs nobody in.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at TEXT NOT NULL,
    used_at TEXT
);

-- Failed sign-ins, by account and by address, for rate limiting.
CREATE TABLE sign_in_failures (
    subject TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX sign_in_failures_by_subject ON sign_in_failures (subject, at);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
);

-- A record managed on the portal: its owner, whether it is published (a draft has no row in
-- `records` yet and keeps its document here), when its owner last confirmed it, and whether an
-- officer verified it. Imported records have no listing.
CREATE TABLE listings (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    owner INTEGER REFERENCES users (id) ON DELETE SET NULL,
    draft TEXT,
    confirmed_at TEXT NOT NULL,
    verified_at TEXT,
    reminded_at TEXT,
    PRIMARY KEY (kind, id)
);
CREATE INDEX listings_by_owner ON listings (owner);

CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    text_vi TEXT NOT NULL,
    text_en TEXT NOT NULL,
    link TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at TEXT
);
CREATE INDEX notifications_by_user ON notifications (user_id, created_at);

CREATE TABLE introductions (
    id INTEGER PRIMARY KEY,
    requester INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    target_kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    need TEXT,
    message TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    reason_text TEXT,
    answered_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    outcome TEXT,
    created_at TEXT NOT NULL,
    answered_at TEXT
);
CREATE INDEX introductions_by_requester ON introductions (requester);
CREATE INDEX introductions_by_target ON introductions (target_kind, target_id);

CREATE TABLE applications (
    id INTEGER PRIMARY KEY,
    applicant INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organization TEXT NOT NULL,
    target_kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    proposal TEXT NOT NULL,
    links TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    comment TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (applicant, target_kind, target_id)
);
CREATE INDEX applications_by_target ON applications (target_kind, target_id);

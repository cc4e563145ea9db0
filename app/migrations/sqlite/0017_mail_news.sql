-- How each person hears of their notifications by mail: at once, in one mail a day, or never
-- (the inbox only). No row: at once. `lang`: the language they chose it in (none: both).
CREATE TABLE mail_prefs (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    mode TEXT NOT NULL CHECK (mode IN ('now', 'daily', 'never')),
    lang TEXT,
    digest_at TEXT
);
-- When a notification went out by mail; what came before this counts as told.
ALTER TABLE notifications ADD COLUMN mailed_at TEXT;
UPDATE notifications SET mailed_at = created_at;
CREATE INDEX notifications_unmailed ON notifications (user_id, id) WHERE mailed_at IS NULL;

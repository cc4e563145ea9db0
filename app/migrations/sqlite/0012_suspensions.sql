-- An officer can suspend an account (a spammer): it cannot sign in, its sessions end and its
-- published listings leave the portal until the suspension is lifted. `listings.suspended`
-- marks the listings hidden for that reason, so lifting shows those again and no other.
ALTER TABLE users ADD COLUMN suspended_at TEXT;
ALTER TABLE users ADD COLUMN suspended_reason TEXT;
ALTER TABLE listings ADD COLUMN suspended INTEGER NOT NULL DEFAULT 0;

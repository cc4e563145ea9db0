-- When a person consented to the terms and the personal-data policy (Decree 13/2023/NĐ-CP):
-- given at sign-up, kept with the pending sign-up until the address is confirmed.
ALTER TABLE users ADD COLUMN consented_at TEXT;
ALTER TABLE pending_signups ADD COLUMN consented_at TEXT;

-- A record taken out of public view: unconfirmed for 180 days, or hidden by an officer. It
-- keeps its place (others may refer to it) but no list, search, match or export shows it.
ALTER TABLE records ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
-- When an officer hid a record (confirming does not bring such a record back).
ALTER TABLE listings ADD COLUMN moderated_at TEXT;

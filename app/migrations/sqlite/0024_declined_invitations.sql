-- An invitation the invited person declined: spent like a used one, and remembered, so that the
-- same organization cannot mail them again at once.
ALTER TABLE invitations ADD COLUMN declined_at TEXT;

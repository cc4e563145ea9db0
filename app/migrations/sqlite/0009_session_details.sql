-- What a person sees of their sessions on the account page: the browser and address each
-- started from (NULL for sessions older than this).
ALTER TABLE sessions ADD COLUMN agent TEXT;
ALTER TABLE sessions ADD COLUMN address TEXT;

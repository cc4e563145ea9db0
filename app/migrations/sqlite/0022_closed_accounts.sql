-- A person may delete their account. The row stays, emptied of what identifies them (email,
-- name, password), so that what others keep of their work (an organization's applications,
-- the answer to an introduction, the audit log) still points somewhere; `deleted_at` says when.
ALTER TABLE users ADD COLUMN deleted_at TEXT;

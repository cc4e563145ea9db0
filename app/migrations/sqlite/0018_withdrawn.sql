-- A published listing its owner took down, back among their drafts, and why: `found` (found a
-- partner), `done` (no longer needed) or `revise` (to revise it). Publishing again clears it.
ALTER TABLE listings ADD COLUMN withdrawn TEXT CHECK (withdrawn IN ('found', 'done', 'revise'));

-- What a requester brings along with an introduction: their own need when asking to meet a lab,
-- expert or offer; their own lab, expert profile or offer when proposing to a need or writing
-- to an organization. Replaces `need`, which only went one way.
ALTER TABLE introductions ADD COLUMN with_kind TEXT;
ALTER TABLE introductions ADD COLUMN with_id TEXT;
UPDATE introductions SET with_kind = 'need', with_id = need WHERE need IS NOT NULL;
ALTER TABLE introductions DROP COLUMN need;

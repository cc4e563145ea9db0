-- Every stored change takes the next revision, so the search index can catch up with
-- exactly what changed since its last commit.
ALTER TABLE records ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
CREATE INDEX records_by_revision ON records (revision);

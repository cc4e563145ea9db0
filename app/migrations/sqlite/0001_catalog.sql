-- The public catalogue. Each record is kept whole as a JSON document in the records format
-- (`doc`), beside the columns that lists sort and filter by. Facets and links are the
-- record's vocabulary values and references, kept in their own tables so that filters,
-- counts and "what refers to this" are plain indexed queries.
CREATE TABLE records (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    title_en TEXT,
    title_vi TEXT,
    sort_title TEXT NOT NULL,
    trl INTEGER,
    closes TEXT,
    doc TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (kind, id)
);
CREATE INDEX records_by_title ON records (kind, sort_title);
CREATE INDEX records_by_created ON records (kind, created_at);

CREATE TABLE record_facets (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (kind, id, facet, value),
    FOREIGN KEY (kind, id) REFERENCES records (kind, id) ON DELETE CASCADE
);
CREATE INDEX record_facets_by_value ON record_facets (kind, facet, value);

CREATE TABLE record_links (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    rel TEXT NOT NULL,
    position INTEGER NOT NULL,
    target_kind TEXT NOT NULL,
    target_id TEXT NOT NULL,
    PRIMARY KEY (kind, id, rel),
    FOREIGN KEY (kind, id) REFERENCES records (kind, id) ON DELETE CASCADE,
    FOREIGN KEY (target_kind, target_id) REFERENCES records (kind, id)
);
CREATE INDEX record_links_by_target ON record_links (target_kind, target_id);

-- Saved searches: a person's search, and the results they have already been told about.
CREATE TABLE saved_searches (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    query TEXT NOT NULL,
    seen TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (user_id, query)
);

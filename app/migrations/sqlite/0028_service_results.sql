-- The results of a service request: one PDF the lab sends (a newer one replaces it), kept in
-- the database (never under the web root) and served only to the request's two sides.
CREATE TABLE service_results (
    request INTEGER PRIMARY KEY REFERENCES service_requests (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    content BLOB NOT NULL,
    uploaded_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    at TEXT NOT NULL
);

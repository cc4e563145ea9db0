-- Documents attached to applications (a thuyết minh, a dự toán…): kept in the database with
-- the application, so that every instance of the portal serves them and a backup holds them.
CREATE TABLE application_files (
    id INTEGER PRIMARY KEY,
    application INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    -- The item of the call's checklist it answers; '' for another document.
    document TEXT NOT NULL,
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    content BLOB NOT NULL,
    uploaded_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    at TEXT NOT NULL
);
CREATE INDEX application_files_by_application ON application_files (application, id);

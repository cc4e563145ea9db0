-- Every step of an application, kept: who moved it to which stage, when, and what they said
-- (before, each new comment replaced the last one, and the applicant lost "please add a quote").
CREATE TABLE application_events (
    id INTEGER PRIMARY KEY,
    application INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    actor INTEGER REFERENCES users (id) ON DELETE SET NULL,
    stage TEXT NOT NULL,
    comment TEXT
);
CREATE INDEX application_events_by_application ON application_events (application, id);

-- What is known of the applications already there: when they were sent, and where they stand.
INSERT INTO application_events (application, at, actor, stage, comment)
    SELECT id, created_at, applicant, 'submitted', NULL FROM applications;
INSERT INTO application_events (application, at, actor, stage, comment)
    SELECT id, updated_at, NULL, status, comment FROM applications WHERE status <> 'submitted';

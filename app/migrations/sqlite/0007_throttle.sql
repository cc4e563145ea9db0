-- Attempts the portal slows down (accounts::throttle): failed sign-ins, sign-ups, reset
-- requests, introductions and applications, per subject (an address, an account, or both).
-- In the database so that several instances share them; purged once their window has passed.
CREATE TABLE throttle_events (
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX throttle_events_by_subject ON throttle_events (action, subject, at);

DROP TABLE sign_in_failures;

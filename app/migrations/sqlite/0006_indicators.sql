-- The yearly values of the resolution's indicators, as officers record them with their source.
-- A correction replaces the year's value; the audit log keeps what it replaced.
CREATE TABLE indicator_values (
    indicator TEXT NOT NULL,
    year INTEGER NOT NULL,
    value REAL NOT NULL,
    source TEXT NOT NULL,
    recorded_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (indicator, year)
);

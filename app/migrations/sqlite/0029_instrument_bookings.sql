-- A booking of a lab's instrument: one day, some of its open hours. The instrument is named as
-- it stood when booked (a lab may reorder, rename or retire its instruments later). The lab
-- approves or declines; either side cancels.
CREATE TABLE instrument_bookings (
    id INTEGER PRIMARY KEY,
    lab TEXT NOT NULL,
    instrument TEXT NOT NULL,
    booker INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organization TEXT,
    day TEXT NOT NULL,
    start_hour INTEGER NOT NULL CHECK (start_hour BETWEEN 0 AND 23),
    hours INTEGER NOT NULL CHECK (hours BETWEEN 1 AND 24),
    operator TEXT NOT NULL,
    training TEXT,
    purpose TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    decided_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    reason TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX instrument_bookings_by_lab ON instrument_bookings (lab);
CREATE INDEX instrument_bookings_by_booker ON instrument_bookings (booker);

-- The hours a booking holds while it waits or stands approved: the key makes an hour of an
-- instrument held by one booking at most, whatever two people send at the same moment. A
-- declined or cancelled booking lets its hours go.
CREATE TABLE booked_hours (
    lab TEXT NOT NULL,
    instrument TEXT NOT NULL,
    day TEXT NOT NULL,
    hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
    booking INTEGER NOT NULL REFERENCES instrument_bookings (id) ON DELETE CASCADE,
    PRIMARY KEY (lab, instrument, day, hour)
);
CREATE INDEX booked_hours_by_booking ON booked_hours (booking);

-- A business asks a lab for one of its priced services; the lab quotes or declines; the
-- business accepts or declines the quote. The service's name is kept as it stood when asked
-- (a lab may rename or drop it later); every step is kept for both sides' history.
CREATE TABLE service_requests (
    id INTEGER PRIMARY KEY,
    lab TEXT NOT NULL,
    service TEXT NOT NULL,
    requester INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organization TEXT,
    samples INTEGER NOT NULL CHECK (samples > 0),
    wanted_by TEXT,
    notes TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX service_requests_by_lab ON service_requests (lab);
CREATE INDEX service_requests_by_requester ON service_requests (requester);

-- A quote: its lines as JSON ([{label, quantity, unit_vnd}]), the total they make.
CREATE TABLE service_quotes (
    id INTEGER PRIMARY KEY,
    request INTEGER NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE,
    lines TEXT NOT NULL,
    total_vnd INTEGER NOT NULL CHECK (total_vnd >= 0),
    valid_until TEXT NOT NULL,
    conditions TEXT NOT NULL DEFAULT ''
);
CREATE INDEX service_quotes_by_request ON service_quotes (request);

-- A step names its account, not a copy of the name: a closed account shows as closed. An
-- acceptance or a decline of a quote names the quote answered.
CREATE TABLE service_request_steps (
    id INTEGER PRIMARY KEY,
    request INTEGER NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    by_user INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason TEXT,
    note TEXT,
    quote INTEGER REFERENCES service_quotes (id) ON DELETE CASCADE,
    at TEXT NOT NULL
);
CREATE INDEX service_request_steps_by_request ON service_request_steps (request);

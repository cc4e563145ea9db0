-- The amount an application to a call requests, in đồng (none for pilots and older ones).
ALTER TABLE applications ADD COLUMN amount_vnd INTEGER;

-- Several sandbox processes on one PostgreSQL: a delivery being sent is leased to the process
-- sending it (claimed_by, until lease_expires_at, in real time). A lease that runs out (its
-- process died) lets another process take the delivery over; no process resets another's sends.
ALTER TABLE webhook_deliveries ADD COLUMN claimed_by text;
ALTER TABLE webhook_deliveries ADD COLUMN lease_expires_at timestamptz;

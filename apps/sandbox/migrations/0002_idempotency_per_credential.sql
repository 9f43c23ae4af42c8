-- Stored idempotent answers belong to the credential that made them (caller `key:<api key id>`, or
-- `member:<externalUserID>` as before). Until now every Org-API-Key of the org shared the caller
-- `org`, so any key, a restricted one included, could replay another key's answer with its
-- Idempotency-Key, member tokens and webhook signing secrets included. No credential maps to `org`
-- any more; its rows are dropped rather than kept unreadable (they hold such secrets). A retry of a
-- request made before this migration runs afresh. The caller column is already in the primary key
-- (caller, key): no change of schema is needed.
DELETE FROM idempotency_keys WHERE caller = 'org';

-- Several sandbox processes on one PostgreSQL: each keeps the credentials it looked up in memory
-- for a second. A revocation, a rotation, a member removed (its tokens with it) or a reset bumps
-- this counter in the same transaction; every process reads it with the clock on each request
-- and empties its cache when it moved, so a change made through one process counts at once in all.
ALTER TABLE sandbox_clock ADD COLUMN credentials_version bigint NOT NULL DEFAULT 0;
CREATE FUNCTION bump_credentials_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE sandbox_clock SET credentials_version = credentials_version + 1 WHERE id = 1; RETURN NULL; END $$;
CREATE TRIGGER org_api_keys_changed AFTER UPDATE OR DELETE ON org_api_keys FOR EACH STATEMENT EXECUTE FUNCTION bump_credentials_version();
CREATE TRIGGER api_keys_changed AFTER UPDATE OR DELETE ON api_keys FOR EACH STATEMENT EXECUTE FUNCTION bump_credentials_version();
CREATE TRIGGER applications_changed AFTER UPDATE OR DELETE ON applications FOR EACH STATEMENT EXECUTE FUNCTION bump_credentials_version();
CREATE TRIGGER member_tokens_removed AFTER DELETE ON member_tokens FOR EACH STATEMENT EXECUTE FUNCTION bump_credentials_version();
CREATE TRIGGER members_removed AFTER DELETE ON members FOR EACH STATEMENT EXECUTE FUNCTION bump_credentials_version();

-- Applications and their API keys (issue 21). Two server credentials from now on:
-- - the Org-API-Key (`expys_test_`), full authority over the org: the table that held every key
--   so far, renamed `org_api_keys`;
-- - the API key (`test_sk_`), created within an application and restricted to scopes: the new
--   `api_keys`.
-- An application authenticates its own key management with its App ID and App Secret.

ALTER TABLE api_keys RENAME TO org_api_keys;
-- The new table below takes the old names of these indexes.
ALTER INDEX api_keys_pkey RENAME TO org_api_keys_pkey;
ALTER INDEX api_keys_secret_hash_key RENAME TO org_api_keys_secret_hash_key;

-- An Org-API-Key restricted to scopes no longer exists: left as it was it would now have full
-- authority over the org, more than whoever made it meant to give. Each one is revoked (401
-- invalid_api_key from now on, at the sandbox clock's time) and says why in its description; the
-- scopes it had stay on the row as a record. Its replacement is an API key with the scopes under
-- their new names (README: "Migrating from restricted Org-API-Keys").
UPDATE org_api_keys
SET revoked_at = COALESCE(revoked_at, (SELECT now() + offset_ms * interval '1 millisecond' FROM sandbox_clock WHERE id = 1)),
    description = description || ' [restricted Org-API-Key, revoked by migration 0003: create an API key with these scopes instead]'
WHERE scopes IS NOT NULL;
-- From now on only full-authority Org-API-Keys are written; a scoped one can only be a revoked old one.
ALTER TABLE org_api_keys ADD CONSTRAINT org_api_keys_scopes_retired CHECK (scopes IS NULL OR revoked_at IS NOT NULL);

CREATE TABLE applications (
  seq bigserial UNIQUE,
  -- The App ID: app_ + 16 base62, public.
  id text PRIMARY KEY,
  name text NOT NULL,
  environment text NOT NULL DEFAULT 'sandbox' CHECK (environment IN ('sandbox', 'production')),
  -- The App Secret, as a SHA-256 hash: the secret itself is shown once.
  secret_hash text NOT NULL,
  -- The secret in use before the last rotation, working until previous_secret_expires_at.
  previous_secret_hash text,
  previous_secret_expires_at timestamptz,
  secret_rotated_at timestamptz,
  created_at timestamptz NOT NULL,
  CHECK ((previous_secret_hash IS NULL) = (previous_secret_expires_at IS NULL))
);

CREATE TABLE api_keys (
  seq bigserial UNIQUE,
  id text PRIMARY KEY,
  app_id text NOT NULL REFERENCES applications (id),
  name text NOT NULL,
  -- The key as a SHA-256 hash: the key itself is shown once, by createApiKey.
  secret_hash text NOT NULL UNIQUE,
  -- Prefix + '…' + last 4 characters (test_sk_…qenA).
  hint text NOT NULL,
  scopes text[] NOT NULL CHECK (cardinality(scopes) >= 1),
  environment text NOT NULL DEFAULT 'sandbox' CHECK (environment IN ('sandbox', 'production')),
  created_at timestamptz NOT NULL,
  expires_at timestamptz,
  -- When the key stops (or stopped) working; may be in the future during a rotation.
  revoked_at timestamptz
);
CREATE INDEX api_keys_app ON api_keys (app_id, seq);

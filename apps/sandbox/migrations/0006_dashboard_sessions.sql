-- Sessions of the developer dashboard (/_dashboard, issue 26). A developer signs in once with an
-- Org-API-Key; the browser then holds a random session id in an HttpOnly cookie, never the key.
-- The id is stored as a SHA-256 hash, like every secret here. Times are real time (the session is
-- a security matter, not part of the simulation): advancing the sandbox clock signs nobody out.
CREATE TABLE dashboard_sessions (
  id_hash text PRIMARY KEY,
  -- The Org-API-Key that signed in: revoking it ends its sessions.
  org_key_id text NOT NULL REFERENCES org_api_keys (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  -- Set by sign-out (or by revoking the key): the session is over.
  revoked_at timestamptz
);
CREATE INDEX dashboard_sessions_key ON dashboard_sessions (org_key_id);

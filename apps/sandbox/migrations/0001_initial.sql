-- The sandbox's first schema: one org's loyalty program. The same file runs on PGlite and on
-- PostgreSQL; every list has a `seq` so cursors page in a stable order.

-- The sandbox clock: real time plus an offset a developer advances (a test clock).
CREATE TABLE sandbox_clock (
  id integer PRIMARY KEY CHECK (id = 1),
  offset_ms bigint NOT NULL DEFAULT 0
);
INSERT INTO sandbox_clock (id, offset_ms) VALUES (1, 0);

-- Org-API-Keys, stored as SHA-256 hashes: the key itself is shown once, when it is created.
CREATE TABLE api_keys (
  id text PRIMARY KEY,
  secret_hash text NOT NULL UNIQUE,
  -- The first characters, so a developer can tell keys apart in a list.
  hint text NOT NULL,
  -- NULL: every scope (a full-access key).
  scopes text[],
  description text NOT NULL,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);

CREATE TABLE offers (
  seq bigserial UNIQUE,
  id text PRIMARY KEY,
  title text NOT NULL,
  description text NOT NULL,
  category text NOT NULL,
  points_cost bigint NOT NULL CHECK (points_cost >= 1),
  minimum_tier text NOT NULL,
  image_url text NOT NULL,
  available_until timestamptz
);

CREATE TABLE members (
  external_user_id text PRIMARY KEY,
  display_name text NOT NULL,
  tier text NOT NULL,
  -- The ledger's invariant, enforced by the database as well as by the code.
  balance bigint NOT NULL DEFAULT 0 CHECK (balance >= 0),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE member_tokens (
  token_hash text PRIMARY KEY,
  external_user_id text NOT NULL REFERENCES members (external_user_id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);

CREATE TABLE redemptions (
  seq bigserial UNIQUE,
  id text PRIMARY KEY,
  offer_id text NOT NULL REFERENCES offers (id),
  external_user_id text NOT NULL,
  points_spent bigint NOT NULL CHECK (points_spent >= 1),
  status text NOT NULL,
  voucher_code text,
  created_at timestamptz NOT NULL
);
CREATE INDEX redemptions_member ON redemptions (external_user_id, seq);

-- Every movement of points. Kept when a member is removed: analytics count what happened.
CREATE TABLE wallet_transactions (
  seq bigserial UNIQUE,
  id text PRIMARY KEY,
  external_user_id text NOT NULL,
  type text NOT NULL CHECK (type IN ('credit', 'redemption')),
  amount bigint NOT NULL,
  balance_after bigint NOT NULL CHECK (balance_after >= 0),
  description text NOT NULL,
  redemption_id text,
  created_at timestamptz NOT NULL
);
CREATE INDEX wallet_transactions_member ON wallet_transactions (external_user_id, seq);
CREATE INDEX wallet_transactions_time ON wallet_transactions (created_at);

-- Stored results of idempotent POSTs, per caller and key, for 24 h.
CREATE TABLE idempotency_keys (
  caller text NOT NULL,
  key text NOT NULL,
  operation_id text NOT NULL,
  request_hash text NOT NULL,
  status integer NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (caller, key)
);

CREATE TABLE webhook_endpoints (
  seq bigserial UNIQUE,
  id text PRIMARY KEY,
  url text NOT NULL,
  events text[] NOT NULL,
  signing_secret text NOT NULL,
  -- Seeded from the spec's examples: listed and deletable, never delivered to (nobody has the secret).
  example boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  deleted_at timestamptz
);

-- The outbox: an event and its deliveries are written in the transaction that caused them.
CREATE TABLE events (
  seq bigserial UNIQUE,
  id text PRIMARY KEY,
  type text NOT NULL,
  payload text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE webhook_deliveries (
  seq bigserial UNIQUE,
  id text PRIMARY KEY,
  event_id text NOT NULL REFERENCES events (id),
  webhook_id text NOT NULL REFERENCES webhook_endpoints (id),
  -- pending (waiting for its next attempt), sending, succeeded, failed (gave up).
  state text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  last_status integer,
  last_error text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);

CREATE TABLE webhook_attempts (
  seq bigserial PRIMARY KEY,
  delivery_id text NOT NULL REFERENCES webhook_deliveries (id),
  attempt integer NOT NULL,
  url text NOT NULL,
  attempted_at timestamptz NOT NULL,
  status integer,
  error text,
  duration_ms integer NOT NULL
);

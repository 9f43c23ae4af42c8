-- Stamps and cashback (issue 22): two more ledgers, each a balance that never goes below zero and
-- a history whose rows add up to it. Same rules as the points ledger: a change locks the balance's
-- row, writes the movement with the balance it produced, and the CHECKs are the backstop.

-- Stamp card definitions: configuration of the org, not member data. Written here (not by the
-- seed) so that data created by an older sandbox gets them too; `reset` keeps them.
CREATE TABLE stamp_cards (
  seq bigserial UNIQUE,
  id text PRIMARY KEY,
  name text NOT NULL,
  -- Stamps one reward costs.
  threshold integer NOT NULL CHECK (threshold >= 1),
  reward_description text NOT NULL
);
INSERT INTO stamp_cards (id, name, threshold, reward_description) VALUES
  ('stc_Coffee10Card0001', 'Coffee card', 10, 'A free coffee of any size'),
  ('stc_Pastry6Card0001', 'Pastry card', 6, 'A pastry of your choice');

-- A member's stamps on one card; no row is 0 stamps. Goes with the member (removeMember).
CREATE TABLE stamp_balances (
  external_user_id text NOT NULL REFERENCES members (external_user_id) ON DELETE CASCADE,
  stamp_card_id text NOT NULL REFERENCES stamp_cards (id),
  stamps integer NOT NULL CHECK (stamps >= 0),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (external_user_id, stamp_card_id)
);

-- Every change of a stamp balance. Kept when a member is removed (under a tombstone id, as the
-- points history): analytics count what happened.
CREATE TABLE stamp_transactions (
  seq bigserial UNIQUE,
  id text PRIMARY KEY,
  external_user_id text NOT NULL,
  stamp_card_id text NOT NULL REFERENCES stamp_cards (id),
  type text NOT NULL CHECK (type IN ('added', 'redeemed')),
  stamps integer NOT NULL CHECK ((type = 'added' AND stamps > 0) OR (type = 'redeemed' AND stamps < 0)),
  stamps_after integer NOT NULL CHECK (stamps_after >= 0),
  reason text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX stamp_transactions_member ON stamp_transactions (external_user_id, seq);
CREATE INDEX stamp_transactions_time ON stamp_transactions (created_at);

-- Cashback in minor units of the cashback currency (USD cents), on the member's row: removed with
-- it, 0 for a new member.
ALTER TABLE members ADD COLUMN cashback_balance bigint NOT NULL DEFAULT 0 CHECK (cashback_balance >= 0);

CREATE TABLE cashback_transactions (
  seq bigserial UNIQUE,
  id text PRIMARY KEY,
  external_user_id text NOT NULL,
  type text NOT NULL CHECK (type IN ('credit', 'redemption')),
  amount bigint NOT NULL CHECK ((type = 'credit' AND amount > 0) OR (type = 'redemption' AND amount < 0)),
  balance_after bigint NOT NULL CHECK (balance_after >= 0),
  reason text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX cashback_transactions_member ON cashback_transactions (external_user_id, seq);
CREATE INDEX cashback_transactions_time ON cashback_transactions (created_at);

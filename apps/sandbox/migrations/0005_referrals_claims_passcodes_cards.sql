-- Referrals, claims, passcodes and membership cards (issue 22). Points they move go through the
-- points ledger (members.balance and wallet_transactions), so a member's wallet history shows
-- every referral reward and every approved claim, and the ledger still adds up to the balance.

-- One referral code per member, made the first time its code is read. It goes with the member
-- (removeMember): its code stops being valid, and a new member with that id gets a new code.
CREATE TABLE referral_codes (
  code text PRIMARY KEY,
  external_user_id text NOT NULL UNIQUE REFERENCES members (external_user_id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL
);

-- Every application of a code: one per referee, for life (the UNIQUE is the backstop of the code's
-- check, under any concurrency). Kept when either member is removed, under a tombstone id (as the
-- points history): analytics count the conversion, and a new member with that id starts clean.
CREATE TABLE referral_applications (
  seq bigserial UNIQUE,
  id text PRIMARY KEY,
  code text NOT NULL,
  referee_external_user_id text NOT NULL UNIQUE,
  referrer_external_user_id text NOT NULL,
  referee_points bigint NOT NULL CHECK (referee_points >= 0),
  referrer_points bigint NOT NULL CHECK (referrer_points >= 0),
  -- The two credits in wallet_transactions.
  referee_transaction_id text NOT NULL,
  referrer_transaction_id text NOT NULL,
  created_at timestamptz NOT NULL,
  CHECK (referee_external_user_id <> referrer_external_user_id)
);
CREATE INDEX referral_applications_referrer ON referral_applications (referrer_external_user_id);
CREATE INDEX referral_applications_time ON referral_applications (created_at);

-- Claims: pending until decided, once (approved or rejected). A member's claims go with it.
CREATE TABLE claims (
  seq bigserial UNIQUE,
  id text PRIMARY KEY,
  external_user_id text NOT NULL REFERENCES members (external_user_id) ON DELETE CASCADE,
  type text NOT NULL CHECK (type IN ('missing_points', 'receipt', 'other')),
  description text NOT NULL,
  points bigint NOT NULL CHECK (points >= 1),
  reference text,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_at timestamptz,
  points_credited bigint CHECK (points_credited >= 0),
  decision_reason text,
  -- The approval's credit in wallet_transactions (NULL for a pending or rejected claim).
  transaction_id text,
  created_at timestamptz NOT NULL,
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK ((status = 'approved') = (transaction_id IS NOT NULL))
);
CREATE INDEX claims_member ON claims (external_user_id, seq);

-- One-time passcodes. The code is kept in plain text while it can still be verified (the control
-- plane and `expys-sandbox otp` show it: the sandbox delivers it nowhere) and erased once it
-- cannot (verified, locked, or expired): no hash is kept, because a hash of one of 10^6 codes
-- is reversed by trying them all, and would protect nothing (README: Passcodes).
CREATE TABLE passcodes (
  seq bigserial UNIQUE,
  id text PRIMARY KEY,
  external_user_id text NOT NULL REFERENCES members (external_user_id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('sms', 'email')),
  code text CHECK (code ~ '^[0-9]{6}$'),
  -- Wrong codes tried so far.
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts integer NOT NULL CHECK (max_attempts >= 1),
  created_at timestamptz NOT NULL,
  -- On the sandbox clock.
  expires_at timestamptz NOT NULL,
  verified_at timestamptz,
  locked_at timestamptz,
  CHECK (verified_at IS NULL OR locked_at IS NULL),
  -- Nothing of a passcode that can no longer be verified is kept.
  CHECK ((verified_at IS NULL AND locked_at IS NULL) OR code IS NULL)
);
CREATE INDEX passcodes_member ON passcodes (external_user_id, seq);
CREATE INDEX passcodes_live ON passcodes (expires_at) WHERE code IS NOT NULL;

-- The membership card: one per member, made the first time its cards are read. Its tier is the
-- member's, read live; its rewards are the member's stamp rewards ready to redeem.
CREATE TABLE member_cards (
  seq bigserial UNIQUE,
  id text PRIMARY KEY,
  external_user_id text NOT NULL UNIQUE REFERENCES members (external_user_id) ON DELETE CASCADE,
  number text NOT NULL UNIQUE CHECK (number ~ '^[0-9]{16}$'),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked')),
  issued_at timestamptz NOT NULL
);

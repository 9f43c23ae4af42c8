// One-time passcodes. requestPasscode makes a 6-digit code that expires PASSCODE_TTL_MS later on
// the sandbox clock and locks after PASSCODE_ATTEMPTS wrong tries; verifyPasscode verifies it
// once. The sandbox delivers it nowhere: the control plane (`expys-sandbox otp <member>`) shows it.
//
// How codes are stored: in plain text, only while they can still be verified, and erased (NULL)
// the moment they cannot: verified, locked, or expired (an expired code is erased by the next
// passcode request, verification or control-plane read). The control plane must show the code,
// so it is stored in a form that can be read back while it is live. No hash is kept for the
// verification either: there are 10^6 codes, and trying them all reverses any hash of one
// (salted or not) in well under a second, so a hash would protect nothing and only look as if
// it did. What protects a passcode is that it lives 10 minutes and 5 tries, and that nothing of
// it is left afterwards (a backup or dump taken later holds no code).
import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Database, Queryable } from '../db/database.js';
import type { Clock } from './clock.js';
import { newId } from './ids.js';
import { requireMember } from './members.js';
import { ApiProblem } from './problem.js';
import { iso } from './representations.js';

export const PASSCODE_TTL_MS = 10 * 60_000;
export const PASSCODE_ATTEMPTS = 5;

export type Channel = 'sms' | 'email';

/** 000000–999999, uniformly. */
export const newPasscode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** Erases the codes whose time has passed (the index on live codes keeps this cheap). */
export async function eraseExpiredCodes(tx: Queryable, now: Date): Promise<void> {
  await tx.query('UPDATE passcodes SET code = NULL WHERE code IS NOT NULL AND expires_at <= $1', [now]);
}

/** The spec's PasscodeRequest, for a new passcode of an existing member. */
export async function requestPasscode(tx: Queryable, clock: Clock, externalUserID: string, channel: Channel) {
  // Checked first: a refusal writes nothing (the idempotency store stores it as the answer).
  await requireMember(tx, externalUserID);
  const now = clock.now();
  await eraseExpiredCodes(tx, now);
  const [row] = await tx.query(
    'INSERT INTO passcodes (id, external_user_id, channel, code, max_attempts, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *',
    [newId('pc'), externalUserID, channel, newPasscode(), PASSCODE_ATTEMPTS, now, new Date(now.getTime() + PASSCODE_TTL_MS)],
  );
  return { passcodeId: row.id as string, externalUserID, channel: row.channel as Channel, expiresAt: iso(row.expires_at), attemptsAllowed: Number(row.max_attempts) };
}

const sameCode = (stored: string, typed: string) => stored.length === typed.length && timingSafeEqual(Buffer.from(stored), Buffer.from(typed));

const rejected = (code: string, detail: string) => new ApiProblem(code, detail, [{ path: '/code', message: detail }]);

type Outcome = { verified: { passcodeId: string; externalUserID: string; verified: true; verifiedAt: string } } | { problem: ApiProblem };

/**
 * Checks the code the member typed. Wrong tries are counted (and a lock written) even though the
 * answer is a refusal, so this runs its own transaction and throws the refusal after the commit.
 * The passcode's row is locked: concurrent tries are counted one by one.
 */
export async function verifyPasscode(db: Database, clock: Clock, externalUserID: string, input: { passcodeId: string; code: string }) {
  const outcome = await db.transaction<Outcome>(async (tx) => {
    const now = clock.now();
    const [row] = await tx.query('SELECT * FROM passcodes WHERE id = $1 AND external_user_id = $2 FOR UPDATE', [input.passcodeId, externalUserID]);
    // Another member's passcode is as absent as a missing one; a verified one is used up.
    if (!row || row.verified_at) {
      return { problem: new ApiProblem('not_found', `The passcode ${JSON.stringify(input.passcodeId)} does not exist, or was already verified (a passcode is verified once). Ask your backend for a new one.`) };
    }
    if (row.locked_at) return { problem: rejected('passcode_locked', `${row.max_attempts} wrong codes were tried; this passcode is locked. Request a new one.`) };
    // A live code is never NULL; an erased one expired (erased by a sweep whose clock ran ahead of this one's).
    if (row.code === null || new Date(row.expires_at).getTime() <= now.getTime()) {
      if (row.code !== null) await tx.query('UPDATE passcodes SET code = NULL WHERE id = $1', [row.id]);
      return { problem: rejected('passcode_expired', `The passcode expired at ${iso(row.expires_at)}. Request a new one.`) };
    }
    if (sameCode(row.code, input.code)) {
      const [done] = await tx.query('UPDATE passcodes SET verified_at = $2, code = NULL WHERE id = $1 RETURNING verified_at', [row.id, now]);
      return { verified: { passcodeId: row.id, externalUserID, verified: true, verifiedAt: iso(done.verified_at) } };
    }
    const attempts = Number(row.attempts) + 1;
    const remaining = Number(row.max_attempts) - attempts;
    if (remaining <= 0) {
      await tx.query('UPDATE passcodes SET attempts = $2, locked_at = $3, code = NULL WHERE id = $1', [row.id, attempts, now]);
      return { problem: rejected('passcode_locked', `The passcode does not match, and ${attempts} wrong codes were tried: this passcode is locked. Request a new one.`) };
    }
    await tx.query('UPDATE passcodes SET attempts = $2 WHERE id = $1', [row.id, attempts]);
    return { problem: rejected('passcode_invalid', `The passcode does not match; ${remaining} ${remaining === 1 ? 'try remains' : 'tries remain'}.`) };
  });
  if ('problem' in outcome) throw outcome.problem;
  return outcome.verified;
}

export type PasscodeStatus = 'active' | 'verified' | 'locked' | 'expired';

/** What the control plane shows of a passcode: the code only while it can be verified. */
export interface PasscodeInfo {
  passcodeId: string;
  externalUserID: string;
  channel: Channel;
  status: PasscodeStatus;
  code: string | null;
  attemptsLeft: number;
  createdAt: string;
  expiresAt: string;
  verifiedAt: string | null;
}

/** The member's latest passcodes, newest first (at most `limit`), for the control plane. */
export async function passcodesOf(db: Database, clock: Clock, externalUserID: string, limit = 20): Promise<PasscodeInfo[]> {
  await requireMember(db, externalUserID);
  const now = clock.now();
  await eraseExpiredCodes(db, now);
  const rows = await db.query('SELECT * FROM passcodes WHERE external_user_id = $1 ORDER BY seq DESC LIMIT $2', [externalUserID, limit]);
  return rows.map((row) => {
    const status: PasscodeStatus = row.verified_at ? 'verified' : row.locked_at ? 'locked' : new Date(row.expires_at).getTime() <= now.getTime() ? 'expired' : 'active';
    return {
      passcodeId: row.id,
      externalUserID: row.external_user_id,
      channel: row.channel,
      status,
      code: status === 'active' ? row.code : null,
      attemptsLeft: status === 'active' ? Number(row.max_attempts) - Number(row.attempts) : 0,
      createdAt: iso(row.created_at),
      expiresAt: iso(row.expires_at),
      verifiedAt: row.verified_at ? iso(row.verified_at) : null,
    };
  });
}

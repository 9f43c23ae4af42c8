// Referrals. Each member has one code, made the first time it is read (getReferrals,
// getMemberReferrals). A member applies one code in its lifetime, never its own; applying it
// credits both members once through the points ledger (the referee REFEREE_POINTS, the referrer
// REFERRER_POINTS) and sends referral.applied. The application locks both members' rows (in one
// order, so two members applying each other's codes at once cannot deadlock) and then checks
// that the referee has applied none: a second application by one referee, however concurrent,
// waits for the first and is refused. The UNIQUE on the referee is the backstop.
import type { Queryable } from '../db/database.js';
import type { DateRange } from './analytics.js';
import type { Clock } from './clock.js';
import { emitEvent } from './events.js';
import { newId } from './ids.js';
import { rewardPoints } from './point-rewards.js';
import { ApiProblem, notFound } from './problem.js';
import { iso } from './representations.js';
import { randomInt } from 'node:crypto';

/** Points the member who applies a code earns. */
export const REFEREE_POINTS = 250;
/** Points the member whose code it is earns, per application. */
export const REFERRER_POINTS = 500;

const CODE_PREFIX = 'BEAN-';
/** Crockford's base32: no I, L, O or U, so a code read aloud or typed from a poster is not mistaken. */
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `BEAN-` and 4 base32 characters (about a million codes; a taken one is drawn again). */
export function newReferralCode(): string {
  let code = CODE_PREFIX;
  for (let i = 0; i < 4; i++) code += BASE32[randomInt(BASE32.length)];
  return code;
}

export interface ReferralApplicationView {
  code: string;
  refereeExternalUserID: string;
  refereePoints: number;
  referrerPoints: number;
  appliedAt: string;
}

const application = (row: any): ReferralApplicationView => ({
  code: row.code,
  refereeExternalUserID: row.referee_external_user_id,
  refereePoints: Number(row.referee_points),
  referrerPoints: Number(row.referrer_points),
  appliedAt: iso(row.created_at),
});

const refused = (code: string, detail: string) => new ApiProblem(code, detail, [{ path: '/code', message: detail }]);

/**
 * The member's code, made now if it has none. The member must exist. Two first reads at once
 * make one code: the loser's insert conflicts on the member and it reads the winner's.
 */
export async function referralCodeOf(db: Queryable, clock: Clock, externalUserID: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const [existing] = await db.query<{ code: string }>('SELECT code FROM referral_codes WHERE external_user_id = $1', [externalUserID], { cacheable: true });
    if (existing) return existing.code;
    const [made] = await db.query<{ code: string }>(
      'INSERT INTO referral_codes (code, external_user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING code',
      [newReferralCode(), externalUserID, clock.now()],
    );
    if (made) return made.code;
    // Either another request made this member's code (read above on the next turn), or the
    // drawn code was taken: draw again.
  }
  throw new Error('Could not draw a free referral code in 20 tries.');
}

/** The spec's ReferralSummary: the member's code, what it brought, and the code it applied. */
export async function referralSummary(db: Queryable, clock: Clock, externalUserID: string) {
  const code = await referralCodeOf(db, clock, externalUserID);
  const [stats] = await db.query(
    'SELECT count(*)::int AS referrals, COALESCE(sum(referrer_points), 0)::bigint AS points FROM referral_applications WHERE referrer_external_user_id = $1',
    [externalUserID],
    { cacheable: true },
  );
  const [applied] = await db.query<{ code: string }>('SELECT code FROM referral_applications WHERE referee_external_user_id = $1', [externalUserID], { cacheable: true });
  return { externalUserID, code, referrals: Number(stats.referrals), pointsEarned: Number(stats.points), referredBy: applied?.code ?? null };
}

/** The spec's ReferralCodeValidation: an unknown code is `valid: false`, not a 404. */
export async function validateReferralCode(db: Queryable, code: string) {
  const [row] = await db.query<{ external_user_id: string }>('SELECT external_user_id FROM referral_codes WHERE code = $1', [code], { cacheable: true });
  return { code, valid: row !== undefined, referrerExternalUserID: row?.external_user_id ?? null };
}

/**
 * Applies `code` for the referee, in the caller's transaction: every check first (nothing is
 * written before a refusal, as the idempotency store requires), then the two credits, the
 * application and the referral.applied event.
 */
export async function applyReferralCode(tx: Queryable, clock: Clock, refereeID: string, code: string): Promise<ReferralApplicationView> {
  const [owner] = await tx.query<{ external_user_id: string }>('SELECT external_user_id FROM referral_codes WHERE code = $1', [code]);
  if (!owner) throw refused('referral_code_invalid', `No member has the referral code ${code}.`);
  const referrerID = owner.external_user_id;
  if (referrerID === refereeID) throw refused('self_referral', 'A member cannot apply its own referral code.');

  // Both rows, always in the same order: the referee's lock serialises its applications, and
  // neither member can be removed (nor its balance move) until this commits.
  const locked = await tx.query<{ external_user_id: string }>('SELECT external_user_id FROM members WHERE external_user_id = ANY($1::text[]) ORDER BY external_user_id FOR UPDATE', [
    [refereeID, referrerID],
  ]);
  const present = new Set(locked.map((row) => row.external_user_id));
  if (!present.has(refereeID)) throw notFound(`The member ${JSON.stringify(refereeID)}`);
  // Removed between the two reads (its code went with it).
  if (!present.has(referrerID)) throw refused('referral_code_invalid', `No member has the referral code ${code}.`);

  const [earlier] = await tx.query('SELECT code, created_at FROM referral_applications WHERE referee_external_user_id = $1', [refereeID]);
  if (earlier) {
    throw refused('referral_already_applied', `This member applied the code ${earlier.code} on ${iso(earlier.created_at).slice(0, 10)}; a member applies one code once.`);
  }

  const now = clock.now();
  // Descriptions name the code, never the other member (an externalUserID is the integrator's own id).
  const referee = await rewardPoints(tx, now, refereeID, REFEREE_POINTS, `Referral: welcome points for applying the code ${code}`);
  const referrer = await rewardPoints(tx, now, referrerID, REFERRER_POINTS, `Referral: a new member applied your code ${code}`);
  const [row] = await tx.query(
    `INSERT INTO referral_applications (id, code, referee_external_user_id, referrer_external_user_id, referee_points, referrer_points, referee_transaction_id, referrer_transaction_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [newId('rfa'), code, refereeID, referrerID, REFEREE_POINTS, REFERRER_POINTS, referee.transactionId, referrer.transactionId, now],
  );
  const view = application(row);
  await emitEvent(tx, 'referral.applied', view, now);
  return view;
}

/** Referral codes applied in the range: each a member who came by referral. */
export async function referralAnalytics(db: Queryable, range: DateRange) {
  const [row] = await db.query('SELECT count(*)::int AS n FROM referral_applications WHERE created_at >= $1 AND created_at < $2', [range.start, range.end], { cacheable: true });
  return { referralConversions: Number(row.n) };
}

/** removeMember: the member's applications stay for analytics, under its tombstone id (its code goes with its row). */
export async function unlinkReferrals(tx: Queryable, externalUserID: string, tombstone: string): Promise<void> {
  await tx.query('UPDATE referral_applications SET referee_external_user_id = $2 WHERE referee_external_user_id = $1', [externalUserID, tombstone]);
  await tx.query('UPDATE referral_applications SET referrer_external_user_id = $2 WHERE referrer_external_user_id = $1', [externalUserID, tombstone]);
}

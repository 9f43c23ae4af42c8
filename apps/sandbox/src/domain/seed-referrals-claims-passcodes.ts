// The seed's referral codes, claims and passcodes, taken from the spec's own examples so that
// each example request of these operations succeeds on a fresh (or reset) sandbox, as the mock's
// examples do: the examples' codes belong to the members they name, their claims are pending
// (deciding them is approveClaim's and rejectClaim's job), and the example passcode is live with
// the example code. Members the referral examples name that no Member example describes (a
// code's owner, a referee) are enrolled as exchangeToken enrols a member.
import type { Queryable } from '../db/database.js';
import { PASSCODE_ATTEMPTS, PASSCODE_TTL_MS } from './passcodes.js';
import { TIERS } from './representations.js';

export interface AreaSeed {
  /** Members to enrol unless the Member examples already make them. */
  members: string[];
  codes: { code: string; externalUserID: string }[];
  claims: { id: string; externalUserID: string; type: string; description: string; points: number; reference: string | null; createdAt: string | undefined }[];
  passcodes: { id: string; externalUserID: string; channel: string; code: string }[];
}

const isObject = (value: unknown): value is Record<string, any> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What the examples (every example value of the bundle) say about referrals, claims and passcodes. */
export function areaSeedFromExamples(values: unknown[]): AreaSeed {
  const members = new Set<string>();
  const owners = new Map<string, string>();
  const codes: AreaSeed['codes'] = [];
  const own = (code: unknown, externalUserID: unknown) => {
    if (typeof code !== 'string' || typeof externalUserID !== 'string' || !/^[A-Z0-9-]{4,32}$/.test(code)) return;
    members.add(externalUserID);
    // First one wins: one code per member, one member per code.
    if (owners.has(code) || codes.some((c) => c.externalUserID === externalUserID)) return;
    owners.set(code, externalUserID);
    codes.push({ code, externalUserID });
  };
  const claims = new Map<string, AreaSeed['claims'][number]>();
  const requested = new Map<string, { externalUserID: string; channel: string }>();
  const typed = new Map<string, string>();

  for (const value of values.filter(isObject)) {
    // ReferralSummary: a member and its code.
    if ('referrals' in value && 'pointsEarned' in value) own(value.code, value.externalUserID);
    // ReferralCodeValidation of a valid code: its owner.
    if (value.valid === true && 'referrerExternalUserID' in value) own(value.code, value.referrerExternalUserID);
    // ReferralApplication: the referee is a member too.
    if (typeof value.refereeExternalUserID === 'string') members.add(value.refereeExternalUserID);
    if (typeof value.id === 'string' && value.id.startsWith('clm_') && typeof value.externalUserID === 'string' && typeof value.points === 'number' && typeof value.type === 'string' && typeof value.description === 'string' && !claims.has(value.id)) {
      claims.set(value.id, {
        id: value.id,
        externalUserID: value.externalUserID,
        type: value.type,
        description: value.description,
        points: value.points,
        reference: value.reference ?? null,
        createdAt: value.createdAt,
      });
    }
    if (typeof value.passcodeId === 'string') {
      if (typeof value.externalUserID === 'string' && typeof value.channel === 'string' && !requested.has(value.passcodeId)) {
        requested.set(value.passcodeId, { externalUserID: value.externalUserID, channel: value.channel });
      }
      if (typeof value.code === 'string' && /^[0-9]{6}$/.test(value.code) && !typed.has(value.passcodeId)) typed.set(value.passcodeId, value.code);
    }
  }
  const passcodes = [...requested].flatMap(([id, p]) => (typed.has(id) ? [{ id, ...p, code: typed.get(id)! }] : []));
  return { members: [...members], codes, claims: [...claims.values()], passcodes };
}

/**
 * Writes them after the seed's members (in the caller's transaction). `shift` moves example
 * times as the rest of the seed moves them; the passcodes are made now, live for their 10
 * minutes of sandbox time. Anything naming a member that does not exist is left out.
 */
export async function writeAreaSeed(tx: Queryable, seed: AreaSeed, now: Date, shift: number): Promise<void> {
  for (const externalUserID of seed.members) {
    await tx.query(
      `INSERT INTO members (external_user_id, display_name, tier, balance, created_at, updated_at) VALUES ($1, left($1, 100), $2, 0, $3, $3)
       ON CONFLICT (external_user_id) DO NOTHING`,
      [externalUserID, TIERS[0], now],
    );
  }
  const exists = async (externalUserID: string) => (await tx.query('SELECT 1 FROM members WHERE external_user_id = $1', [externalUserID])).length > 0;
  for (const { code, externalUserID } of seed.codes) {
    if (await exists(externalUserID)) await tx.query('INSERT INTO referral_codes (code, external_user_id, created_at) VALUES ($1, $2, $3)', [code, externalUserID, now]);
  }
  for (const claim of seed.claims) {
    if (!(await exists(claim.externalUserID))) continue;
    const createdAt = claim.createdAt ? new Date(Math.min(Date.parse(claim.createdAt) + shift, now.getTime())) : now;
    await tx.query(
      "INSERT INTO claims (id, external_user_id, type, description, points, reference, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7)",
      [claim.id, claim.externalUserID, claim.type, claim.description, claim.points, claim.reference, createdAt],
    );
  }
  for (const passcode of seed.passcodes) {
    if (!(await exists(passcode.externalUserID))) continue;
    await tx.query('INSERT INTO passcodes (id, external_user_id, channel, code, max_attempts, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      passcode.id,
      passcode.externalUserID,
      passcode.channel,
      passcode.code,
      PASSCODE_ATTEMPTS,
      now,
      new Date(now.getTime() + PASSCODE_TTL_MS),
    ]);
  }
}

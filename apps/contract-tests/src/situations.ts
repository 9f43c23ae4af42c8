// Situations that cause a documented refusal only a stateful target can produce: a member with
// too few stamps, a claim decided the other way, a referral code applied twice, a passcode tried
// five times or left to expire on the test clock. Each one arranges its situation through the API
// itself (a new member, enrolled by its first token, so no other case's state matters), then says
// what to send and which problem `code` must come back. Keyed by operation and status; an
// operation's generic cases (unknown ids, bad bodies…) stay in stateful.test.ts.
import { randomBytes } from 'node:crypto';
import type { ExampleRequest } from './requests.js';
import type { Operation } from './spec.js';

/** What the situation asks the target for, each answer checked against the spec by the caller. */
export interface Api {
  /** A member nobody else uses, enrolled by its first token (exchangeToken, Org-API-Key), with that token. */
  newMember(): Promise<{ externalUserID: string; token: string }>;
  /** A call with the Org-API-Key that must succeed; its JSON body. */
  server(method: string, path: string, body?: unknown): Promise<any>;
  /** A call with a member token that must succeed; its JSON body. */
  member(token: string, method: string, path: string, body?: unknown): Promise<any>;
  /** A call with a member token, whatever it answers. */
  memberAttempt(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** The sandbox's control plane (`/_sandbox/…`, Org-API-Key). */
  controlPlane(method: string, path: string, body?: unknown): Promise<any>;
}

/** The request that meets the situation. */
export interface Send {
  request: ExampleRequest;
  /** The bearer credential, when not the operation's own (another member's token). */
  token?: string;
  headers?: Record<string, string>;
  /** A request to send first with the same headers (an Idempotency-Key's first use). */
  before?: ExampleRequest;
}

export interface Situation {
  /** In the test's name: what makes the refusal happen. */
  name: string;
  status: number;
  code: string;
  /** What the problem's `detail` must say, when the spec says it says something. */
  detail?: RegExp;
  /** It moves the sandbox's test clock: run after every other case (member tokens live 15 minutes of it). */
  movesClock?: true;
  arrange(api: Api): Promise<Send>;
}

const COFFEE_CARD = 'stc_Coffee10Card0001';
const UNKNOWN_CODE = 'NOPE-0000';

const key = (name: string) => `${name}-${randomBytes(6).toString('hex')}`;

/** A request to `op` on concrete path values, with a body or a query. */
function call(op: Operation, pathValues: Record<string, string>, body?: unknown): ExampleRequest {
  const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const values = names.map((name) => {
    if (!(name in pathValues)) throw new Error(`${op.operationId}: no value for {${name}}`);
    return pathValues[name];
  });
  const urlPath = names.reduce((path, name, i) => path.replace(`{${name}}`, encodeURIComponent(values[i])), op.path);
  return { pathValues: values, query: undefined, body, urlPath };
}

const member = (id: string) => `/v1/members/${encodeURIComponent(id)}`;

/** A new member holding `stamps` on the coffee card (threshold 10). */
async function withStamps(api: Api, stamps: number) {
  const m = await api.newMember();
  if (stamps > 0) await api.server('POST', `${member(m.externalUserID)}/stamps`, { stampCardId: COFFEE_CARD, stamps, reason: 'Coffee at Bean & Co. Main St' });
  return m;
}

/** A new member with a pending claim. */
async function withClaim(api: Api) {
  const m = await api.newMember();
  const claim = await api.member(m.token, 'POST', '/v1/claims', { type: 'missing_points', description: 'My coffee on 12 March did not earn stars', points: 50 });
  return { ...m, claimId: claim.id as string };
}

/** A referrer's code and a new member who has applied none. */
async function referrerAndFriend(api: Api) {
  const referrer = await api.newMember();
  const { code } = await api.member(referrer.token, 'GET', '/v1/referrals');
  return { referrer, code: code as string, friend: await api.newMember() };
}

/** A new member's passcode, and its code as the control plane shows it. */
async function withPasscode(api: Api) {
  const m = await api.newMember();
  const { passcodeId } = await api.server('POST', `${member(m.externalUserID)}/passcodes`, { channel: 'sms' });
  const { data } = await api.controlPlane('GET', `/_sandbox/members/${encodeURIComponent(m.externalUserID)}/passcodes`);
  const shown = data.find((p: { passcodeId: string }) => p.passcodeId === passcodeId);
  if (!shown?.code) throw new Error(`the control plane shows no code for ${passcodeId}`);
  return { ...m, passcodeId: passcodeId as string, code: shown.code as string, wrong: shown.code === '000000' ? '111111' : '000000' };
}

/** The refusals of applyReferralCode (member token) and applyMemberReferral (Org-API-Key, the member in the path). */
function referralRefusals(op: Operation, backend: boolean): Situation[] {
  const apply = (m: { externalUserID: string; token: string }, code: string): Send =>
    backend ? { request: call(op, { externalUserID: m.externalUserID }, { code }) } : { request: call(op, {}, { code }), token: m.token };
  return [
    {
      name: 'a code no member has',
      status: 422,
      code: 'referral_code_invalid',
      arrange: async (api) => apply(await api.newMember(), UNKNOWN_CODE),
    },
    {
      name: "the member's own code",
      status: 422,
      code: 'self_referral',
      arrange: async (api) => {
        const m = await api.newMember();
        const { code } = await api.member(m.token, 'GET', '/v1/referrals');
        return apply(m, code);
      },
    },
    {
      name: 'a second code for a member who applied one',
      status: 422,
      code: 'referral_already_applied',
      arrange: async (api) => {
        const { code, friend } = await referrerAndFriend(api);
        await api.member(friend.token, 'POST', '/v1/referrals/apply', { code });
        const other = await api.newMember();
        const { code: second } = await api.member(other.token, 'GET', '/v1/referrals');
        return apply(friend, second);
      },
    },
    {
      name: 'an Idempotency-Key used first for another code',
      status: 409,
      code: 'idempotency_conflict',
      arrange: async (api) => {
        const { code, friend } = await referrerAndFriend(api);
        const first = apply(friend, code);
        return { ...apply(friend, UNKNOWN_CODE), before: first.request, headers: { 'idempotency-key': key('referral') } };
      },
    },
  ];
}

/** A backend's reasons for deciding a claim: the first, and another for an Idempotency-Key's reuse. */
const DECISIONS = {
  approve: { past: 'approved', reasons: ['Receipt checked', 'Receipt checked twice'] },
  reject: { past: 'rejected', reasons: ['No purchase found for order 1043', 'No receipt'] },
} as const;

/** The refusals of approveClaim and rejectClaim (`decision`): a claim decided the other way before, and a key reused with another reason. */
function decisionRefusals(op: Operation, decision: keyof typeof DECISIONS): Situation[] {
  const other = decision === 'approve' ? 'reject' : 'approve';
  const [reason, another] = DECISIONS[decision].reasons;
  return [
    {
      name: `a claim ${DECISIONS[other].past} before`,
      status: 409,
      code: 'claim_already_decided',
      arrange: async (api) => {
        const { claimId } = await withClaim(api);
        await api.server('POST', `/v1/claims/${claimId}/${other}`, { reason: DECISIONS[other].reasons[0] });
        return { request: call(op, { claimId }, { reason }) };
      },
    },
    {
      name: 'an Idempotency-Key used first with another reason',
      status: 409,
      code: 'idempotency_conflict',
      arrange: async (api) => {
        const { claimId } = await withClaim(api);
        return { before: call(op, { claimId }, { reason }), request: call(op, { claimId }, { reason: another }), headers: { 'idempotency-key': key(decision) } };
      },
    },
  ];
}

/** The situations that make `op` refuse, each with its status and code; none when only the generic cases apply. */
export function situationsFor(op: Operation): Situation[] {
  return SITUATIONS[op.operationId]?.(op) ?? [];
}

const SITUATIONS: Record<string, (op: Operation) => Situation[]> = {
  redeemStampReward: (op) => [
    {
      name: 'fewer stamps than the threshold',
      status: 422,
      code: 'insufficient_stamps',
      arrange: async (api) => ({ request: call(op, { stampCardId: COFFEE_CARD }), token: (await withStamps(api, 9)).token }),
    },
    {
      name: 'a reward already redeemed',
      status: 422,
      code: 'insufficient_stamps',
      arrange: async (api) => {
        const m = await withStamps(api, 10);
        await api.member(m.token, 'POST', `/v1/stamps/${COFFEE_CARD}/redeem`);
        return { request: call(op, { stampCardId: COFFEE_CARD }), token: m.token };
      },
    },
    {
      name: 'an Idempotency-Key used first for another stamp card',
      status: 409,
      code: 'idempotency_conflict',
      arrange: async (api) => {
        const m = await withStamps(api, 10);
        return { before: call(op, { stampCardId: COFFEE_CARD }), request: call(op, { stampCardId: 'stc_Pastry6Card0001' }), token: m.token, headers: { 'idempotency-key': key('stamps') } };
      },
    },
  ],
  addStamps: (op) => [
    {
      name: 'a stamp card that does not exist',
      status: 404,
      code: 'not_found',
      arrange: async (api) => ({ request: call(op, { externalUserID: (await api.newMember()).externalUserID }, { stampCardId: 'stc_Unknown0000000', stamps: 1, reason: 'Coffee' }) }),
    },
  ],
  redeemCashback: (op) => [
    {
      name: 'a member with no cashback',
      status: 422,
      code: 'insufficient_cashback',
      arrange: async (api) => ({ request: call(op, {}, { amount: 1 }), token: (await api.newMember()).token }),
    },
    {
      name: 'more than the balance',
      status: 422,
      code: 'insufficient_cashback',
      arrange: async (api) => {
        const m = await api.newMember();
        await api.server('POST', `${member(m.externalUserID)}/cashback`, { amount: 250, reason: '2% back on order 1043' });
        return { request: call(op, {}, { amount: 251 }), token: m.token };
      },
    },
    {
      name: 'an Idempotency-Key used first for another amount',
      status: 409,
      code: 'idempotency_conflict',
      arrange: async (api) => {
        const m = await api.newMember();
        await api.server('POST', `${member(m.externalUserID)}/cashback`, { amount: 1000, reason: '2% back on order 1043' });
        return { before: call(op, {}, { amount: 500 }), request: call(op, {}, { amount: 400 }), token: m.token, headers: { 'idempotency-key': key('cashback') } };
      },
    },
  ],
  getClaim: (op) => [
    {
      name: "another member's claim",
      status: 404,
      code: 'not_found',
      // Sent with the target's member token: the claim is another member's.
      arrange: async (api) => ({ request: call(op, { claimId: (await withClaim(api)).claimId }) }),
    },
  ],
  approveClaim: (op) => decisionRefusals(op, 'approve'),
  rejectClaim: (op) => decisionRefusals(op, 'reject'),
  applyReferralCode: (op) => referralRefusals(op, false),
  applyMemberReferral: (op) => referralRefusals(op, true),
  verifyPasscode: (op) => [
    {
      name: "another member's passcode",
      status: 404,
      code: 'not_found',
      // Sent with the target's member token: the passcode is another member's.
      arrange: async (api) => {
        const p = await withPasscode(api);
        return { request: call(op, {}, { passcodeId: p.passcodeId, code: p.code }) };
      },
    },
    {
      name: 'a wrong code',
      status: 422,
      code: 'passcode_invalid',
      // "detail says how many tries remain": 4 after the first wrong code.
      detail: /\b4 tries remain/,
      arrange: async (api) => {
        const p = await withPasscode(api);
        return { request: call(op, {}, { passcodeId: p.passcodeId, code: p.wrong }), token: p.token };
      },
    },
    {
      name: 'the right code after 5 wrong ones',
      status: 422,
      code: 'passcode_locked',
      arrange: async (api) => {
        const p = await withPasscode(api);
        const tries = [];
        for (let i = 0; i < 5; i++) tries.push(await api.memberAttempt(p.token, 'POST', '/v1/passcodes/verify', { passcodeId: p.passcodeId, code: p.wrong }));
        // The first four are wrong codes with tries left; the fifth uses the last try (the spec leaves its own answer open).
        const codes = tries.map((t) => `${t.status} ${t.body?.code}`);
        if (codes.slice(0, 4).some((c) => c !== '422 passcode_invalid') || !['422 passcode_invalid', '422 passcode_locked'].includes(codes[4])) {
          throw new Error(`5 wrong codes answered ${codes.join(', ')}`);
        }
        return { request: call(op, {}, { passcodeId: p.passcodeId, code: p.code }), token: p.token };
      },
    },
    {
      name: 'the right code 10 minutes later on the test clock',
      status: 422,
      code: 'passcode_expired',
      movesClock: true,
      arrange: async (api) => {
        const p = await withPasscode(api);
        await api.controlPlane('POST', '/_sandbox/clock/advance', { ms: 10 * 60_000 + 1_000 });
        return { request: call(op, {}, { passcodeId: p.passcodeId, code: p.code }), token: p.token };
      },
    },
  ],
};

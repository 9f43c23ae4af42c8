// Deliveries made on purpose to prove an integrator's verifier, signed the Standard Webhooks way
// (signing.ts): one valid, one tampered (the body changed after signing), one stale (signed 10
// minutes ago, past the 300 s tolerance) and one duplicate (the valid event again, freshly
// signed, with the same webhook-id). A correct receiver answers 2xx, 4xx, 4xx, and 2xx without
// doing the work twice. None of them is logged as a real delivery. They go where real deliveries
// may go (targets.ts): a target refused by that policy gets TargetRefused, and nothing is sent.
import type { Queryable } from '../db/database.js';
import type { Clock } from '../domain/clock.js';
import type { Currency } from '../domain/ledger.js';
import { newId } from '../domain/ids.js';
import { CASHBACK_CURRENCY } from '../domain/cashback.js';
import { stampCardsOf } from '../domain/stamps.js';
import { notFound } from '../domain/problem.js';
import { REFEREE_POINTS, REFERRER_POINTS } from '../domain/referrals.js';
import { post, type AttemptResult } from './deliveries.js';
import { sign, type SignedHeaders } from './signing.js';
import { vetTarget, type TargetPolicy } from './targets.js';

export type TestKind = 'valid' | 'tampered' | 'stale' | 'duplicate';

export interface TestDeliveryResult extends AttemptResult {
  kind: TestKind;
  /** What a correct receiver answers. */
  expected: '2xx' | '4xx';
  /** The receiver answered as expected. */
  passed: boolean;
  eventId: string;
}

export const STALE_SECONDS = 600;

/** The target is not one the sandbox sends webhooks to (a private address, by default): nothing was sent. */
export class TargetRefused extends Error {}

export async function sendTestDeliveries(
  db: Queryable,
  clock: Clock,
  endpointId: string,
  options: { url?: string; timeoutMs?: number; currency?: Currency; targets?: TargetPolicy } = {},
): Promise<TestDeliveryResult[]> {
  const [endpoint] = await db.query('SELECT url, events, signing_secret FROM webhook_endpoints WHERE id = $1 AND deleted_at IS NULL', [endpointId]);
  if (!endpoint) throw notFound(`The webhook endpoint ${JSON.stringify(endpointId)}`);
  const url = options.url ?? endpoint.url;
  const timeoutMs = options.timeoutMs ?? 10_000;
  // Vetted once, before anything is sent; all four go to the same vetted addresses.
  const decision = await vetTarget(url, { resolveTimeoutMs: timeoutMs, ...options.targets });
  if (decision.verdict === 'refused') throw new TargetRefused(decision.reason);
  const type = endpoint.events[0];
  const event = { id: newId('evt'), type, createdAt: clock.now().toISOString(), data: await sampleData(db, type, clock, options.currency ?? { code: 'PTS', symbol: 'P', name: 'Points' }) };
  const body = JSON.stringify(event);
  const secret: string = endpoint.signing_secret;
  const now = Math.floor(Date.now() / 1000);

  const cases: { kind: TestKind; body: string; headers: SignedHeaders; expected: '2xx' | '4xx' }[] = [
    { kind: 'valid', body, headers: sign(secret, event.id, body, now), expected: '2xx' },
    { kind: 'tampered', body: body.replace(/"createdAt":"/, '"createdAt":"1'), headers: sign(secret, event.id, body, now), expected: '4xx' },
    { kind: 'stale', body, headers: sign(secret, event.id, body, now - STALE_SECONDS), expected: '4xx' },
    { kind: 'duplicate', body, headers: sign(secret, event.id, body, Math.floor(Date.now() / 1000)), expected: '2xx' },
  ];
  const results: TestDeliveryResult[] = [];
  for (const test of cases) {
    const result =
      decision.verdict === 'allowed'
        ? await post(url, test.body, test.headers, timeoutMs, { 'expys-test-delivery': test.kind }, decision.addresses)
        : { url, status: null, error: decision.reason, ok: false, durationMs: 0 };
    const passed = result.status !== null && (test.expected === '2xx' ? result.ok : result.status >= 400 && result.status < 500);
    results.push({ ...result, kind: test.kind, expected: test.expected, passed, eventId: event.id });
  }
  return results;
}

/** Data of the event's shape, from the sandbox's own records where it has them. */
async function sampleData(db: Queryable, type: string, clock: Clock, currency: Currency): Promise<unknown> {
  const [member] = await db.query('SELECT * FROM members ORDER BY created_at LIMIT 1');
  const externalUserID = member?.external_user_id ?? 'user_123';
  switch (type) {
    case 'points.credited':
      return { externalUserID, transactionId: newId('txn'), amount: 100, balance: Number(member?.balance ?? 0) + 100, currency };
    case 'member.removed':
      return { externalUserID, removedAt: clock.now().toISOString() };
    case 'stamps.reward_earned': {
      const [card] = await stampCardsOf(db, externalUserID);
      const stamps = card ? Math.max(card.stamps, card.threshold) : 10;
      const threshold = card?.threshold ?? 10;
      const filled = { id: card?.id ?? 'stc_Test', name: card?.name ?? 'Test card', stamps, threshold, rewardsAvailable: Math.floor(stamps / threshold), rewardDescription: card?.rewardDescription ?? 'A test reward' };
      return { externalUserID, transactionId: newId('stx'), stampsAdded: 1, rewardsEarned: 1, card: filled };
    }
    case 'cashback.credited':
      return { externalUserID, transactionId: newId('cbt'), amount: 100, balance: Number(member?.cashback_balance ?? 0) + 100, currency: CASHBACK_CURRENCY };
    case 'claim.submitted':
    case 'claim.approved':
    case 'claim.rejected': {
      const status = type.slice('claim.'.length) === 'submitted' ? 'pending' : type.slice('claim.'.length);
      const decision = status === 'pending' ? null : { decidedAt: clock.now().toISOString(), pointsCredited: status === 'approved' ? 50 : 0, reason: 'A test decision' };
      return { id: newId('clm'), externalUserID, type: 'missing_points', description: 'A test claim', points: 50, reference: null, status, decision, createdAt: clock.now().toISOString() };
    }
    case 'referral.applied':
      return { code: 'BEAN-TEST', refereeExternalUserID: externalUserID, refereePoints: REFEREE_POINTS, referrerPoints: REFERRER_POINTS, appliedAt: clock.now().toISOString() };
    case 'member.updated':
      return {
        externalUserID,
        displayName: member?.display_name ?? 'Test Member',
        tier: member?.tier ?? 'bronze',
        pointsBalance: Number(member?.balance ?? 0),
        createdAt: clock.now().toISOString(),
        updatedAt: clock.now().toISOString(),
      };
    default: {
      const [offer] = await db.query('SELECT id, points_cost FROM offers ORDER BY seq LIMIT 1');
      return { id: newId('red'), offerId: offer?.id ?? 'off_test', externalUserID, pointsSpent: Number(offer?.points_cost ?? 100), status: 'fulfilled', voucherCode: 'EXPY-TEST-0000', createdAt: clock.now().toISOString() };
    }
  }
}

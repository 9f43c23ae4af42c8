// Stamps and cashback on PGlite and on PostgreSQL: every documented status of the ten operations
// (the boundary's as well as the sandbox's own), the webhooks they send, idempotent retries, the
// analytics they feed, and the invariants under concurrency: stamps the member does not hold are
// never spent, a cashback balance never goes below zero, and each ledger adds up to its balance.
import { SAMPLE_CREDENTIALS } from '@expys/gateway';
import { webhooks } from '@expys/server-client';
import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { call, callApp, DATABASES, freshSandbox, FULL_KEY, newMember, SAMPLE_APP, stopAfterEach } from './support/databases.js';
import { expectAddsUp } from './support/ledgers.js';
import { startReceiver, until, type Receiver } from './support/receiver.js';

const COFFEE = 'stc_Coffee10Card0001';
const PASTRY = 'stc_Pastry6Card0001';
/** The sample API key with member_read, member_write and points_write: none of the new scopes. */
const LOYALTY_JOB = SAMPLE_CREDENTIALS.apiKeys.loyaltyJob.key;
const MARKER = 'expys-sandbox-answer';

/** Stamp history rows of a member and card, oldest first, straight from the database. */
async function stampRows(sandbox: RunningSandbox, member: string, card: string) {
  return sandbox.context.db.query('SELECT type, stamps, stamps_after FROM stamp_transactions WHERE external_user_id = $1 AND stamp_card_id = $2 ORDER BY seq', [member, card]);
}

async function cashbackRows(sandbox: RunningSandbox, member: string) {
  return sandbox.context.db.query('SELECT type, amount, balance_after FROM cashback_transactions WHERE external_user_id = $1 ORDER BY seq', [member]);
}

async function expectStampLedger(sandbox: RunningSandbox, member: string, card: string, balance: number) {
  const rows = await stampRows(sandbox, member, card);
  expectAddsUp(rows.map((r) => ({ change: Number(r.stamps), after: Number(r.stamps_after) })), balance);
  const [held] = await sandbox.context.db.query('SELECT stamps FROM stamp_balances WHERE external_user_id = $1 AND stamp_card_id = $2', [member, card]);
  expect(Number(held?.stamps ?? 0)).toBe(balance);
}

async function expectCashbackLedger(sandbox: RunningSandbox, member: string, balance: number) {
  const rows = await cashbackRows(sandbox, member);
  expectAddsUp(rows.map((r) => ({ change: Number(r.amount), after: Number(r.balance_after) })), balance);
}

describe.each(DATABASES)('stamps and cashback on %s', (kind) => {
  let sandbox: RunningSandbox;
  let receiver: Receiver | undefined;
  stopAfterEach(() => [sandbox, receiver]);


  const addStamps = (member: string, stamps: number, card = COFFEE, headers: Record<string, string> = {}) =>
    call(sandbox, 'POST', `/v1/members/${member}/stamps`, FULL_KEY, { stampCardId: card, stamps, reason: `${stamps} stamps` }, headers);
  const credit = (member: string, amount: number, headers: Record<string, string> = {}) =>
    call(sandbox, 'POST', `/v1/members/${member}/cashback`, FULL_KEY, { amount, reason: `credit ${amount}` }, headers);

  it('answers every stamps and cashback operation from its own code, not from the examples', async () => {
    sandbox = await freshSandbox(kind);
    const ours = ['getStamps', 'listStampHistory', 'redeemStampReward', 'getMemberStamps', 'addStamps', 'getCashback', 'listCashbackHistory', 'redeemCashback', 'getMemberCashback', 'creditCashback'];
    for (const operationId of ours) expect(sandbox.exampleOperations).not.toContain(operationId);
    const token = await newMember(sandbox, 'user_plain');
    for (const [path, credential] of [
      ['/v1/stamps', token],
      ['/v1/stamps/history', token],
      ['/v1/cashback', token],
      ['/v1/cashback/history', token],
      ['/v1/members/user_plain/stamps', FULL_KEY],
      ['/v1/members/user_plain/cashback', FULL_KEY],
    ] as const) {
      const answer = await call(sandbox, 'GET', path, credential);
      expect([path, answer.status, answer.headers.get(MARKER)]).toEqual([path, 200, null]);
    }
  });

  it("seeds the examples' story for user_123: 10 stamps on the Coffee card (a reward ready) and 1250 cents, with histories that add up", async () => {
    sandbox = await freshSandbox(kind);
    const cards = (await call(sandbox, 'GET', '/v1/members/user_123/stamps', FULL_KEY)).body;
    expect(cards).toEqual({
      externalUserID: 'user_123',
      cards: [
        { id: COFFEE, name: 'Coffee card', stamps: 10, threshold: 10, rewardsAvailable: 1, rewardDescription: 'A free coffee of any size' },
        { id: PASTRY, name: 'Pastry card', stamps: 0, threshold: 6, rewardsAvailable: 0, rewardDescription: 'A pastry of your choice' },
      ],
    });
    expect((await call(sandbox, 'GET', '/v1/members/user_123/cashback', FULL_KEY)).body).toEqual({ externalUserID: 'user_123', balance: 1250, currency: 'USD' });
    await expectStampLedger(sandbox, 'user_123', COFFEE, 10);
    await expectCashbackLedger(sandbox, 'user_123', 1250);
    // reset seeds it again, and keeps the card definitions.
    await addStamps('user_123', 5);
    await sandbox.reset();
    expect((await call(sandbox, 'GET', '/v1/members/user_123/stamps', FULL_KEY)).body).toEqual(cards);
    await expectStampLedger(sandbox, 'user_123', COFFEE, 10);
  });

  it('stamps: added with rewardsEarned, listed newest first by cursor, redeemed one reward at a time', async () => {
    sandbox = await freshSandbox(kind);
    const token = await newMember(sandbox, 'user_stamps');
    expect((await call(sandbox, 'GET', '/v1/stamps', token)).body.cards.map((c: any) => [c.id, c.stamps, c.rewardsAvailable])).toEqual([
      [COFFEE, 0, 0],
      [PASTRY, 0, 0],
    ]);
    // 7 → no reward; +3 → 10 crosses one threshold; +25 → 35 crosses two (20 and 30); +4 → 39 none.
    const earned: number[] = [];
    for (const stamps of [7, 3, 25, 4]) {
      const added = await addStamps('user_stamps', stamps);
      expect(added.status).toBe(200);
      expect(added.body).toMatchObject({ externalUserID: 'user_stamps', stampsAdded: stamps, card: { id: COFFEE, threshold: 10 } });
      expect(added.body.transactionId).toMatch(/^stx_[A-Za-z0-9]{16}$/);
      earned.push(added.body.rewardsEarned);
    }
    expect(earned).toEqual([0, 1, 2, 0]);
    expect((await call(sandbox, 'GET', '/v1/stamps', token)).body.cards[0]).toMatchObject({ stamps: 39, rewardsAvailable: 3 });

    const redeemed = await call(sandbox, 'POST', `/v1/stamps/${COFFEE}/redeem`, token);
    expect(redeemed.status).toBe(200);
    expect(redeemed.body).toMatchObject({ rewardDescription: 'A free coffee of any size', stampsUsed: 10, card: { id: COFFEE, stamps: 29, rewardsAvailable: 2 } });
    expect(redeemed.body.transactionId).toMatch(/^stx_/);
    // When, on the sandbox clock.
    expect(Math.abs(Date.parse(redeemed.body.redeemedAt) - sandbox.context.clock.now().getTime())).toBeLessThan(60_000);

    // The history, newest first, two at a time: every change once, in order.
    const seen: [string, number, number][] = [];
    let cursor: string | null = null;
    do {
      const page: any = (await call(sandbox, 'GET', `/v1/stamps/history?limit=2${cursor ? `&cursor=${cursor}` : ''}`, token)).body;
      seen.push(...page.data.map((t: any) => [t.type, t.stamps, t.stampsAfter] as [string, number, number]));
      expect(page.hasMore).toBe(page.nextCursor !== null);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([
      ['redeemed', -10, 29],
      ['added', 4, 39],
      ['added', 25, 35],
      ['added', 3, 10],
      ['added', 7, 7],
    ]);
    await expectStampLedger(sandbox, 'user_stamps', COFFEE, 29);
    const bad = await call(sandbox, 'GET', '/v1/stamps/history?cursor=bm90LWEtY3Vyc29y', token);
    expect([bad.status, bad.body.errors[0].path]).toEqual([422, '/query/cursor']);
    // Another list's item is not a cursor of this one.
    const offerCursor = Buffer.from(JSON.stringify({ id: 'off_7Hq2LmN4pX9rT1vB' })).toString('base64url');
    expect((await call(sandbox, 'GET', `/v1/stamps/history?cursor=${offerCursor}`, token)).status).toBe(422);
  });

  it("stamps: 422 insufficient_stamps spends nothing, 404 for an unknown card or member, the boundary's 400/401/403/422", async () => {
    sandbox = await freshSandbox(kind);
    const token = await newMember(sandbox, 'user_few');
    await addStamps('user_few', 5, PASTRY);
    const few = await call(sandbox, 'POST', `/v1/stamps/${PASTRY}/redeem`, token);
    expect([few.status, few.body.code, few.body.errors]).toEqual([422, 'insufficient_stamps', [{ path: '/stampCardId', message: 'A reward on this card costs 6 stamps; the member holds 5.' }]]);
    // No stamps on the card at all: the same refusal.
    expect((await call(sandbox, 'POST', `/v1/stamps/${COFFEE}/redeem`, token)).body.code).toBe('insufficient_stamps');
    await expectStampLedger(sandbox, 'user_few', PASTRY, 5);

    const unknownCard = await call(sandbox, 'POST', '/v1/stamps/stc_NoSuchCard/redeem', token);
    expect([unknownCard.status, unknownCard.body.code]).toEqual([404, 'not_found']);
    expect((await addStamps('user_few', 1, 'stc_NoSuchCard')).status).toBe(404);
    const unknownMember = await addStamps('user_nobody', 1);
    expect([unknownMember.status, unknownMember.body.code]).toEqual([404, 'not_found']);
    expect((await call(sandbox, 'GET', '/v1/members/user_nobody/stamps', FULL_KEY)).status).toBe(404);
    // Nothing was written for the unknown member.
    expect(await sandbox.context.db.query("SELECT 1 FROM stamp_transactions WHERE external_user_id = 'user_nobody'")).toEqual([]);

    // The boundary, as for every operation: bounds, credentials, modes, scopes.
    for (const stamps of [0, 101]) {
      const answer = await addStamps('user_few', stamps);
      expect([answer.status, answer.body.code, answer.body.errors[0].path]).toEqual([422, 'validation_failed', '/body/stamps']);
    }
    expect((await call(sandbox, 'POST', `/v1/stamps/${encodeURIComponent('bad card')}/redeem`, token)).status).toBe(422);
    // redeemStampReward takes no body.
    const withBody = await call(sandbox, 'POST', `/v1/stamps/${PASTRY}/redeem`, token, { stamps: 6 });
    expect([withBody.status, withBody.body.code]).toEqual([400, 'bad_request']);
    expect((await call(sandbox, 'GET', '/v1/stamps', 'mt_test_NotAToken')).status).toBe(401);
    const asMember = await call(sandbox, 'GET', '/v1/members/user_few/stamps', token);
    expect([asMember.status, asMember.body.code]).toEqual([403, 'member_token_not_allowed']);
    const asServer = await call(sandbox, 'GET', '/v1/stamps', FULL_KEY);
    expect(asServer.status).toBe(403);
    const noScope = await call(sandbox, 'POST', '/v1/members/user_few/stamps', LOYALTY_JOB, { stampCardId: COFFEE, stamps: 1, reason: 'x' });
    expect([noScope.status, noScope.body.code]).toEqual([403, 'insufficient_scope']);
    expect(noScope.body.detail).toContain('stamps_write');
    await expectStampLedger(sandbox, 'user_few', COFFEE, 0);
  });

  it('cashback: credited and redeemed in minor units, 422 insufficient_cashback changes nothing, 404 for an unknown member', async () => {
    sandbox = await freshSandbox(kind);
    const token = await newMember(sandbox, 'user_cash');
    expect((await call(sandbox, 'GET', '/v1/cashback', token)).body).toEqual({ externalUserID: 'user_cash', balance: 0, currency: 'USD' });
    const credited = await credit('user_cash', 1250);
    expect(credited.status).toBe(200);
    expect(credited.body).toMatchObject({ externalUserID: 'user_cash', amount: 1250, balance: 1250, currency: 'USD' });
    expect(credited.body.transactionId).toMatch(/^cbt_[A-Za-z0-9]{16}$/);

    const redeemed = await call(sandbox, 'POST', '/v1/cashback/redeem', token, { amount: 500, reason: 'Applied to order 1057' });
    expect([redeemed.status, redeemed.body.amount, redeemed.body.balance]).toEqual([200, -500, 750]);
    const plain = await call(sandbox, 'POST', '/v1/cashback/redeem', token, { amount: 50 });
    expect(plain.body.balance).toBe(700);
    const tooMuch = await call(sandbox, 'POST', '/v1/cashback/redeem', token, { amount: 701 });
    expect([tooMuch.status, tooMuch.body.code, tooMuch.body.errors]).toEqual([422, 'insufficient_cashback', [{ path: '/amount', message: 'The member has 700 in cashback; 701 was asked.' }]]);
    expect((await call(sandbox, 'GET', '/v1/members/user_cash/cashback', FULL_KEY)).body.balance).toBe(700);
    // Exactly the balance: allowed, down to 0 and no further.
    expect((await call(sandbox, 'POST', '/v1/cashback/redeem', token, { amount: 700 })).body.balance).toBe(0);
    expect((await call(sandbox, 'POST', '/v1/cashback/redeem', token, { amount: 1 })).status).toBe(422);

    const history = (await call(sandbox, 'GET', '/v1/cashback/history', token)).body;
    expect(history.data.map((t: any) => [t.type, t.amount, t.balanceAfter, t.reason])).toEqual([
      ['redemption', -700, 0, 'Redeemed in the app'],
      ['redemption', -50, 700, 'Redeemed in the app'],
      ['redemption', -500, 750, 'Applied to order 1057'],
      ['credit', 1250, 1250, 'credit 1250'],
    ]);
    const firstPage = (await call(sandbox, 'GET', '/v1/cashback/history?limit=3', token)).body;
    expect(firstPage.hasMore).toBe(true);
    const lastPage = (await call(sandbox, 'GET', `/v1/cashback/history?limit=3&cursor=${firstPage.nextCursor}`, token)).body;
    expect([lastPage.data.map((t: any) => t.amount), lastPage.hasMore, lastPage.nextCursor]).toEqual([[1250], false, null]);
    await expectCashbackLedger(sandbox, 'user_cash', 0);

    const unknown = await credit('user_nobody', 10);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'not_found']);
    expect((await call(sandbox, 'GET', '/v1/members/user_nobody/cashback', FULL_KEY)).status).toBe(404);
    for (const amount of [0, 10_000_001]) {
      const answer = await credit('user_cash', amount);
      expect([answer.status, answer.body.code, answer.body.errors[0].path]).toEqual([422, 'validation_failed', '/body/amount']);
    }
    expect((await call(sandbox, 'POST', '/v1/cashback/redeem', token, { amount: 0 })).status).toBe(422);
    const noScope = await call(sandbox, 'GET', '/v1/members/user_cash/cashback', LOYALTY_JOB);
    expect([noScope.status, noScope.body.code]).toEqual([403, 'insufficient_scope']);
    expect((await call(sandbox, 'POST', '/v1/members/user_cash/cashback', token, { amount: 1, reason: 'x' })).status).toBe(403);
  });

  it('an API key with the four new scopes reads and moves stamps and cashback; one without them is refused', async () => {
    sandbox = await freshSandbox(kind);
    const created = await callApp(sandbox, 'POST', '/v1/app/keys', SAMPLE_APP, { name: 'till', scopes: ['stamps_read', 'stamps_write', 'cashback_read', 'cashback_write'] });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    expect((await call(sandbox, 'POST', '/v1/members/user_123/stamps', key, { stampCardId: PASTRY, stamps: 6, reason: 'Six pastries' })).body.rewardsEarned).toBe(1);
    expect((await call(sandbox, 'GET', '/v1/members/user_123/stamps', key)).body.cards[1].stamps).toBe(6);
    expect((await call(sandbox, 'POST', '/v1/members/user_123/cashback', key, { amount: 5, reason: 'x' })).body.balance).toBe(1255);
    expect((await call(sandbox, 'GET', '/v1/members/user_123/cashback', key)).body.balance).toBe(1255);
    const readOnly = await callApp(sandbox, 'POST', '/v1/app/keys', SAMPLE_APP, { name: 'reader', scopes: ['stamps_read', 'cashback_read'] });
    const refused = await call(sandbox, 'POST', '/v1/members/user_123/cashback', readOnly.body.key, { amount: 5, reason: 'x' });
    expect([refused.status, refused.body.code]).toEqual([403, 'insufficient_scope']);
    expect(refused.body.detail).toContain('cashback_write');
  });

  it('sends stamps.reward_earned only when an addition completes a reward, and cashback.credited for each credit, signed', async () => {
    receiver = await startReceiver();
    sandbox = await freshSandbox(kind, { webhooks: { forwardTo: receiver.url, pollMs: 20 } });
    const created = await call(sandbox, 'POST', '/v1/webhooks', FULL_KEY, { url: 'https://backend.example.com/expys', events: ['stamps.reward_earned', 'cashback.credited'] });
    expect(created.status).toBe(201);
    receiver.secret = created.body.signingSecret;
    await newMember(sandbox, 'user_hooks');
    const quiet = await addStamps('user_hooks', 4);
    const rewarding = await addStamps('user_hooks', 17);
    const credited = await credit('user_hooks', 321);
    // A redemption sends no event of these types.
    await call(sandbox, 'POST', '/v1/cashback/redeem', await newMember(sandbox, 'user_hooks'), { amount: 21 });
    await until(() => receiver!.processed.size >= 2);
    await sandbox.context.deliveries.drain();
    expect(receiver.received.every((r) => r.verified && r.status === 200)).toBe(true);
    const events = await Promise.all(receiver.received.map((r) => webhooks.constructEvent(r.body, r.headers, receiver!.secret!)));
    expect(events.map((e) => e.type).sort()).toEqual(['cashback.credited', 'stamps.reward_earned']);
    expect(events.find((e) => e.type === 'stamps.reward_earned')!.data).toEqual(rewarding.body);
    expect(events.find((e) => e.type === 'cashback.credited')!.data).toEqual(credited.body);
    expect(quiet.body.rewardsEarned).toBe(0);
    expect(rewarding.body.rewardsEarned).toBe(2);
    const [outbox] = await sandbox.context.db.query("SELECT count(*)::int AS n FROM events WHERE type IN ('stamps.reward_earned', 'cashback.credited')");
    expect(outbox.n).toBe(2);
  });

  it('idempotent retries: one effect and one answer per key, concurrent or repeated; another request with the key is 409', async () => {
    sandbox = await freshSandbox(kind);
    const token = await newMember(sandbox, 'user_retry');
    const adds = await Promise.all(Array.from({ length: 20 }, () => addStamps('user_retry', 15, COFFEE, { 'idempotency-key': 'visit-1' })));
    expect(new Set(adds.map((a) => `${a.status} ${a.body.transactionId} ${a.body.rewardsEarned}`))).toEqual(new Set([`200 ${adds[0].body.transactionId} 1`]));
    expect(adds.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(19);
    const credits = await Promise.all(Array.from({ length: 20 }, () => credit('user_retry', 400, { 'idempotency-key': 'order-9' })));
    expect(new Set(credits.map((a) => a.body.transactionId)).size).toBe(1);
    expect(credits.every((a) => a.status === 200 && a.body.balance === 400)).toBe(true);

    const redeems = await Promise.all(Array.from({ length: 20 }, () => call(sandbox, 'POST', `/v1/stamps/${COFFEE}/redeem`, token, undefined, { 'idempotency-key': 'coffee-1' })));
    expect(new Set(redeems.map((a) => `${a.status} ${a.body.transactionId}`)).size).toBe(1);
    expect(redeems[0].body.card.stamps).toBe(5);
    const cash = await Promise.all(Array.from({ length: 20 }, () => call(sandbox, 'POST', '/v1/cashback/redeem', token, { amount: 300 }, { 'idempotency-key': 'pay-1' })));
    expect(new Set(cash.map((a) => `${a.status} ${a.body.transactionId} ${a.body.balance}`)).size).toBe(1);
    expect(cash[0].body.balance).toBe(100);

    // Each moved once; the history has one row per effect.
    await expectStampLedger(sandbox, 'user_retry', COFFEE, 5);
    await expectCashbackLedger(sandbox, 'user_retry', 100);
    expect(await stampRows(sandbox, 'user_retry', COFFEE)).toHaveLength(2);
    expect(await cashbackRows(sandbox, 'user_retry')).toHaveLength(2);
    const [events] = await sandbox.context.db.query("SELECT count(*)::int AS n FROM events WHERE type IN ('stamps.reward_earned', 'cashback.credited')");
    expect(events.n).toBe(2);

    // A refusal is replayed as it was, even once the member could afford it.
    const refused = await call(sandbox, 'POST', '/v1/cashback/redeem', token, { amount: 5000 }, { 'idempotency-key': 'pay-2' });
    expect([refused.status, refused.body.code]).toEqual([422, 'insufficient_cashback']);
    await credit('user_retry', 10_000);
    const replayed = await call(sandbox, 'POST', '/v1/cashback/redeem', token, { amount: 5000 }, { 'idempotency-key': 'pay-2' });
    expect([replayed.status, replayed.body, replayed.headers.get('idempotent-replayed')]).toEqual([422, refused.body, 'true']);
    // Same key, another request: refused, nothing done.
    const conflict = await call(sandbox, 'POST', '/v1/cashback/redeem', token, { amount: 1 }, { 'idempotency-key': 'pay-1' });
    expect([conflict.status, conflict.body.code]).toEqual([409, 'idempotency_conflict']);
    const otherCard = await call(sandbox, 'POST', `/v1/stamps/${PASTRY}/redeem`, token, undefined, { 'idempotency-key': 'coffee-1' });
    expect([otherCard.status, otherCard.body.code]).toEqual([409, 'idempotency_conflict']);
    expect((await addStamps('user_retry', 16, COFFEE, { 'idempotency-key': 'visit-1' })).status).toBe(409);
    await expectCashbackLedger(sandbox, 'user_retry', 10_100);
  });

  it('100 concurrent stamp reward redemptions never spend stamps not held, with additions racing them; the ledger adds up', async () => {
    sandbox = await freshSandbox(kind);
    const token = await newMember(sandbox, 'user_race');
    await addStamps('user_race', 35);
    // Alone: 35 stamps are three rewards, whatever the order.
    const alone = await Promise.all(Array.from({ length: 100 }, () => call(sandbox, 'POST', `/v1/stamps/${COFFEE}/redeem`, token)));
    expect(alone.filter((a) => a.status === 200)).toHaveLength(3);
    expect(alone.filter((a) => a.status === 422 && a.body.code === 'insufficient_stamps')).toHaveLength(97);
    expect(new Set(alone.filter((a) => a.status === 200).map((a) => a.body.card.stamps))).toEqual(new Set([25, 15, 5]));
    await expectStampLedger(sandbox, 'user_race', COFFEE, 5);

    // With 40 single stamps added meanwhile (each idempotent under its own key).
    const [redeems, adds] = await Promise.all([
      Promise.all(Array.from({ length: 100 }, (_, i) => call(sandbox, 'POST', `/v1/stamps/${COFFEE}/redeem`, token, undefined, { 'idempotency-key': `r-${i}` }))),
      Promise.all(Array.from({ length: 40 }, (_, i) => addStamps('user_race', 1, COFFEE, { 'idempotency-key': `a-${i}` }))),
    ]);
    expect(adds.every((a) => a.status === 200)).toBe(true);
    expect(redeems.every((a) => a.status === 200 || (a.status === 422 && a.body.code === 'insufficient_stamps'))).toBe(true);
    const won = redeems.filter((a) => a.status === 200).length;
    const final = 5 + 40 - 10 * won;
    expect(final).toBeGreaterThanOrEqual(0);
    expect(final).toBeLessThan(10 + 40);
    expect((await call(sandbox, 'GET', '/v1/stamps', token)).body.cards[0].stamps).toBe(final);
    await expectStampLedger(sandbox, 'user_race', COFFEE, final);
    // Every reward an addition completed was counted once: rewards earned ≥ rewards redeemed.
    const rows = await stampRows(sandbox, 'user_race', COFFEE);
    expect(rows.filter((r) => r.type === 'redeemed')).toHaveLength(3 + won);
  });

  it('concurrent cashback redemptions never take the balance below zero, with credits racing them; the ledger adds up', async () => {
    sandbox = await freshSandbox(kind);
    const token = await newMember(sandbox, 'user_cashrace');
    await credit('user_cashrace', 1000);
    const alone = await Promise.all(Array.from({ length: 100 }, () => call(sandbox, 'POST', '/v1/cashback/redeem', token, { amount: 30 })));
    // 1000 cents pay for 33 redemptions of 30: exactly, in any order.
    expect(alone.filter((a) => a.status === 200)).toHaveLength(33);
    expect(alone.filter((a) => a.status === 422 && a.body.code === 'insufficient_cashback')).toHaveLength(67);
    expect((await call(sandbox, 'GET', '/v1/cashback', token)).body.balance).toBe(10);
    await expectCashbackLedger(sandbox, 'user_cashrace', 10);

    const [redeems, credits] = await Promise.all([
      Promise.all(Array.from({ length: 100 }, (_, i) => call(sandbox, 'POST', '/v1/cashback/redeem', token, { amount: 70 }, { 'idempotency-key': `r-${i}` }))),
      Promise.all(Array.from({ length: 20 }, (_, i) => credit('user_cashrace', 25, { 'idempotency-key': `c-${i}` }))),
    ]);
    expect(credits.every((a) => a.status === 200)).toBe(true);
    expect(redeems.every((a) => a.status === 200 || (a.status === 422 && a.body.code === 'insufficient_cashback'))).toBe(true);
    const final = 10 + 20 * 25 - 70 * redeems.filter((a) => a.status === 200).length;
    expect(final).toBeGreaterThanOrEqual(0);
    expect(final).toBeLessThan(70 + 500);
    expect(redeems.filter((a) => a.status === 200).every((a) => a.body.balance >= 0)).toBe(true);
    expect((await call(sandbox, 'GET', '/v1/members/user_cashrace/cashback', FULL_KEY)).body.balance).toBe(final);
    await expectCashbackLedger(sandbox, 'user_cashrace', final);
  });

  it('analytics count stamps issued and rewards redeemed, cashback credited and redeemed', async () => {
    sandbox = await freshSandbox(kind);
    const today = sandbox.context.clock.now().toISOString().slice(0, 10);
    const summary = async () => (await call(sandbox, 'GET', `/v1/analytics/summary?from=${today}&to=${today}`, FULL_KEY)).body;
    const before = await summary();
    const token = await newMember(sandbox, 'user_numbers');
    await addStamps('user_numbers', 23);
    await addStamps('user_numbers', 4, PASTRY);
    await call(sandbox, 'POST', `/v1/stamps/${COFFEE}/redeem`, token);
    await call(sandbox, 'POST', `/v1/stamps/${COFFEE}/redeem`, token);
    await call(sandbox, 'POST', `/v1/stamps/${COFFEE}/redeem`, token); // refused: not counted
    await credit('user_numbers', 900);
    await call(sandbox, 'POST', '/v1/cashback/redeem', token, { amount: 250 });
    await call(sandbox, 'POST', '/v1/cashback/redeem', token, { amount: 5000 }); // refused
    const after = await summary();
    expect({
      stampsIssued: after.stampsIssued - before.stampsIssued,
      stampRewardsRedeemed: after.stampRewardsRedeemed - before.stampRewardsRedeemed,
      cashbackCredited: after.cashbackCredited - before.cashbackCredited,
      cashbackRedeemed: after.cashbackRedeemed - before.cashbackRedeemed,
    }).toEqual({ stampsIssued: 27, stampRewardsRedeemed: 2, cashbackCredited: 900, cashbackRedeemed: 250 });
    // Outside the range: nothing.
    const past = (await call(sandbox, 'GET', '/v1/analytics/summary?from=2020-01-01&to=2020-01-31', FULL_KEY)).body;
    expect(past).toMatchObject({ stampsIssued: 0, stampRewardsRedeemed: 0, cashbackCredited: 0, cashbackRedeemed: 0 });
  });

  it('removing a member removes its balances; a new member of that id starts empty, and analytics keep counting', async () => {
    sandbox = await freshSandbox(kind);
    const today = sandbox.context.clock.now().toISOString().slice(0, 10);
    await newMember(sandbox, 'user_leaving');
    await addStamps('user_leaving', 12);
    await credit('user_leaving', 600);
    const counted = (await call(sandbox, 'GET', `/v1/analytics/summary?from=${today}&to=${today}`, FULL_KEY)).body;
    expect((await call(sandbox, 'DELETE', '/v1/members/user_leaving', FULL_KEY)).status).toBe(204);
    expect((await call(sandbox, 'GET', '/v1/members/user_leaving/stamps', FULL_KEY)).status).toBe(404);
    expect((await call(sandbox, 'GET', '/v1/members/user_leaving/cashback', FULL_KEY)).status).toBe(404);
    const again = await newMember(sandbox, 'user_leaving');
    expect((await call(sandbox, 'GET', '/v1/stamps', again)).body.cards.map((c: any) => c.stamps)).toEqual([0, 0]);
    expect((await call(sandbox, 'GET', '/v1/cashback', again)).body.balance).toBe(0);
    expect((await call(sandbox, 'GET', '/v1/stamps/history', again)).body.data).toEqual([]);
    expect((await call(sandbox, 'GET', '/v1/cashback/history', again)).body.data).toEqual([]);
    // Its first redemption finds nothing to spend.
    expect((await call(sandbox, 'POST', `/v1/stamps/${COFFEE}/redeem`, again)).status).toBe(422);
    const still = (await call(sandbox, 'GET', `/v1/analytics/summary?from=${today}&to=${today}`, FULL_KEY)).body;
    expect([still.stampsIssued, still.cashbackCredited]).toEqual([counted.stampsIssued, counted.cashbackCredited]);
  });
});

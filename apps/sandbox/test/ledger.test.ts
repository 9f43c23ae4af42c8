// The ledger's behaviour, on PGlite and on PostgreSQL: balances move with credits and
// redemptions, refusals change nothing, history lists every movement, analytics follow the data,
// removal removes what the spec says.
import { afterEach, describe, expect, it } from 'vitest';
import { preparedTexts } from '../src/db/postgres.js';
import type { RunningSandbox } from '../src/index.js';
import { call, DATABASES, freshSandbox, FULL_KEY } from './support/databases.js';

describe.each(DATABASES)('the ledger on %s', (kind) => {
  let sandbox: RunningSandbox;
  afterEach(() => sandbox?.stop());

  async function newMember(id: string, tier: string, points: number) {
    expect((await call(sandbox, 'PUT', `/v1/members/${id}`, FULL_KEY, { displayName: 'Grace Hopper', tier })).status).toBe(200);
    if (points > 0) expect((await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, { externalUserID: id, amount: points, reason: 'welcome' })).status).toBe(200);
    const grant = await call(sandbox, 'POST', '/v1/auth/exchange', FULL_KEY, { externalUserID: id });
    expect(grant.status).toBe(200);
    return grant.body.token as string;
  }

  it('credits raise the balance; a redemption lowers it and shows in the lists', async () => {
    sandbox = await freshSandbox(kind);
    const token = await newMember('user_grace', 'gold', 0);
    expect((await call(sandbox, 'GET', '/v1/wallet', token)).body.balance).toBe(0);
    const credit = await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, { externalUserID: 'user_grace', amount: 700, reason: 'Order 1' });
    expect(credit.body).toMatchObject({ amount: 700, balance: 700 });
    expect((await call(sandbox, 'GET', '/v1/wallet', token)).body.balance).toBe(700);

    const redemption = await call(sandbox, 'POST', '/v1/redemptions', token, { offerId: 'off_7Hq2LmN4pX9rT1vB' });
    expect(redemption.status).toBe(201);
    expect(redemption.body).toMatchObject({ offerId: 'off_7Hq2LmN4pX9rT1vB', externalUserID: 'user_grace', pointsSpent: 500, status: 'fulfilled' });
    expect(redemption.body.voucherCode).toMatch(/^EXPY-/);
    expect((await call(sandbox, 'GET', '/v1/wallet', token)).body.balance).toBe(200);
    expect((await call(sandbox, 'GET', '/v1/redemptions', token)).body.data.map((r: any) => r.id)).toEqual([redemption.body.id]);
    expect((await call(sandbox, 'GET', `/v1/redemptions/${redemption.body.id}`, token)).status).toBe(200);

    const history = (await call(sandbox, 'GET', '/v1/wallet/transactions', token)).body.data;
    expect(history.map((t: any) => [t.type, t.amount, t.balanceAfter, t.redemptionId])).toEqual([
      ['redemption', -500, 200, redemption.body.id],
      ['credit', 700, 700, null],
    ]);
    expect((await call(sandbox, 'GET', '/v1/members/user_grace', FULL_KEY)).body.pointsBalance).toBe(200);
  });

  it('refuses a redemption the member cannot afford or is not eligible for, and deducts nothing', async () => {
    sandbox = await freshSandbox(kind);
    const token = await newMember('user_ada', 'bronze', 400);
    const poor = await call(sandbox, 'POST', '/v1/redemptions', token, { offerId: 'off_7Hq2LmN4pX9rT1vB' });
    expect([poor.status, poor.body.code]).toEqual([422, 'insufficient_points']);
    const tier = await call(sandbox, 'POST', '/v1/redemptions', token, { offerId: 'off_3Jk8Pw1ZrQ6nTm4S' });
    expect([tier.status, tier.body.code]).toEqual([422, 'not_eligible']);
    const eligibility = await call(sandbox, 'GET', '/v1/offers/off_3Jk8Pw1ZrQ6nTm4S/eligibility', token);
    expect(eligibility.body).toMatchObject({ eligible: false, pointsRequired: 350, pointsAvailable: 400 });
    expect(eligibility.body.reasons.map((r: any) => r.code)).toEqual(['tier_too_low']);
    const missing = await call(sandbox, 'POST', '/v1/redemptions', token, { offerId: 'off_DoesNotExist1' });
    expect([missing.status, missing.body.code]).toEqual([404, 'not_found']);
    expect((await call(sandbox, 'GET', '/v1/wallet', token)).body.balance).toBe(400);
    expect((await call(sandbox, 'GET', '/v1/wallet/transactions', token)).body.data).toHaveLength(1);
    expect((await call(sandbox, 'GET', '/v1/redemptions', token)).body.data).toHaveLength(0);
  });

  it('expires an offer when the test clock passes its end', async () => {
    sandbox = await freshSandbox(kind);
    const [offer] = await sandbox.context.db.query("SELECT available_until FROM offers WHERE id = 'off_7Hq2LmN4pX9rT1vB'");
    const untilEnd = new Date(offer.available_until).getTime() - sandbox.context.clock.now().getTime() + 60_000;
    await sandbox.context.clock.advance(untilEnd);
    const token = await newMember('user_late', 'gold', 1000);
    const answer = await call(sandbox, 'POST', '/v1/redemptions', token, { offerId: 'off_7Hq2LmN4pX9rT1vB' });
    expect([answer.status, answer.body.code]).toEqual([422, 'not_eligible']);
    expect((await call(sandbox, 'GET', '/v1/offers/off_7Hq2LmN4pX9rT1vB/eligibility', token)).body.reasons.map((r: any) => r.code)).toEqual(['offer_expired']);
  });

  it('computes analytics from what happened', async () => {
    sandbox = await freshSandbox(kind);
    const today = sandbox.context.clock.now().toISOString().slice(0, 10);
    const before = (await call(sandbox, 'GET', `/v1/analytics/summary?from=${today}&to=${today}`, FULL_KEY)).body;
    const token = await newMember('user_stats', 'gold', 900);
    await call(sandbox, 'POST', '/v1/redemptions', token, { offerId: 'off_7Hq2LmN4pX9rT1vB' });
    const after = (await call(sandbox, 'GET', `/v1/analytics/summary?from=${today}&to=${today}`, FULL_KEY)).body;
    expect(after.pointsMinted - before.pointsMinted).toBe(900);
    expect(after.pointsRedeemed - before.pointsRedeemed).toBe(500);
    expect(after.redemptionCount - before.redemptionCount).toBe(1);
    expect(after.memberCount - before.memberCount).toBe(1);
    const series = (await call(sandbox, 'GET', `/v1/analytics/timeseries?metric=pointsRedeemed&interval=day&from=${today}&to=${today}`, FULL_KEY)).body;
    expect(series.points).toEqual([{ timestamp: `${today}T00:00:00Z`, value: after.pointsRedeemed }]);
    const offers = (await call(sandbox, 'GET', '/v1/analytics/offers', FULL_KEY)).body.data;
    expect(offers[0]).toMatchObject({ offerId: 'off_7Hq2LmN4pX9rT1vB' });
    // The range rule the spec documents and the schema cannot express: at most 366 days.
    const tooLong = await call(sandbox, 'GET', '/v1/analytics/summary?from=2025-01-01&to=2026-01-02', FULL_KEY);
    expect([tooLong.status, tooLong.body.code, tooLong.body.errors[0].path]).toEqual([422, 'validation_failed', '/query/from']);
    const backwards = await call(sandbox, 'GET', '/v1/analytics/timeseries?metric=redemptions&from=2026-03-02&to=2026-03-01', FULL_KEY);
    expect(backwards.status).toBe(422);
  });

  it('removes a member: its token stops working, reads are 404, and a new member of that id starts empty', async () => {
    sandbox = await freshSandbox(kind);
    const token = await newMember('user_gone', 'gold', 800);
    await call(sandbox, 'POST', '/v1/redemptions', token, { offerId: 'off_7Hq2LmN4pX9rT1vB' });
    expect((await call(sandbox, 'DELETE', '/v1/members/user_gone', FULL_KEY)).status).toBe(204);
    expect((await call(sandbox, 'DELETE', '/v1/members/user_gone', FULL_KEY)).status).toBe(404);
    expect((await call(sandbox, 'GET', '/v1/members/user_gone', FULL_KEY)).status).toBe(404);
    const refused = await call(sandbox, 'GET', '/v1/wallet', token);
    expect([refused.status, refused.body.code]).toEqual([401, 'unauthenticated']);
    const again = await newMember('user_gone', 'bronze', 0);
    expect((await call(sandbox, 'GET', '/v1/wallet', again)).body.balance).toBe(0);
    expect((await call(sandbox, 'GET', '/v1/redemptions', again)).body.data).toEqual([]);
    expect((await call(sandbox, 'GET', '/v1/wallet/transactions', again)).body.data).toEqual([]);
  });

  it('pages every list by cursor without repeats, and refuses a cursor it did not issue', async () => {
    sandbox = await freshSandbox(kind);
    const token = await newMember('user_pages', 'platinum', 5);
    for (let i = 0; i < 6; i++) await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, { externalUserID: 'user_pages', amount: 1 + i, reason: `credit ${i}` });
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: any = (await call(sandbox, 'GET', `/v1/wallet/transactions?limit=2${cursor ? `&cursor=${cursor}` : ''}`, token)).body;
      seen.push(...page.data.map((t: any) => t.amount));
      cursor = page.nextCursor;
      expect(page.hasMore).toBe(cursor !== null);
    } while (cursor);
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 5]);
    const bad = await call(sandbox, 'GET', '/v1/wallet/transactions?cursor=bm90LWEtY3Vyc29y', token);
    expect([bad.status, bad.body.errors[0].path]).toEqual([422, '/query/cursor']);
  });

  it("reads the spec's own Cursor example: the page after the offer it names; another list's item is no cursor here", async () => {
    sandbox = await freshSandbox(kind);
    const token = await newMember('user_cursor', 'gold', 0);
    // The Cursor parameter's example in the spec: {"id":"off_7Hq2LmN4pX9rT1vB"}, a seeded offer.
    const example = 'eyJpZCI6Im9mZl83SHEyTG1ONHBYOXJUMXZCIn0';
    expect(JSON.parse(Buffer.from(example, 'base64url').toString())).toEqual({ id: 'off_7Hq2LmN4pX9rT1vB' });
    const all: any = (await call(sandbox, 'GET', '/v1/offers?limit=100', token)).body;
    const after: any = await call(sandbox, 'GET', `/v1/offers?cursor=${example}`, token);
    expect(after.status).toBe(200);
    const at = all.data.findIndex((offer: any) => offer.id === 'off_7Hq2LmN4pX9rT1vB');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(after.body.data.map((offer: any) => offer.id)).toEqual(all.data.slice(at + 1).map((offer: any) => offer.id));
    const analytics: any = await call(sandbox, 'GET', `/v1/analytics/offers?cursor=${example}`, FULL_KEY);
    expect(analytics.status).toBe(200);
    const wrongList = await call(sandbox, 'GET', `/v1/redemptions?cursor=${example}`, token);
    expect([wrongList.status, wrongList.body.errors[0].path]).toEqual([422, '/query/cursor']);
  });
});

describe('statements on PostgreSQL', () => {
  let sandbox: RunningSandbox | undefined;
  afterEach(() => sandbox?.stop());

  // A value written into the SQL text instead of a parameter makes PostgreSQL parse, plan and
  // keep a new statement on every call (the credit's balance placeholder once did: ~60 kB of
  // server memory per credit). After a first round, repeating the hot writes adds no text.
  it('prepares one text per statement: credits, redemptions, exchanges and reads add none when repeated', async () => {
    sandbox = await freshSandbox('postgres');
    const round = async (n: number) => {
      const credit = await call(sandbox!, 'POST', '/v1/points/credit', FULL_KEY, { externalUserID: 'user_123', amount: 600, reason: `round ${n}` }, { 'idempotency-key': `credit-${n}` });
      expect(credit.status).toBe(200);
      const grant = await call(sandbox!, 'POST', '/v1/auth/exchange', FULL_KEY, { externalUserID: 'user_123' });
      expect(grant.status).toBe(200);
      expect((await call(sandbox!, 'POST', '/v1/redemptions', grant.body.token, { offerId: 'off_7Hq2LmN4pX9rT1vB' }, { 'idempotency-key': `redeem-${n}` })).status).toBe(201);
      expect((await call(sandbox!, 'GET', '/v1/wallet', grant.body.token)).status).toBe(200);
    };
    await round(0);
    await round(1);
    const before = preparedTexts(sandbox.context.db);
    expect(before).toBeGreaterThan(0);
    for (let n = 2; n < 12; n++) await round(n);
    expect(preparedTexts(sandbox.context.db)).toBe(before);
  });
});

// createRedemption runs as one statement when the redemption goes through, and falls back to
// `redeem` (which names every reason and stores the refusal) when a rule refuses. The rules are
// then written twice, in SQL and in eligibilityOf: this holds them to the same answer for every
// combination of tier, minimum tier, balance against cost and offer end, on both databases.
import { afterEach, describe, expect, it } from 'vitest';
import { eligibilityOf, redeemStatement } from '../src/domain/ledger.js';
import { runIdempotentStatement } from '../src/domain/idempotency.js';
import { TIERS } from '../src/domain/representations.js';
import type { Clock } from '../src/domain/clock.js';
import type { RunningSandbox } from '../src/index.js';
import { DATABASES, freshSandbox } from './support/databases.js';

describe.each(DATABASES)('redemption rules on %s', (kind) => {
  let sandbox: RunningSandbox;
  afterEach(() => sandbox?.stop());

  it("the one statement redeems exactly when eligibilityOf says eligible, and writes nothing otherwise", async () => {
    sandbox = await freshSandbox(kind);
    const { db } = sandbox.context;
    // One instant for the statement and eligibilityOf alike, so an offer ending exactly now is a case.
    const now = new Date(sandbox.context.clock.now().getTime());
    const clock = { now: () => now } as Clock;
    const COST = 100;
    const ends = [null, new Date(now.getTime() - 1), now, new Date(now.getTime() + 86_400_000)];
    const cases = TIERS.flatMap((tier) => TIERS.flatMap((minimumTier) => [COST - 1, COST, COST + 1].flatMap((balance) => ends.map((end, e) => ({ tier, minimumTier, balance, end, e })))));
    let redeemed = 0;
    for (const [i, c] of cases.entries()) {
      const member = `rules_${i}`;
      const offerId = `off_rules_${i}`;
      await db.query("INSERT INTO members (external_user_id, display_name, tier, balance, created_at, updated_at) VALUES ($1, 'Rules', $2, $3, $4, $4)", [member, c.tier, c.balance, now]);
      await db.query(
        "INSERT INTO offers (id, title, description, category, points_cost, minimum_tier, image_url, available_until) VALUES ($1, 'Rules', 'Rules', 'test', $2, $3, 'https://example.test/x.png', $4)",
        [offerId, COST, c.minimumTier, c.end],
      );
      const [offerRow] = await db.query('SELECT * FROM offers WHERE id = $1', [offerId]);
      const [memberRow] = await db.query('SELECT * FROM members WHERE external_user_id = $1', [member]);
      const expected = eligibilityOf(offerRow, memberRow, clock.now());
      const answer = await runIdempotentStatement(db, { caller: `member:${member}`, key: undefined, operationId: 'createRedemption', fingerprint: {}, now: clock.now() }, redeemStatement(clock, member, offerId));
      const [after] = await db.query<{ balance: number; redemptions: number; movements: number }>(
        `SELECT m.balance, (SELECT count(*)::int FROM redemptions WHERE external_user_id = $1) AS redemptions,
                (SELECT count(*)::int FROM wallet_transactions WHERE external_user_id = $1) AS movements FROM members m WHERE m.external_user_id = $1`,
        [member],
      );
      const label = JSON.stringify({ ...c, reasons: expected.reasons.map((r) => r.code) });
      expect(answer !== undefined, label).toBe(expected.eligible);
      if (answer) {
        redeemed++;
        expect(answer.status).toBe(201);
        expect(answer.body).toMatchObject({ offerId, externalUserID: member, pointsSpent: COST, status: 'fulfilled' });
        expect([after.balance, after.redemptions, after.movements], label).toEqual([c.balance - COST, 1, 1]);
      } else {
        expect([after.balance, after.redemptions, after.movements], label).toEqual([c.balance, 0, 0]);
      }
    }
    // Every rule refused some case and some went through.
    expect(redeemed).toBeGreaterThan(0);
    expect(redeemed).toBeLessThan(cases.length);
  });
});

// The scripted journey a real integration goes through, with both generated clients pointed at
// the target: the backend sets the member, mints a member token and credits points; the app,
// holding only that member token, lists offers, redeems one and reads its wallet. Against the
// stateful sandbox the numbers must also add up: the wallet drops by exactly what was spent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractChecker } from '../src/checker.js';
import { member, server } from '../src/clients.js';
import { loadFullBundle } from '../src/spec.js';
import { resolveTarget, type Target } from '../src/target.js';
import { assertNoViolations, checkedFetch } from '../src/traffic.js';

const doc = loadFullBundle();
const traffic = checkedFetch(doc, new ContractChecker(doc), { via: 'journey', checkRequests: true });

let target: Target;
beforeAll(async () => {
  target = await resolveTarget();
});
afterAll(() => target?.stop());

describe('journey: backend and app against the same target', () => {
  it('sets the member, mints a member token, credits points, then the app lists, redeems and reads its wallet', async () => {
    const common = { environment: target.environment, baseUrl: target.url, fetch: traffic.fetch } as const;
    const backend = server.initialize({ ...common, token: target.credentials.orgApiKey });

    // The member must exist before a token is minted for it (exchangeToken answers 404 otherwise).
    const memberRecord = await backend.setMember('user_42', { displayName: 'Ada Lovelace', tier: 'gold' });
    expect(memberRecord.tier).toBeTruthy();
    const grant = await backend.exchangeToken({ externalUserID: 'user_42' });
    expect(grant.token).toMatch(/^mt_test_/);
    expect(Date.parse(grant.expiresAt)).not.toBeNaN();
    const credited = await backend.creditPoints({ amount: 1000, externalUserID: 'user_42', reason: 'welcome bonus' });
    expect(typeof credited.balance).toBe('number');
    expect(credited.currency.symbol).toBeTruthy();

    // The app never sees the Org-API-Key: it asks "its backend" for the token.
    let minted = 0;
    const app = member.initialize({
      ...common,
      token: async () => {
        minted++;
        return grant.token;
      },
    });
    const offers = await app.listOffers({ limit: 2 });
    expect(offers.data.length).toBeGreaterThan(0);
    const redemption = await app.createRedemption({ offerId: offers.data[0].id });
    expect(redemption.id).toMatch(/^red_/);
    const wallet = await app.getWallet();
    expect(typeof wallet.balance).toBe('number');
    expect(minted).toBeGreaterThanOrEqual(1);
    if (target.kind === 'sandbox') {
      expect(credited.balance).toBe(1000);
      expect(wallet.balance).toBe(credited.balance - redemption.pointsSpent);
      expect(redemption.pointsSpent).toBe(offers.data[0].pointsCost);
    }
    // Every page, once: the iteration follows nextCursor until hasMore is false.
    const every: string[] = [];
    for await (const offer of app.listOffers({ limit: 2 })) every.push(offer.id);
    expect(every.length).toBeGreaterThan(offers.data.length);
    expect(every.slice(0, offers.data.length)).toEqual(offers.data.map((o) => o.id));

    const { violations, exchanges } = traffic.take();
    assertNoViolations(violations);
    expect(exchanges.map((e) => e.operationId)).toEqual([
      'setMember', 'exchangeToken', 'creditPoints', 'listOffers', 'createRedemption', 'getWallet', 'listOffers', 'listOffers',
    ]);
  });
});

// Membership cards on PGlite and on PostgreSQL: one card per member, made on first read, the same
// from the app and the backend; a 16-digit number with a valid Luhn digit; the member's tier read
// live; one reward per stamp reward ready to redeem; cursor pages; the documented statuses.
import { SAMPLE_CREDENTIALS } from '@expys/gateway';
import { afterEach, describe, expect, it } from 'vitest';
import { luhnDigit } from '../src/domain/cards.js';
import type { RunningSandbox } from '../src/index.js';
import { call, callApp, DATABASES, freshSandbox, FULL_KEY, newMember, SAMPLE_APP } from './support/databases.js';

const MARKER = 'expys-sandbox-answer';
const COFFEE = 'stc_Coffee10Card0001';
/** member_read, member_write and points_write: not card_read. */
const LOYALTY_JOB = SAMPLE_CREDENTIALS.apiKeys.loyaltyJob.key;

describe('luhnDigit', () => {
  it('computes the check digit card readers verify', () => {
    // Well-known valid numbers: the test numbers of card networks.
    for (const number of ['4111111111111111', '5555555555554444', '6011111111111117', '79927398713']) {
      expect(luhnDigit(number.slice(0, -1))).toBe(number.slice(-1));
    }
  });
});

describe.each(DATABASES)('cards on %s', (kind) => {
  let sandbox: RunningSandbox;
  afterEach(() => sandbox?.stop());

  const addStamps = (member: string, stamps: number) => call(sandbox, 'POST', `/v1/members/${member}/stamps`, FULL_KEY, { stampCardId: COFFEE, stamps, reason: 'visits' });

  it('gives each member one membership card, made on first read, the same from the app and the backend', async () => {
    sandbox = await freshSandbox(kind);
    expect(sandbox.exampleOperations).not.toContain('listCards');
    expect(sandbox.exampleOperations).not.toContain('listMemberCards');
    const token = await newMember(sandbox, 'user_card');
    const listed = await call(sandbox, 'GET', '/v1/cards', token);
    expect([listed.status, listed.headers.get(MARKER)]).toEqual([200, null]);
    expect(listed.body).toEqual({
      data: [{ id: expect.stringMatching(/^crd_[A-Za-z0-9]{16}$/), number: expect.stringMatching(/^6012[0-9]{12}$/), tier: 'bronze', status: 'active', issuedAt: expect.any(String), rewards: [] }],
      nextCursor: null,
      hasMore: false,
    });
    const [card] = listed.body.data;
    expect(luhnDigit(card.number.slice(0, 15))).toBe(card.number[15]);
    const backend = await call(sandbox, 'GET', '/v1/members/user_card/cards', FULL_KEY);
    expect([backend.status, backend.headers.get(MARKER), backend.body]).toEqual([200, null, listed.body]);
    // Ten first reads at once issue one card.
    const fresh = await newMember(sandbox, 'user_rush');
    const reads = await Promise.all(Array.from({ length: 10 }, () => call(sandbox, 'GET', '/v1/cards', fresh)));
    expect(new Set(reads.map((r) => r.body.data[0].id)).size).toBe(1);
    expect((await sandbox.context.db.query("SELECT count(*)::int AS n FROM member_cards WHERE external_user_id = 'user_rush'"))[0].n).toBe(1);
  });

  it("shows the member's tier as it is now, and one reward per stamp reward ready to redeem", async () => {
    sandbox = await freshSandbox(kind);
    const token = await newMember(sandbox, 'user_perks');
    const card = async () => (await call(sandbox, 'GET', '/v1/cards', token)).body.data[0];
    const issued = await card();
    expect((await call(sandbox, 'PUT', '/v1/members/user_perks', FULL_KEY, { displayName: 'Grace Hopper', tier: 'gold' })).status).toBe(200);
    expect(await card()).toEqual({ ...issued, tier: 'gold' });

    await addStamps('user_perks', 9);
    expect((await card()).rewards).toEqual([]);
    await addStamps('user_perks', 16);
    expect((await card()).rewards).toEqual([
      { id: `rwd_${COFFEE}_1`, title: 'A free coffee of any size', expiresAt: null },
      { id: `rwd_${COFFEE}_2`, title: 'A free coffee of any size', expiresAt: null },
    ]);
    expect((await call(sandbox, 'POST', `/v1/stamps/${COFFEE}/redeem`, token)).status).toBe(200);
    expect((await card()).rewards.map((r: any) => r.id)).toEqual([`rwd_${COFFEE}_1`]);
    // The seeded user_123 holds 10 stamps on the Coffee card: one reward on its card.
    expect((await call(sandbox, 'GET', '/v1/members/user_123/cards', FULL_KEY)).body.data[0].rewards).toHaveLength(1);
  });

  it('pages by cursor, and answers the documented refusals', async () => {
    sandbox = await freshSandbox(kind);
    const token = await newMember(sandbox, 'user_pages');
    const first = (await call(sandbox, 'GET', '/v1/cards?limit=1', token)).body;
    expect([first.data.length, first.hasMore, first.nextCursor]).toEqual([1, false, null]);
    // The card's own cursor: the page after it is empty.
    const after = Buffer.from(JSON.stringify({ id: first.data[0].id })).toString('base64url');
    expect((await call(sandbox, 'GET', `/v1/cards?cursor=${after}`, token)).body).toEqual({ data: [], nextCursor: null, hasMore: false });
    // Another member's card is no cursor here.
    const other = await newMember(sandbox, 'user_other');
    const foreign = await call(sandbox, 'GET', `/v1/cards?cursor=${after}`, other);
    expect([foreign.status, foreign.body.errors[0].path]).toEqual([422, '/query/cursor']);
    expect((await call(sandbox, 'GET', '/v1/cards?limit=0', token)).status).toBe(422);

    const missing = await call(sandbox, 'GET', '/v1/members/user_nobody/cards', FULL_KEY);
    expect([missing.status, missing.body.code]).toEqual([404, 'not_found']);
    expect(await sandbox.context.db.query("SELECT 1 FROM member_cards WHERE external_user_id = 'user_nobody'")).toEqual([]);
    const noScope = await call(sandbox, 'GET', '/v1/members/user_pages/cards', LOYALTY_JOB);
    expect([noScope.status, noScope.body.code]).toEqual([403, 'insufficient_scope']);
    expect(noScope.body.detail).toContain('card_read');
    const key = await callApp(sandbox, 'POST', '/v1/app/keys', SAMPLE_APP, { name: 'card printer', scopes: ['card_read'] });
    expect((await call(sandbox, 'GET', '/v1/members/user_pages/cards', key.body.key)).status).toBe(200);
    expect((await call(sandbox, 'GET', '/v1/members/user_pages/cards', token)).body.code).toBe('member_token_not_allowed');
    expect((await call(sandbox, 'GET', '/v1/cards', FULL_KEY)).status).toBe(403);
    expect((await call(sandbox, 'GET', '/v1/cards', 'mt_test_NotAToken')).status).toBe(401);
  });

  it('removeMember: the card goes with the member; a new member of that id gets a new card', async () => {
    sandbox = await freshSandbox(kind);
    const token = await newMember(sandbox, 'user_gone');
    const card = (await call(sandbox, 'GET', '/v1/cards', token)).body.data[0];
    expect((await call(sandbox, 'DELETE', '/v1/members/user_gone', FULL_KEY)).status).toBe(204);
    const again = await newMember(sandbox, 'user_gone');
    const fresh = (await call(sandbox, 'GET', '/v1/cards', again)).body.data[0];
    expect(fresh.id).not.toBe(card.id);
    expect(fresh.number).not.toBe(card.number);
  });
});

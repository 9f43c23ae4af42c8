// Referrals on PGlite and on PostgreSQL: one code per member (made on first read), one
// application per referee for life, never its own code, both members rewarded once through the
// points ledger (their wallet histories show it), referral.applied signed and delivered, the
// documented statuses of the five operations, and the invariant under concurrency: a referee
// applying codes many times at once is rewarded once, on both sides.
import { SAMPLE_CREDENTIALS } from '@expys/gateway';
import { webhooks } from '@expys/server-client';
import { describe, expect, it } from 'vitest';
import { REFEREE_POINTS, REFERRER_POINTS } from '../src/domain/referrals.js';
import type { RunningSandbox } from '../src/index.js';
import { call, callApp, DATABASES, freshSandbox, FULL_KEY, newMember, SAMPLE_APP, stopAfterEach } from './support/databases.js';
import { expectPointsLedger } from './support/ledgers.js';
import { startReceiver, until, type Receiver } from './support/receiver.js';

const MARKER = 'expys-sandbox-answer';
/** member_read, member_write and points_write: none of the referral scopes. */
const LOYALTY_JOB = SAMPLE_CREDENTIALS.apiKeys.loyaltyJob.key;
const CODE = /^BEAN-[0-9A-HJKMNP-TV-Z]{4}$/;

describe.each(DATABASES)('referrals on %s', (kind) => {
  let sandbox: RunningSandbox;
  let receiver: Receiver | undefined;
  stopAfterEach(() => [sandbox, receiver]);

  const codeOf = async (token: string) => (await call(sandbox, 'GET', '/v1/referrals', token)).body.code as string;
  const apply = (token: string, code: string, headers: Record<string, string> = {}) => call(sandbox, 'POST', '/v1/referrals/apply', token, { code }, headers);
  const applyFor = (member: string, code: string, headers: Record<string, string> = {}, key = FULL_KEY) =>
    call(sandbox, 'POST', `/v1/members/${member}/referrals`, key, { code }, headers);
  const count = async (sql: string, params: unknown[] = []) => Number((await sandbox.context.db.query(sql, params))[0].n);

  it('answers the five referral operations from its own code, not from the examples', async () => {
    sandbox = await freshSandbox(kind);
    for (const operationId of ['getReferrals', 'applyReferralCode', 'validateReferralCode', 'getMemberReferrals', 'applyMemberReferral']) {
      expect(sandbox.exampleOperations).not.toContain(operationId);
    }
    const token = await newMember(sandbox, 'user_plain');
    for (const [method, path, credential, body] of [
      ['GET', '/v1/referrals', token, undefined],
      ['GET', '/v1/members/user_plain/referrals', FULL_KEY, undefined],
      ['GET', '/v1/referral-codes/NOPE-0000', FULL_KEY, undefined],
      ['POST', '/v1/referrals/apply', token, { code: 'NOPE-0000' }],
      ['POST', '/v1/members/user_plain/referrals', FULL_KEY, { code: 'NOPE-0000' }],
    ] as const) {
      const answer = await call(sandbox, method, path, credential, body);
      expect([path, answer.headers.get(MARKER)]).toEqual([path, null]);
    }
  });

  it('gives each member one code, made on first read, the same from the app and the backend; validates codes', async () => {
    sandbox = await freshSandbox(kind);
    const token = await newMember(sandbox, 'user_ref');
    expect(await count("SELECT count(*)::int AS n FROM referral_codes WHERE external_user_id = 'user_ref'")).toBe(0);
    const first = await call(sandbox, 'GET', '/v1/referrals', token);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ externalUserID: 'user_ref', code: expect.stringMatching(CODE), referrals: 0, pointsEarned: 0, referredBy: null });
    expect(await codeOf(token)).toBe(first.body.code);
    const backend = await call(sandbox, 'GET', '/v1/members/user_ref/referrals', FULL_KEY);
    expect([backend.status, backend.body]).toEqual([200, first.body]);

    expect((await call(sandbox, 'GET', `/v1/referral-codes/${first.body.code}`, FULL_KEY)).body).toEqual({ code: first.body.code, valid: true, referrerExternalUserID: 'user_ref' });
    // Unknown: 200 valid false (a sign-up form checks what was typed), not a 404.
    const unknown = await call(sandbox, 'GET', '/v1/referral-codes/NOPE-0000', FULL_KEY);
    expect([unknown.status, unknown.body]).toEqual([200, { code: 'NOPE-0000', valid: false, referrerExternalUserID: null }]);
    // A member whose code was never read has none yet: nothing to validate.
    await newMember(sandbox, 'user_quiet');
    expect(await count("SELECT count(*)::int AS n FROM referral_codes WHERE external_user_id = 'user_quiet'")).toBe(0);

    // Ten first reads at once make one code.
    const fresh = await newMember(sandbox, 'user_rush');
    const codes = await Promise.all(Array.from({ length: 10 }, () => codeOf(fresh)));
    expect(new Set(codes).size).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM referral_codes WHERE external_user_id = 'user_rush'")).toBe(1);

    // 404 for an unknown member; the boundary's 422 for a code outside the pattern.
    const missing = await call(sandbox, 'GET', '/v1/members/user_nobody/referrals', FULL_KEY);
    expect([missing.status, missing.body.code]).toEqual([404, 'not_found']);
    const lower = await call(sandbox, 'GET', '/v1/referral-codes/bean-1234', FULL_KEY);
    expect([lower.status, lower.body.code]).toEqual([422, 'validation_failed']);
  });

  it('rewards both members once through the points ledger, shows it in their wallets and stats, and sends referral.applied', async () => {
    receiver = await startReceiver();
    sandbox = await freshSandbox(kind, { webhooks: { forwardTo: receiver.url, pollMs: 20 } });
    const created = await call(sandbox, 'POST', '/v1/webhooks', FULL_KEY, { url: 'https://backend.example.com/hooks', events: ['referral.applied'] });
    receiver.secret = created.body.signingSecret;
    const today = sandbox.context.clock.now().toISOString().slice(0, 10);
    const conversions = async () => (await call(sandbox, 'GET', `/v1/analytics/summary?from=${today}&to=${today}`, FULL_KEY)).body.referralConversions as number;
    const before = await conversions();

    const referrer = await newMember(sandbox, 'user_referrer');
    const code = await codeOf(referrer);
    const friend = await newMember(sandbox, 'user_friend');
    const applied = await apply(friend, code, { 'idempotency-key': 'signup-1' });
    expect(applied.status).toBe(200);
    expect(applied.body).toEqual({ code, refereeExternalUserID: 'user_friend', refereePoints: REFEREE_POINTS, referrerPoints: REFERRER_POINTS, appliedAt: expect.any(String) });
    expect(Math.abs(Date.parse(applied.body.appliedAt) - sandbox.context.clock.now().getTime())).toBeLessThan(60_000);

    // A retry with the key replays; the same key with another code is a conflict.
    const replay = await apply(friend, code, { 'idempotency-key': 'signup-1' });
    expect([replay.status, replay.body, replay.headers.get('idempotent-replayed')]).toEqual([200, applied.body, 'true']);
    const conflict = await apply(friend, 'NOPE-0000', { 'idempotency-key': 'signup-1' });
    expect([conflict.status, conflict.body.code]).toEqual([409, 'idempotency_conflict']);

    // The wallets show the credits, described without naming the other member.
    const friendHistory = (await call(sandbox, 'GET', '/v1/wallet/transactions', friend)).body.data;
    expect(friendHistory.map((t: any) => [t.type, t.amount, t.balanceAfter, t.description])).toEqual([['credit', REFEREE_POINTS, REFEREE_POINTS, `Referral: welcome points for applying the code ${code}`]]);
    const referrerHistory = (await call(sandbox, 'GET', '/v1/wallet/transactions', referrer)).body.data;
    expect(referrerHistory.map((t: any) => [t.type, t.amount, t.balanceAfter, t.description])).toEqual([['credit', REFERRER_POINTS, REFERRER_POINTS, `Referral: a new member applied your code ${code}`]]);
    expect((await call(sandbox, 'GET', '/v1/wallet', friend)).body.balance).toBe(REFEREE_POINTS);

    // The backend applies the same code for another member (a sign-up that runs there).
    await newMember(sandbox, 'user_friend2');
    const fromBackend = await applyFor('user_friend2', code, { 'idempotency-key': 'signup-2' });
    expect([fromBackend.status, fromBackend.body.refereeExternalUserID]).toEqual([200, 'user_friend2']);

    expect((await call(sandbox, 'GET', '/v1/referrals', referrer)).body).toEqual({ externalUserID: 'user_referrer', code, referrals: 2, pointsEarned: 2 * REFERRER_POINTS, referredBy: null });
    expect((await call(sandbox, 'GET', '/v1/referrals', friend)).body).toMatchObject({ referrals: 0, pointsEarned: 0, referredBy: code });
    expect(await conversions()).toBe(before + 2);
    for (const member of ['user_referrer', 'user_friend', 'user_friend2']) await expectPointsLedger(sandbox.context.db, member);
    // Not a creditPoints: no points.credited event for these credits.
    expect(await count("SELECT count(*)::int AS n FROM events WHERE type = 'points.credited'")).toBe(0);

    await until(() => receiver!.processed.size >= 2);
    expect(receiver.received.every((r) => r.verified && r.status === 200)).toBe(true);
    const events = await Promise.all(receiver.received.map((r) => webhooks.constructEvent(r.body, r.headers, receiver!.secret!)));
    expect(events.map((e: any) => [e.type, e.data.refereeExternalUserID]).sort()).toEqual([
      ['referral.applied', 'user_friend'],
      ['referral.applied', 'user_friend2'],
    ]);
    expect(events.find((e: any) => e.data.refereeExternalUserID === 'user_friend')!.data).toEqual(applied.body);
  });

  it('refuses an unknown code, the own code and a second code with 422, and moves nothing; 404 for an unknown member; the boundary', async () => {
    sandbox = await freshSandbox(kind);
    const alice = await newMember(sandbox, 'user_alice');
    const bob = await newMember(sandbox, 'user_bob');
    const carol = await newMember(sandbox, 'user_carol');
    const [aliceCode, bobCode, carolCode] = [await codeOf(alice), await codeOf(bob), await codeOf(carol)];

    const invalid = await apply(bob, 'NOPE-0000');
    expect([invalid.status, invalid.body.code, invalid.body.errors]).toEqual([422, 'referral_code_invalid', [{ path: '/code', message: 'No member has the referral code NOPE-0000.' }]]);
    const own = await apply(bob, bobCode);
    expect([own.status, own.body.code, own.body.errors[0].path]).toEqual([422, 'self_referral', '/code']);
    const ownFromBackend = await applyFor('user_bob', bobCode);
    expect([ownFromBackend.status, ownFromBackend.body.code]).toEqual([422, 'self_referral']);
    expect((await apply(bob, aliceCode)).status).toBe(200);
    // Once in a lifetime: another code, or the same one again (another key, so not a replay).
    for (const [answer, what] of [
      [await apply(bob, carolCode), 'another code'],
      [await apply(bob, aliceCode, { 'idempotency-key': 'again' }), 'the same code'],
      [await applyFor('user_bob', carolCode), 'from the backend'],
    ] as const) {
      expect([what, answer.status, answer.body.code]).toEqual([what, 422, 'referral_already_applied']);
      expect(answer.body.detail).toContain(`applied the code ${aliceCode} on ${sandbox.context.clock.now().toISOString().slice(0, 10)}`);
    }
    // A referrer can still be referred (once), and is still rewarded for its own code.
    expect((await apply(alice, carolCode)).status).toBe(200);
    expect((await call(sandbox, 'GET', '/v1/wallet', alice)).body.balance).toBe(REFERRER_POINTS + REFEREE_POINTS);
    expect((await call(sandbox, 'GET', '/v1/wallet', bob)).body.balance).toBe(REFEREE_POINTS);
    expect((await call(sandbox, 'GET', '/v1/wallet', carol)).body.balance).toBe(REFERRER_POINTS);
    expect(await count('SELECT count(*)::int AS n FROM referral_applications')).toBe(2);

    const unknownMember = await applyFor('user_nobody', aliceCode);
    expect([unknownMember.status, unknownMember.body.code]).toEqual([404, 'not_found']);
    expect(await count("SELECT count(*)::int AS n FROM wallet_transactions WHERE external_user_id = 'user_nobody'")).toBe(0);

    // The boundary: modes, scopes, the body's schema, credentials.
    const asMember = await call(sandbox, 'POST', '/v1/members/user_carol/referrals', carol, { code: aliceCode });
    expect([asMember.status, asMember.body.code]).toEqual([403, 'member_token_not_allowed']);
    expect((await call(sandbox, 'GET', '/v1/referrals', FULL_KEY)).status).toBe(403);
    for (const [method, path, body, scope] of [
      ['GET', `/v1/referral-codes/${aliceCode}`, undefined, 'referral_read'],
      ['GET', '/v1/members/user_alice/referrals', undefined, 'referral_read'],
      ['POST', '/v1/members/user_alice/referrals', { code: bobCode }, 'referral_write'],
    ] as const) {
      const noScope = await call(sandbox, method, path, LOYALTY_JOB, body);
      expect([path, noScope.status, noScope.body.code]).toEqual([path, 403, 'insufficient_scope']);
      expect(noScope.body.detail).toContain(scope);
    }
    // An API key with the scope is let through.
    const key = await callApp(sandbox, 'POST', '/v1/app/keys', SAMPLE_APP, { name: 'referrals job', scopes: ['referral_read', 'referral_write'] });
    expect((await call(sandbox, 'GET', `/v1/referral-codes/${aliceCode}`, key.body.key)).body.valid).toBe(true);
    const badBody = await apply(carol, 'lowercase');
    expect([badBody.status, badBody.body.code, badBody.body.errors[0].path]).toEqual([422, 'validation_failed', '/body/code']);
    expect((await call(sandbox, 'GET', '/v1/referrals', 'mt_test_NotAToken')).status).toBe(401);
  });

  it('rewards once, on both sides, when one referee applies codes many times at once', async () => {
    sandbox = await freshSandbox(kind);
    const referrer = await newMember(sandbox, 'user_popular');
    const other = await newMember(sandbox, 'user_other');
    const [code, otherCode] = [await codeOf(referrer), await codeOf(other)];
    const referee = await newMember(sandbox, 'user_eager');
    // 20 at once: the same code without a key, with different keys, from the app and the
    // backend, and another member's code too. One wins.
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 4 === 0
          ? applyFor('user_eager', code, { 'idempotency-key': `backend-${i}` })
          : i % 4 === 1
            ? apply(referee, otherCode)
            : apply(referee, code, i % 2 === 0 ? { 'idempotency-key': `app-${i}` } : {}),
      ),
    );
    const won = answers.filter((a) => a.status === 200);
    expect(won).toHaveLength(1);
    expect(answers.filter((a) => a.status === 422).map((a) => a.body.code)).toEqual(Array(19).fill('referral_already_applied'));
    const winner = won[0].body.code === code ? 'user_popular' : 'user_other';
    expect(await expectPointsLedger(sandbox.context.db, 'user_eager')).toBe(REFEREE_POINTS);
    expect(await expectPointsLedger(sandbox.context.db, winner)).toBe(REFERRER_POINTS);
    expect(await expectPointsLedger(sandbox.context.db, winner === 'user_popular' ? 'user_other' : 'user_popular')).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM referral_applications')).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM events WHERE type = 'referral.applied'")).toBe(1);

    // Two members applying each other's codes at once (rows locked in one order): both apply, no deadlock.
    const [x, y] = [await newMember(sandbox, 'user_x'), await newMember(sandbox, 'user_y')];
    const [xCode, yCode] = [await codeOf(x), await codeOf(y)];
    const crossed = await Promise.all([apply(x, yCode), apply(y, xCode), apply(x, yCode), apply(y, xCode)]);
    expect(crossed.map((a) => a.status).sort()).toEqual([200, 200, 422, 422]);
    expect(await expectPointsLedger(sandbox.context.db, 'user_x')).toBe(REFEREE_POINTS + REFERRER_POINTS);
    expect(await expectPointsLedger(sandbox.context.db, 'user_y')).toBe(REFEREE_POINTS + REFERRER_POINTS);
  });

  it('removeMember: the code goes with the member, its referrals stay counted, and a new member with its id starts clean', async () => {
    sandbox = await freshSandbox(kind);
    const referrer = await newMember(sandbox, 'user_leaving');
    const code = await codeOf(referrer);
    const friend = await newMember(sandbox, 'user_staying');
    expect((await apply(friend, code)).status).toBe(200);
    const today = sandbox.context.clock.now().toISOString().slice(0, 10);
    const summary = async () => (await call(sandbox, 'GET', `/v1/analytics/summary?from=${today}&to=${today}`, FULL_KEY)).body.referralConversions;
    const conversions = await summary();

    expect((await call(sandbox, 'DELETE', '/v1/members/user_leaving', FULL_KEY)).status).toBe(204);
    expect((await call(sandbox, 'GET', `/v1/referral-codes/${code}`, FULL_KEY)).body.valid).toBe(false);
    const late = await newMember(sandbox, 'user_late');
    expect((await apply(late, code)).body.code).toBe('referral_code_invalid');
    expect(await summary()).toBe(conversions);
    // The friend keeps what it applied.
    expect((await call(sandbox, 'GET', '/v1/referrals', friend)).body.referredBy).toBe(code);

    const again = await newMember(sandbox, 'user_leaving');
    const fresh = (await call(sandbox, 'GET', '/v1/referrals', again)).body;
    expect(fresh).toMatchObject({ referrals: 0, pointsEarned: 0, referredBy: null });
    expect(fresh.code).not.toBe(code);
    // The friend removed too: a new member with its id may apply a code again.
    expect((await call(sandbox, 'DELETE', '/v1/members/user_staying', FULL_KEY)).status).toBe(204);
    const reborn = await newMember(sandbox, 'user_staying');
    expect((await apply(reborn, fresh.code)).status).toBe(200);
  });
});

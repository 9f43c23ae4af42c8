// Claims on PGlite and on PostgreSQL: a member submits (claim.submitted), the backend decides
// once (pending → approved | rejected), an approval credits the points once through the points
// ledger (claim.approved), a rejection moves nothing (claim.rejected), the documented statuses of
// the five operations, and the invariant under concurrency: a claim approved many times at once
// credits once.
import { SAMPLE_CREDENTIALS } from '@expys/gateway';
import { webhooks } from '@expys/server-client';
import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { call, callApp, DATABASES, freshSandbox, FULL_KEY, newMember, SAMPLE_APP, stopAfterEach } from './support/databases.js';
import { expectPointsLedger } from './support/ledgers.js';
import { startReceiver, until, type Receiver } from './support/receiver.js';

const MARKER = 'expys-sandbox-answer';
/** member_read, member_write and points_write: not claim_write. */
const LOYALTY_JOB = SAMPLE_CREDENTIALS.apiKeys.loyaltyJob.key;
const CLAIM = { type: 'missing_points', description: 'My coffee on 12 March did not earn stars', points: 50, reference: 'order 1043' };

describe.each(DATABASES)('claims on %s', (kind) => {
  let sandbox: RunningSandbox;
  let receiver: Receiver | undefined;
  stopAfterEach(() => [sandbox, receiver]);

  const submit = async (token: string, claim: object = CLAIM, headers: Record<string, string> = {}) => call(sandbox, 'POST', '/v1/claims', token, claim, headers);
  const approve = (id: string, body?: object, headers: Record<string, string> = {}, key = FULL_KEY) => call(sandbox, 'POST', `/v1/claims/${id}/approve`, key, body, headers);
  const reject = (id: string, reason = 'No purchase found for order 1043', headers: Record<string, string> = {}) =>
    call(sandbox, 'POST', `/v1/claims/${id}/reject`, FULL_KEY, { reason }, headers);
  const count = async (sql: string) => Number((await sandbox.context.db.query(sql))[0].n);

  it('answers the five claim operations from its own code, not from the examples', async () => {
    sandbox = await freshSandbox(kind);
    for (const operationId of ['createClaim', 'listClaims', 'getClaim', 'approveClaim', 'rejectClaim']) expect(sandbox.exampleOperations).not.toContain(operationId);
    const token = await newMember(sandbox, 'user_plain');
    const created = await submit(token);
    expect([created.status, created.headers.get(MARKER)]).toEqual([201, null]);
    for (const answer of [
      await call(sandbox, 'GET', '/v1/claims', token),
      await call(sandbox, 'GET', `/v1/claims/${created.body.id}`, token),
      await approve(created.body.id),
      await reject(created.body.id),
    ]) {
      expect(answer.headers.get(MARKER)).toBeNull();
    }
  });

  it('submits a pending claim, lists the member\'s own newest first by cursor, and hides other members\' (404)', async () => {
    sandbox = await freshSandbox(kind);
    const token = await newMember(sandbox, 'user_claims');
    const created = await submit(token, CLAIM, { 'idempotency-key': 'claim-1' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.stringMatching(/^clm_[A-Za-z0-9]{16}$/), externalUserID: 'user_claims', ...CLAIM, status: 'pending', decision: null, createdAt: expect.any(String) });
    // A retried tap submits once; the same key with another body is a conflict.
    const replay = await submit(token, CLAIM, { 'idempotency-key': 'claim-1' });
    expect([replay.status, replay.body, replay.headers.get('idempotent-replayed')]).toEqual([201, created.body, 'true']);
    expect((await submit(token, { ...CLAIM, points: 60 }, { 'idempotency-key': 'claim-1' })).body.code).toBe('idempotency_conflict');
    // reference is optional: null in the claim.
    const second = await submit(token, { type: 'receipt', description: 'Receipt 88', points: 10 });
    expect(second.body.reference).toBeNull();
    const third = await submit(token, { type: 'other', description: 'Birthday bonus', points: 5 });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = (await call(sandbox, 'GET', `/v1/claims?limit=2${cursor ? `&cursor=${cursor}` : ''}`, token)).body;
      seen.push(...page.data.map((c: any) => c.id));
      expect(page.hasMore).toBe(page.nextCursor !== null);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([third.body.id, second.body.id, created.body.id]);
    expect((await call(sandbox, 'GET', `/v1/claims/${created.body.id}`, token)).body).toEqual(created.body);

    const other = await newMember(sandbox, 'user_other');
    expect((await call(sandbox, 'GET', '/v1/claims', other)).body.data).toEqual([]);
    const hidden = await call(sandbox, 'GET', `/v1/claims/${created.body.id}`, other);
    expect([hidden.status, hidden.body.code]).toEqual([404, 'not_found']);
    expect((await call(sandbox, 'GET', '/v1/claims/clm_Unknown0000000', token)).status).toBe(404);
    // Another list's item is no cursor here.
    const foreign = Buffer.from(JSON.stringify({ id: created.body.id })).toString('base64url');
    expect((await call(sandbox, 'GET', `/v1/claims?cursor=${foreign}`, other)).status).toBe(422);

    // The boundary: bounds, modes, credentials.
    for (const points of [0, 100_001]) {
      const answer = await submit(token, { ...CLAIM, points });
      expect([answer.status, answer.body.code, answer.body.errors[0].path]).toEqual([422, 'validation_failed', '/body/points']);
    }
    expect((await submit(token, { ...CLAIM, type: 'complaint' })).status).toBe(422);
    expect((await call(sandbox, 'POST', '/v1/claims', FULL_KEY, CLAIM)).status).toBe(403);
    expect((await call(sandbox, 'GET', '/v1/claims', 'mt_test_NotAToken')).status).toBe(401);
    expect(await count("SELECT count(*)::int AS n FROM claims WHERE external_user_id = 'user_claims'")).toBe(3);
  });

  it('approves once: the points are credited through the ledger, a second approval changes nothing, a rejection is 409', async () => {
    receiver = await startReceiver();
    sandbox = await freshSandbox(kind, { webhooks: { forwardTo: receiver.url, pollMs: 20 } });
    const created = await call(sandbox, 'POST', '/v1/webhooks', FULL_KEY, { url: 'https://backend.example.com/hooks', events: ['claim.submitted', 'claim.approved', 'claim.rejected'] });
    receiver.secret = created.body.signingSecret;
    const token = await newMember(sandbox, 'user_approved');
    const claim = (await submit(token)).body;

    const approved = await approve(claim.id, { reason: 'Receipt checked' }, { 'idempotency-key': 'approve-1' });
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual({ ...claim, status: 'approved', decision: { decidedAt: expect.any(String), pointsCredited: 50, reason: 'Receipt checked' } });
    const history = (await call(sandbox, 'GET', '/v1/wallet/transactions', token)).body.data;
    expect(history.map((t: any) => [t.type, t.amount, t.balanceAfter, t.description])).toEqual([['credit', 50, 50, `Claim approved: ${CLAIM.description}`]]);

    // Again: a replay with the key, then a new approval (another key) answered unchanged.
    const replay = await approve(claim.id, { reason: 'Receipt checked' }, { 'idempotency-key': 'approve-1' });
    expect([replay.body, replay.headers.get('idempotent-replayed')]).toEqual([approved.body, 'true']);
    const again = await approve(claim.id, { points: 999, reason: 'Again' }, { 'idempotency-key': 'approve-2' });
    expect([again.status, again.body]).toEqual([200, approved.body]);
    // Without a body (it is optional) too.
    expect((await approve(claim.id)).body).toEqual(approved.body);
    const refused = await reject(claim.id);
    expect([refused.status, refused.body.code]).toEqual([409, 'claim_already_decided']);
    expect(refused.body.detail).toBe(`The claim ${claim.id} was approved on ${approved.body.decision.decidedAt.slice(0, 10)}; a claim is decided once.`);
    expect(await expectPointsLedger(sandbox.context.db, 'user_approved')).toBe(50);
    expect((await call(sandbox, 'GET', `/v1/claims/${claim.id}`, token)).body).toEqual(approved.body);

    // `points` overrides what the member asked for.
    const other = (await submit(token, { ...CLAIM, points: 80 })).body;
    expect((await approve(other.id, { points: 30 })).body.decision).toMatchObject({ pointsCredited: 30, reason: null });
    expect(await expectPointsLedger(sandbox.context.db, 'user_approved')).toBe(80);
    // Not a creditPoints: no points.credited event.
    expect(await count("SELECT count(*)::int AS n FROM events WHERE type = 'points.credited'")).toBe(0);

    await until(() => receiver!.processed.size >= 4);
    expect(receiver.received.every((r) => r.verified && r.status === 200)).toBe(true);
    const events = await Promise.all(receiver.received.map((r) => webhooks.constructEvent(r.body, r.headers, receiver!.secret!)));
    const ofClaim = events.filter((e: any) => e.data.id === claim.id);
    expect(ofClaim.map((e: any) => e.type).sort()).toEqual(['claim.approved', 'claim.submitted']);
    expect(ofClaim.find((e: any) => e.type === 'claim.approved')!.data).toEqual(approved.body);
    expect(ofClaim.find((e: any) => e.type === 'claim.submitted')!.data).toEqual(claim);
  });

  it('rejects once: nothing moves, a second rejection changes nothing, an approval is 409; the boundary', async () => {
    sandbox = await freshSandbox(kind);
    const token = await newMember(sandbox, 'user_rejected');
    const claim = (await submit(token)).body;
    const rejected = await reject(claim.id, 'No purchase found for order 1043', { 'idempotency-key': 'reject-1' });
    expect([rejected.status, rejected.body]).toEqual([200, { ...claim, status: 'rejected', decision: { decidedAt: expect.any(String), pointsCredited: 0, reason: 'No purchase found for order 1043' } }]);
    expect((await reject(claim.id, 'Another reason')).body).toEqual(rejected.body);
    const refused = await approve(claim.id, { reason: 'Changed my mind' });
    expect([refused.status, refused.body.code]).toEqual([409, 'claim_already_decided']);
    expect(refused.body.detail).toContain('was rejected on');
    expect(await expectPointsLedger(sandbox.context.db, 'user_rejected')).toBe(0);
    expect(await count("SELECT count(*)::int AS n FROM events WHERE type = 'claim.rejected'")).toBe(1);

    // 404 for an unknown claim; the boundary: a reason is required, scopes, modes.
    for (const answer of [await approve('clm_Unknown0000000'), await reject('clm_Unknown0000000')]) expect([answer.status, answer.body.code]).toEqual([404, 'not_found']);
    const pending = (await submit(token)).body;
    const noReason = await call(sandbox, 'POST', `/v1/claims/${pending.id}/reject`, FULL_KEY, {});
    expect([noReason.status, noReason.body.errors[0].path]).toEqual([422, '/body/reason']);
    expect((await approve(pending.id, { points: 100_001 })).status).toBe(422);
    const noScope = await approve(pending.id, {}, {}, LOYALTY_JOB);
    expect([noScope.status, noScope.body.code]).toEqual([403, 'insufficient_scope']);
    expect(noScope.body.detail).toContain('claim_write');
    const asMember = await approve(pending.id, {}, {}, token);
    expect([asMember.status, asMember.body.code]).toEqual([403, 'member_token_not_allowed']);
    const key = await callApp(sandbox, 'POST', '/v1/app/keys', SAMPLE_APP, { name: 'claims desk', scopes: ['claim_write'] });
    expect((await approve(pending.id, {}, {}, key.body.key)).body.status).toBe('approved');
    // A conflict on the key: same key, another claim's decision.
    await reject((await submit(token)).body.id, 'x', { 'idempotency-key': 'decide' });
    const conflict = await reject(claim.id, 'x', { 'idempotency-key': 'decide' });
    expect([conflict.status, conflict.body.code]).toEqual([409, 'idempotency_conflict']);
  });

  it('credits once when a claim is approved many times at once, and decides once when approved and rejected at once', async () => {
    sandbox = await freshSandbox(kind);
    const token = await newMember(sandbox, 'user_rush');
    const claim = (await submit(token)).body;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => approve(claim.id, { reason: `approval ${i}` }, i % 2 === 0 ? { 'idempotency-key': `approval-${i}` } : {})),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    // Every answer is the one decision (the first's reason), however many approvals ran.
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(await expectPointsLedger(sandbox.context.db, 'user_rush')).toBe(50);
    expect(await count("SELECT count(*)::int AS n FROM wallet_transactions WHERE external_user_id = 'user_rush'")).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM events WHERE type = 'claim.approved'")).toBe(1);

    // Approvals and rejections at once: one direction wins, the other is 409, points move only for an approval.
    const contested = (await submit(token)).body;
    const mixed = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? approve(contested.id) : reject(contested.id))));
    const final = (await call(sandbox, 'GET', `/v1/claims/${contested.id}`, token)).body;
    const [wins, loses] = final.status === 'approved' ? [0, 1] : [1, 0];
    expect(mixed.filter((_, i) => i % 2 === wins).every((a) => a.status === 200 && a.body.status === final.status)).toBe(true);
    expect(mixed.filter((_, i) => i % 2 === loses).every((a) => a.status === 409 && a.body.code === 'claim_already_decided')).toBe(true);
    expect(await expectPointsLedger(sandbox.context.db, 'user_rush')).toBe(final.status === 'approved' ? 100 : 50);
  });

  it("removeMember: the member's claims go with it; a new member of that id has none", async () => {
    sandbox = await freshSandbox(kind);
    const token = await newMember(sandbox, 'user_gone');
    const claim = (await submit(token)).body;
    expect((await call(sandbox, 'DELETE', '/v1/members/user_gone', FULL_KEY)).status).toBe(204);
    expect((await approve(claim.id)).status).toBe(404);
    const again = await newMember(sandbox, 'user_gone');
    expect((await call(sandbox, 'GET', '/v1/claims', again)).body.data).toEqual([]);
  });
});

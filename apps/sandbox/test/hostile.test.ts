// Cases found by an adversarial review, each one a way to make the sandbox lie about its state.
import { describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { call, freshSandbox, FULL_KEY, stopAfterEach } from './support/databases.js';
import { startReceiver, until, type Receiver } from './support/receiver.js';

describe('the sandbox under hostile use', () => {
  let sandbox: RunningSandbox;
  let receiver: Receiver | undefined;
  stopAfterEach(() => [sandbox, receiver]);

  const member = async (id: string) => {
    await call(sandbox, 'PUT', `/v1/members/${encodeURIComponent(id)}`, FULL_KEY, { displayName: 'Eve', tier: 'gold' });
    return (await call(sandbox, 'POST', '/v1/auth/exchange', FULL_KEY, { externalUserID: id })).body.token as string;
  };

  it('a retried credit replays its first answer even after the member was removed', async () => {
    sandbox = await freshSandbox('pglite');
    await member('user_alice');
    const body = { externalUserID: 'user_alice', amount: 100, reason: 'order 1' };
    const first = await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, body, { 'idempotency-key': 'k1' });
    expect(first.status).toBe(200);
    await call(sandbox, 'DELETE', '/v1/members/user_alice', FULL_KEY);
    const retry = await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, body, { 'idempotency-key': 'k1' });
    expect([retry.status, retry.body]).toEqual([200, first.body]);
    const other = await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, { ...body, amount: 5 }, { 'idempotency-key': 'k1' });
    expect([other.status, other.body.code]).toEqual([409, 'idempotency_conflict']);
    // Without a stored answer, the refusal is the answer, and nothing is kept for the key.
    const fresh = await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, body, { 'idempotency-key': 'k2' });
    expect([fresh.status, fresh.body.code]).toEqual([404, 'not_found']);
  });

  it("a member created again does not get the removed member's idempotent answers or history", async () => {
    sandbox = await freshSandbox('pglite');
    let token = await member('user_bob');
    await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, { externalUserID: 'user_bob', amount: 600, reason: 'x' });
    const first = await call(sandbox, 'POST', '/v1/redemptions', token, { offerId: 'off_7Hq2LmN4pX9rT1vB' }, { 'idempotency-key': 'r1' });
    expect(first.status).toBe(201);
    await call(sandbox, 'DELETE', '/v1/members/user_bob', FULL_KEY);
    token = await member('user_bob');
    const again = await call(sandbox, 'POST', '/v1/redemptions', token, { offerId: 'off_7Hq2LmN4pX9rT1vB' }, { 'idempotency-key': 'r1' });
    expect([again.status, again.body.code]).toEqual([422, 'insufficient_points']);
    // The old history's tombstone is not an id anyone can create.
    const [row] = await sandbox.context.db.query("SELECT external_user_id FROM redemptions WHERE id = $1", [first.body.id]);
    const claim = await call(sandbox, 'PUT', `/v1/members/${encodeURIComponent(row.external_user_id)}`, FULL_KEY, { displayName: 'Mallory', tier: 'gold' });
    expect(claim.status).toBeGreaterThanOrEqual(400);
  });

  it('an event cannot be corrupted through an input that looks like a placeholder', async () => {
    receiver = await startReceiver();
    sandbox = await freshSandbox('pglite', { webhooks: { forwardTo: receiver.url, pollMs: 20 } });
    const created = await call(sandbox, 'POST', '/v1/webhooks', FULL_KEY, { url: 'https://backend.example.com/h', events: ['points.credited'] });
    receiver.secret = created.body.signingSecret;
    await member('__balance__');
    await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, { externalUserID: '__balance__', amount: 7, reason: '__balance__' });
    await until(() => receiver!.received.length === 1);
    expect(JSON.parse(receiver.received[0].body).data).toMatchObject({ externalUserID: '__balance__', amount: 7, balance: 7 });
  });

  it('the clock cannot be pushed to dates the API cannot write', async () => {
    sandbox = await freshSandbox('pglite');
    const far = await call(sandbox, 'POST', '/_sandbox/clock/advance', FULL_KEY, { ms: 9e15 });
    expect(far.status).toBe(422);
    expect((await call(sandbox, 'GET', '/_sandbox/status', FULL_KEY)).status).toBe(200);
    expect((await call(sandbox, 'POST', '/_sandbox/clock/advance', FULL_KEY, { by: '3d' })).status).toBe(200);
  });

  it('the last working Org-API-Key cannot be revoked', async () => {
    sandbox = await freshSandbox('pglite');
    const keys = (await call(sandbox, 'GET', '/_sandbox/keys', FULL_KEY)).body.data;
    const full = keys.filter((k: any) => !k.revokedAt);
    expect(full).toHaveLength(1);
    expect((await call(sandbox, 'POST', `/_sandbox/keys/${full[0].id}/revoke`, FULL_KEY)).status).toBe(409);
    expect((await call(sandbox, 'GET', '/_sandbox/status', FULL_KEY)).status).toBe(200);
  });

  it('a delivery waiting for its retry is dropped when its endpoint is deleted', async () => {
    receiver = await startReceiver();
    sandbox = await freshSandbox('pglite', { webhooks: { forwardTo: receiver.url, pollMs: 20 } });
    const created = await call(sandbox, 'POST', '/v1/webhooks', FULL_KEY, { url: 'https://backend.example.com/h', events: ['points.credited'] });
    receiver.secret = created.body.signingSecret;
    receiver.failNext.push(500);
    await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, { externalUserID: 'user_123', amount: 1, reason: 'x' });
    await until(() => receiver!.received.length === 1);
    await sandbox.context.deliveries.drain();
    await call(sandbox, 'DELETE', `/v1/webhooks/${created.body.id}`, FULL_KEY);
    await call(sandbox, 'POST', '/_sandbox/clock/advance', FULL_KEY, { by: '1d' });
    await sandbox.context.deliveries.drain();
    expect(receiver.received).toHaveLength(1);
    expect((await call(sandbox, 'GET', '/_sandbox/deliveries', FULL_KEY)).body.data[0]).toMatchObject({ state: 'failed', lastError: 'the endpoint was deleted' });
  });
});

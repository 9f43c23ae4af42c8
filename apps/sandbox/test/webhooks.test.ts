// Webhooks end to end: events leave the outbox signed as the spec documents (Standard Webhooks),
// verify with the server client's verifier (the reference library: standard-webhooks.test.ts),
// are retried on the sandbox clock, logged, redelivered on request,
// and the test deliveries tell a verifying receiver from a naive one.
import { webhooks } from '@expys/server-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { RETRY_SCHEDULE_MS } from '../src/index.js';
import { createEndpoint } from '../src/webhooks/endpoints.js';
import { call, DATABASES, freshSandbox, FULL_KEY } from './support/databases.js';
import { startReceiver, until, type Receiver } from './support/receiver.js';

describe.each(DATABASES)('webhook deliveries on %s', (kind) => {
  let sandbox: RunningSandbox;
  let receiver: Receiver;
  afterEach(async () => {
    await sandbox?.stop();
    await receiver?.stop();
  });

  async function subscribe(events: string[]) {
    const created = await call(sandbox, 'POST', '/v1/webhooks', FULL_KEY, { url: 'https://backend.example.com/expys', events });
    expect(created.status).toBe(201);
    expect(created.body.signingSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(created.body.signingSecret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    receiver.secret = created.body.signingSecret;
    return created.body;
  }

  it('delivers each event signed; the server client verifies and parses it', async () => {
    receiver = await startReceiver();
    sandbox = await freshSandbox(kind, { webhooks: { forwardTo: receiver.url, pollMs: 20 } });
    const endpoint = await subscribe(['points.credited', 'member.updated']);
    const credit = await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, { externalUserID: 'user_123', amount: 42, reason: 'Order 7' });
    await call(sandbox, 'PUT', '/v1/members/user_7', FULL_KEY, { displayName: 'New Member', tier: 'silver' });
    // Not subscribed: redemption.created never reaches this endpoint.
    await until(() => receiver.received.length >= 2);
    await sandbox.context.deliveries.drain();

    expect(receiver.received.map((r) => [r.status, r.verified])).toEqual([[200, true], [200, true]]);
    // Deliveries are sent concurrently: no order between events is promised, so find each by type.
    const events = await Promise.all(receiver.received.map((r) => webhooks.constructEvent(r.body, r.headers, receiver.secret!)));
    const credited = events.find((e) => e.type === 'points.credited');
    const updated = events.find((e) => e.type === 'member.updated');
    expect(await credited).toMatchObject({ type: 'points.credited', data: { amount: 42, transactionId: credit.body.transactionId, balance: credit.body.balance } });
    expect(await updated).toMatchObject({ type: 'member.updated', data: { externalUserID: 'user_7', tier: 'silver', pointsBalance: 0 } });
    for (const r of receiver.received) {
      expect(r.headers['webhook-id']).toBe(r.eventId);
      expect(Math.abs(Number(r.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
      expect(r.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    }

    const log = (await call(sandbox, 'GET', `/_sandbox/deliveries?webhookId=${endpoint.id}`, FULL_KEY)).body.data;
    expect(log.map((d: any) => [d.eventType, d.state, d.attempts])).toEqual([
      ['member.updated', 'succeeded', 1],
      ['points.credited', 'succeeded', 1],
    ]);
    expect(log[0].log[0]).toMatchObject({ attempt: 1, url: receiver.url, status: 200 });
  });

  it('retries a failed delivery on the schedule of the sandbox clock, then redelivers on request', async () => {
    receiver = await startReceiver();
    sandbox = await freshSandbox(kind, { webhooks: { forwardTo: receiver.url, pollMs: 20 } });
    await subscribe(['points.credited']);
    receiver.failNext.push(500);
    await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, { externalUserID: 'user_123', amount: 1, reason: 'retry me' });
    await until(() => receiver.received.length === 1);
    const [pending] = (await call(sandbox, 'GET', '/_sandbox/deliveries', FULL_KEY)).body.data;
    await until(async () => (await call(sandbox, 'GET', '/_sandbox/deliveries', FULL_KEY)).body.data[0].state === 'pending');
    const waiting = (await call(sandbox, 'GET', '/_sandbox/deliveries', FULL_KEY)).body.data[0];
    expect(waiting).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 500 });
    expect(Date.parse(waiting.nextAttemptAt) - sandbox.context.clock.now().getTime()).toBeGreaterThan(RETRY_SCHEDULE_MS[0] - 1000);

    // Not due yet: nothing more arrives until the clock says so.
    await new Promise((r) => setTimeout(r, 200));
    expect(receiver.received).toHaveLength(1);
    // Far past the retry: the sandbox clock is a day ahead, but the retry is signed in real time.
    await call(sandbox, 'POST', '/_sandbox/clock/advance', FULL_KEY, { by: '1d' });
    await until(() => receiver.received.length === 2);
    await sandbox.context.deliveries.drain();
    const done = (await call(sandbox, 'GET', '/_sandbox/deliveries', FULL_KEY)).body.data[0];
    expect(done).toMatchObject({ id: pending.id, state: 'succeeded', attempts: 2 });
    expect(done.log.map((a: any) => a.status)).toEqual([500, 200]);
    // The same event both times, with the same webhook-id: the receiver deduplicates on it.
    expect(new Set(receiver.received.map((r) => r.eventId)).size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(receiver.received.map((r) => r.verified)).toEqual([true, true]);
    expect(receiver.processed.size).toBe(1);

    const again = await call(sandbox, 'POST', `/_sandbox/deliveries/${pending.id}/redeliver`, FULL_KEY);
    expect(again.body).toMatchObject({ ok: true, status: 200 });
    expect(receiver.received).toHaveLength(3);
    expect(receiver.received[2].eventId).toBe(receiver.received[0].eventId);
    expect(receiver.received[2].headers['webhook-id']).toBe(receiver.received[0].headers['webhook-id']);
  });

  it('stops delivering to a deleted endpoint', async () => {
    receiver = await startReceiver();
    sandbox = await freshSandbox(kind, { webhooks: { forwardTo: receiver.url, pollMs: 20 } });
    const endpoint = await subscribe(['points.credited']);
    expect((await call(sandbox, 'DELETE', `/v1/webhooks/${endpoint.id}`, FULL_KEY)).status).toBe(204);
    await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, { externalUserID: 'user_123', amount: 1, reason: 'nobody listens' });
    await sandbox.context.deliveries.drain();
    expect(receiver.received).toHaveLength(0);
  });
});

describe('test deliveries prove a verifier', () => {
  let sandbox: RunningSandbox;
  const receivers: Receiver[] = [];
  afterEach(async () => {
    await sandbox?.stop();
    await Promise.all(receivers.splice(0).map((r) => r.stop()));
  });

  it('a verifying receiver passes all four; a receiver that trusts everything is caught', async () => {
    // The receivers are on loopback: allowed only on request.
    sandbox = await freshSandbox('pglite', { webhooks: { allowPrivateTargets: true } });
    const created = await call(sandbox, 'POST', '/v1/webhooks', FULL_KEY, { url: 'https://backend.example.com/expys', events: ['redemption.created'] });
    const careful = await startReceiver({ verifies: true });
    const naive = await startReceiver({ verifies: false });
    receivers.push(careful, naive);
    careful.secret = created.body.signingSecret;

    const good = await call(sandbox, 'POST', `/_sandbox/webhooks/${created.body.id}/test-deliveries`, FULL_KEY, { url: careful.url });
    expect(good.body.passed).toBe(true);
    expect(good.body.results.map((r: any) => [r.kind, r.status])).toEqual([
      ['valid', 200],
      ['tampered', 400],
      ['stale', 400],
      ['duplicate', 200],
    ]);
    expect(careful.processed.size).toBe(1);
    // The duplicate carries the valid delivery's webhook-id: that is what receivers deduplicate on.
    expect(new Set(careful.received.map((r) => r.headers['webhook-id']))).toEqual(new Set([careful.received[0].eventId]));
    const event = JSON.parse(careful.received[0].body);
    expect(event).toMatchObject({ type: 'redemption.created', data: { externalUserID: 'user_123', status: 'fulfilled' } });

    const bad = await call(sandbox, 'POST', `/_sandbox/webhooks/${created.body.id}/test-deliveries`, FULL_KEY, { url: naive.url });
    expect(bad.body.passed).toBe(false);
    expect(bad.body.results.filter((r: any) => !r.passed).map((r: any) => r.kind)).toEqual(['tampered', 'stale']);
    // Test deliveries are not real ones: the delivery log does not list them.
    expect((await call(sandbox, 'GET', '/_sandbox/deliveries', FULL_KEY)).body.data).toEqual([]);
  });

  it('refuses a test delivery to a loopback URL by default, with the reason, sending nothing', async () => {
    sandbox = await freshSandbox('pglite');
    const created = await call(sandbox, 'POST', '/v1/webhooks', FULL_KEY, { url: 'https://backend.example.com/expys', events: ['points.credited'] });
    const receiver = await startReceiver();
    receivers.push(receiver);
    const refused = await call(sandbox, 'POST', `/_sandbox/webhooks/${created.body.id}/test-deliveries`, FULL_KEY, { url: receiver.url });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatch(/^refused: 127\.0\.0\.1 is a loopback address; the sandbox delivers webhooks only to public addresses; .*--forward-webhooks <url> or --allow-private-webhook-targets/);
    expect([receiver.connections, receiver.received.length]).toEqual([0, 0]);
  });
});

describe('webhook targets: only public addresses unless allowed', () => {
  let sandbox: RunningSandbox;
  let receiver: Receiver;
  afterEach(async () => {
    await sandbox?.stop();
    await receiver?.stop();
  });

  /** An endpoint on the loopback receiver: written directly, since the API takes only https:// URLs. */
  async function endpointOnReceiver() {
    const endpoint = await createEndpoint(sandbox.context.db, sandbox.context.clock, { url: receiver.url, events: ['points.credited'] });
    receiver.secret = endpoint.signingSecret;
    return endpoint;
  }
  const credit = () => call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, { externalUserID: 'user_123', amount: 5, reason: 'where to?' });

  it('refuses a loopback endpoint by default: the attempt is logged as failed with the reason, and nothing reaches it', async () => {
    receiver = await startReceiver();
    sandbox = await freshSandbox('pglite', { webhooks: { pollMs: 20 } });
    const endpoint = await endpointOnReceiver();
    // Through the API too (https://, the spec's only scheme): created, but never connected to.
    const port = new URL(receiver.url).port;
    const viaApi = await call(sandbox, 'POST', '/v1/webhooks', FULL_KEY, { url: `https://127.0.0.1:${port}/webhooks`, events: ['points.credited'] });
    expect(viaApi.status).toBe(201);
    await credit();
    await until(async () => (await sandbox.context.deliveries.list()).every((d) => d.attempts === 1) && (await sandbox.context.deliveries.list()).length === 2);
    await sandbox.context.deliveries.drain();

    const log = (await call(sandbox, 'GET', '/_sandbox/deliveries', FULL_KEY)).body.data;
    expect(log).toHaveLength(2);
    for (const delivery of log) {
      expect(delivery).toMatchObject({ state: 'pending', attempts: 1, lastStatus: null, lastError: expect.stringMatching(/^refused: 127\.0\.0\.1 is a loopback address; /) });
      expect(delivery.log[0]).toMatchObject({ attempt: 1, status: null, error: delivery.lastError });
    }
    expect(log.find((d: any) => d.webhookId === endpoint.id).log[0].url).toBe(receiver.url);
    expect([receiver.connections, receiver.received.length]).toEqual([0, 0]);
    // A redelivery on request is refused the same way.
    const again = await call(sandbox, 'POST', `/_sandbox/deliveries/${log[0].id}/redeliver`, FULL_KEY);
    expect(again.body).toMatchObject({ ok: false, status: null, error: expect.stringMatching(/^refused: /) });
    expect(receiver.connections).toBe(0);
  });

  it('refuses an endpoint whose name resolves to one private address among public ones, before connecting', async () => {
    // The resolver is injected: no DNS query, and the refusal comes before any connection, so the public address is never contacted.
    const asked: string[] = [];
    sandbox = await freshSandbox('pglite', {
      webhooks: {
        pollMs: 20,
        resolve: async (host) => {
          asked.push(host);
          return ['93.184.216.34', '127.0.0.1'];
        },
      },
    });
    await call(sandbox, 'POST', '/v1/webhooks', FULL_KEY, { url: 'https://hooks.rebinding.test/expys', events: ['points.credited'] });
    await credit();
    await until(async () => (await sandbox.context.deliveries.list())[0]?.attempts === 1);
    const [delivery] = await sandbox.context.deliveries.list();
    expect(delivery).toMatchObject({ state: 'pending', lastStatus: null, lastError: expect.stringMatching(/^refused: hooks\.rebinding\.test resolves to a loopback address; /) });
    expect(asked).toEqual(['hooks.rebinding.test']);
  });

  it('delivers to the loopback receiver when it is the configured forward target', async () => {
    receiver = await startReceiver();
    sandbox = await freshSandbox('pglite', { webhooks: { forwardTo: receiver.url, pollMs: 20 } });
    await endpointOnReceiver();
    await credit();
    await until(() => receiver.received.length === 1);
    await sandbox.context.deliveries.drain();
    expect(receiver.received.map((r) => [r.status, r.verified])).toEqual([[200, true]]);
    expect((await sandbox.context.deliveries.list())[0]).toMatchObject({ state: 'succeeded', lastError: null });
  });

  it('delivers to the loopback endpoint itself with allowPrivateTargets (--allow-private-webhook-targets)', async () => {
    receiver = await startReceiver();
    sandbox = await freshSandbox('pglite', { webhooks: { allowPrivateTargets: true, pollMs: 20 } });
    await endpointOnReceiver();
    await credit();
    await until(() => receiver.received.length === 1);
    await sandbox.context.deliveries.drain();
    expect(receiver.received.map((r) => [r.status, r.verified])).toEqual([[200, true]]);
    expect((await sandbox.context.deliveries.list())[0]).toMatchObject({ state: 'succeeded', attempts: 1 });
  });
});

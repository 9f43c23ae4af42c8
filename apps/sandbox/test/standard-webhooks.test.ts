// The sandbox's deliveries verify with the Standard Webhooks reference library for JavaScript
// (`standardwebhooks` on npm), not only with our own client: a real event, its retry (same
// webhook-id, signed afresh in real time while the sandbox clock is a day ahead), and the test
// deliveries, which a receiver built on that library passes.
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../src/index.js';
import { call, freshSandbox, FULL_KEY } from './support/databases.js';
import { startReceiver, until, type Receiver } from './support/receiver.js';

describe('sandbox deliveries and the standardwebhooks package', () => {
  let sandbox: RunningSandbox;
  let receiver: Receiver;
  afterEach(async () => {
    await sandbox?.stop();
    await receiver?.stop();
  });

  async function subscribe(events: string[]): Promise<{ id: string; signingSecret: string }> {
    const created = await call(sandbox, 'POST', '/v1/webhooks', FULL_KEY, { url: 'https://backend.example.com/expys', events });
    expect(created.status).toBe(201);
    receiver.secret = created.body.signingSecret;
    return created.body;
  }

  it('a real delivery and its retry verify with new Webhook(secret).verify(body, headers)', async () => {
    receiver = await startReceiver({ verifies: true, with: 'standardwebhooks' });
    sandbox = await freshSandbox('pglite', { webhooks: { forwardTo: receiver.url, pollMs: 20 } });
    const { signingSecret } = await subscribe(['points.credited']);
    receiver.failNext.push(503);
    const credit = await call(sandbox, 'POST', '/v1/points/credit', FULL_KEY, { externalUserID: 'user_123', amount: 42, reason: 'interop' });
    await until(() => receiver.received.length === 1);
    await until(async () => (await call(sandbox, 'GET', '/_sandbox/deliveries', FULL_KEY)).body.data[0]?.state === 'pending');
    await call(sandbox, 'POST', '/_sandbox/clock/advance', FULL_KEY, { by: '1d' });
    await until(() => receiver.received.length === 2);
    await sandbox.context.deliveries.drain();

    expect(receiver.received.map((r) => [r.status, r.verified])).toEqual([[503, true], [200, true]]);
    const [first, retry] = receiver.received;
    expect(retry.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(first.headers['webhook-id']).toBe(first.eventId);
    // Straight from the library, on the bytes and headers as received.
    for (const delivery of receiver.received) {
      const event = new Webhook(signingSecret).verify(delivery.body, delivery.headers as Record<string, string>);
      expect(event).toMatchObject({ type: 'points.credited', data: { amount: 42, transactionId: credit.body.transactionId } });
    }
    // A wrong secret or a changed body: the library refuses.
    const other = new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`);
    expect(() => other.verify(first.body, first.headers as Record<string, string>)).toThrow('No matching signature found');
    expect(() => new Webhook(signingSecret).verify(first.body.replace('42', '4200'), first.headers as Record<string, string>)).toThrow('No matching signature found');
  });

  it('a receiver built on the library passes the test deliveries', async () => {
    receiver = await startReceiver({ verifies: true, with: 'standardwebhooks' });
    // The receiver is on loopback: allowed only on request.
    sandbox = await freshSandbox('pglite', { webhooks: { allowPrivateTargets: true } });
    const endpoint = await subscribe(['member.updated']);
    const tested = await call(sandbox, 'POST', `/_sandbox/webhooks/${endpoint.id}/test-deliveries`, FULL_KEY, { url: receiver.url });
    expect(tested.body.results.map((r: any) => [r.kind, r.status])).toEqual([
      ['valid', 200],
      ['tampered', 400],
      ['stale', 400],
      ['duplicate', 200],
    ]);
    expect(tested.body.passed).toBe(true);
    expect(receiver.processed.size).toBe(1);
  });
});

// Webhook signatures: `Expys-Signature: t=<unix s>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { constructEvent, ExpysConfigError, sign, verify, webhooks, WebhookVerificationError, type WebhookEvent } from '../src/index.js';
import { serverClient } from './support.js';

const SECRET = 'whsec_4cYq8Rk2VnL7wXm3PtZ9';
const OLD_SECRET = 'whsec_0ldS3cr3tB3for3R0tat10n';
const NOW = 1_773_480_612;
const event = {
  id: 'evt_4Gm7Xq2RtV9kLw3N',
  type: 'redemption.created',
  createdAt: '2026-03-14T09:30:12Z',
  data: { id: 'red_5Xv8Qk2NwR7mLp3T', offerId: 'off_7Hq2LmN4pX9rT1vB', externalUserID: 'user_123', pointsSpent: 500, status: 'pending', voucherCode: null, createdAt: '2026-03-14T09:30:12Z' },
};
const rawBody = JSON.stringify(event);

const reasonOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (e: unknown) => (e instanceof WebhookVerificationError ? e.reason : `unexpected ${String(e)}`),
  );

afterEach(() => void vi.restoreAllMocks());

describe('sign', () => {
  it('matches an independent HMAC-SHA256 of "<t>.<raw body>" keyed with the whole whsec_ secret', async () => {
    const expected = createHmac('sha256', SECRET).update(`${NOW}.${rawBody}`).digest('hex');
    await expect(sign(rawBody, SECRET, { timestamp: NOW })).resolves.toBe(`t=${NOW},v1=${expected}`);
  });

  it('adds one v1 per secret, as Expys does during a rotation', async () => {
    expect((await sign(rawBody, [SECRET, OLD_SECRET], { timestamp: NOW })).match(/v1=/g)).toHaveLength(2);
  });
});

describe('verify', () => {
  it('accepts a good signature, for a string or a byte body', async () => {
    const header = await sign(rawBody, SECRET, { timestamp: NOW });
    await expect(verify(rawBody, header, SECRET, { now: NOW })).resolves.toBeUndefined();
    await expect(verify(new TextEncoder().encode(rawBody), header, SECRET, { now: NOW + 10 })).resolves.toBeUndefined();
  });

  it('computes one HMAC per secret, however many v1 entries a (forged) header carries', async () => {
    const forged = `t=${NOW},${Array.from({ length: 8 }, (_, i) => `v1=${String(i).repeat(64)}`).join(',')}`;
    const spy = vi.spyOn(crypto.subtle, 'sign');
    await expect(reasonOf(verify(rawBody, forged, [SECRET, OLD_SECRET], { now: NOW }))).resolves.toBe('no_matching_signature');
    expect(spy).toHaveBeenCalledTimes(2);
    const tooMany = `t=${NOW},${Array.from({ length: 9 }, () => `v1=${'a'.repeat(64)}`).join(',')}`;
    await expect(reasonOf(verify(rawBody, tooMany, SECRET, { now: NOW }))).resolves.toBe('malformed_header');
  });

  it('rejects a tampered body', async () => {
    const header = await sign(rawBody, SECRET, { timestamp: NOW });
    await expect(reasonOf(verify(rawBody.replace('500', '5'), header, SECRET, { now: NOW }))).resolves.toBe('no_matching_signature');
    await expect(reasonOf(verify(JSON.stringify(event, null, 2), header, SECRET, { now: NOW }))).resolves.toBe('no_matching_signature');
  });

  it('rejects a tampered timestamp (the signature covers it)', async () => {
    const header = (await sign(rawBody, SECRET, { timestamp: NOW })).replace(`t=${NOW}`, `t=${NOW + 1}`);
    await expect(reasonOf(verify(rawBody, header, SECRET, { now: NOW }))).resolves.toBe('no_matching_signature');
  });

  it('rejects the wrong secret', async () => {
    const header = await sign(rawBody, OLD_SECRET, { timestamp: NOW });
    await expect(reasonOf(verify(rawBody, header, SECRET, { now: NOW }))).resolves.toBe('no_matching_signature');
  });

  it('rejects a timestamp more than 300 s away, either way, and accepts one within', async () => {
    const header = await sign(rawBody, SECRET, { timestamp: NOW });
    await expect(reasonOf(verify(rawBody, header, SECRET, { now: NOW + 301 }))).resolves.toBe('stale_timestamp');
    await expect(reasonOf(verify(rawBody, header, SECRET, { now: NOW - 301 }))).resolves.toBe('stale_timestamp');
    await expect(reasonOf(verify(rawBody, header, SECRET, { now: NOW + 300 }))).resolves.toBe('accepted');
    await expect(reasonOf(verify(rawBody, header, SECRET, { now: NOW + 60, tolerance: 30 }))).resolves.toBe('stale_timestamp');
  });

  it('uses the real clock by default', async () => {
    await expect(reasonOf(verify(rawBody, await sign(rawBody, SECRET), SECRET))).resolves.toBe('accepted');
    const old = await sign(rawBody, SECRET, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    await expect(reasonOf(verify(rawBody, old, SECRET))).resolves.toBe('stale_timestamp');
  });

  it('accepts a rotated secret set: any active secret against any v1', async () => {
    const signedWithNew = await sign(rawBody, SECRET, { timestamp: NOW });
    const signedWithBoth = await sign(rawBody, [SECRET, OLD_SECRET], { timestamp: NOW });
    await expect(reasonOf(verify(rawBody, signedWithNew, [OLD_SECRET, SECRET], { now: NOW }))).resolves.toBe('accepted');
    await expect(reasonOf(verify(rawBody, signedWithBoth, OLD_SECRET, { now: NOW }))).resolves.toBe('accepted');
    await expect(reasonOf(verify(rawBody, signedWithBoth, ['whsec_unrelated'], { now: NOW }))).resolves.toBe('no_matching_signature');
  });

  it.each([
    ['no header', undefined, 'missing_header'],
    ['an empty header', '', 'missing_header'],
    ['no timestamp', `v1=${'a'.repeat(64)}`, 'malformed_header'],
    ['no v1', `t=${NOW}`, 'malformed_header'],
    ['a v1 that is not hex', `t=${NOW},v1=${'z'.repeat(64)}`, 'malformed_header'],
    ['a short v1', `t=${NOW},v1=abcd`, 'malformed_header'],
    ['garbage', 'hello', 'malformed_header'],
  ])('rejects %s', async (_, header, reason) => {
    await expect(reasonOf(verify(rawBody, header, SECRET, { now: NOW }))).resolves.toBe(reason);
  });

  it('ignores other schemes next to v1', async () => {
    const header = `${await sign(rawBody, SECRET, { timestamp: NOW })},v0=${'0'.repeat(64)}`;
    await expect(reasonOf(verify(rawBody, header, SECRET, { now: NOW }))).resolves.toBe('accepted');
  });

  it('refuses parsed JSON or no secret as a usage error', async () => {
    const header = await sign(rawBody, SECRET, { timestamp: NOW });
    await expect(verify(event as unknown as string, header, SECRET)).rejects.toBeInstanceOf(ExpysConfigError);
    await expect(verify(rawBody, header, [])).rejects.toBeInstanceOf(ExpysConfigError);
  });
});

describe('constructEvent', () => {
  it('returns the event, typed as the union of the spec’s webhook events', async () => {
    const received: WebhookEvent = await constructEvent(rawBody, await sign(rawBody, SECRET, { timestamp: NOW }), SECRET, { now: NOW });
    expect(received).toEqual(event);
    if (received.type === 'redemption.created') expect(received.data.pointsSpent).toBe(500);
    else expect.unreachable();
  });

  it('verifies before parsing', async () => {
    await expect(reasonOf(constructEvent(rawBody, `t=${NOW},v1=${'a'.repeat(64)}`, SECRET, { now: NOW }))).resolves.toBe('no_matching_signature');
  });

  it('verifies a delivery received over HTTP, from its raw bytes', async () => {
    const outcomes: string[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        try {
          const delivered = await webhooks.constructEvent(Buffer.concat(chunks), req.headers['expys-signature'] as string, SECRET);
          outcomes.push(delivered.type);
          res.writeHead(200).end();
        } catch (error) {
          outcomes.push((error as WebhookVerificationError).reason);
          res.writeHead(400).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const deliver = (body: string, signature: string) => fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'expys-signature': signature } });

    expect((await deliver(rawBody, await sign(rawBody, SECRET))).status).toBe(200);
    expect((await deliver(rawBody.replace('user_123', 'user_666'), await sign(rawBody, SECRET))).status).toBe(400);
    expect(outcomes).toEqual(['redemption.created', 'no_matching_signature']);
  });
});

it('is on the client as expys.webhooks too', () => {
  expect(serverClient('http://127.0.0.1:9').webhooks).toBe(webhooks);
});

describe('verify fails closed on hostile input', () => {
  it('refuses a boxed String secret instead of spreading it into one-letter secrets', async () => {
    // Signed with the one-letter secret "w": it must not verify against new String(SECRET).
    const forged = `t=${NOW},v1=${createHmac('sha256', 'w').update(`${NOW}.${rawBody}`).digest('hex')}`;
    const error = await verify(rawBody, forged, new String(SECRET) as unknown as string, { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpysConfigError);
    await expect(verify(rawBody, forged, ['w'], { now: NOW })).rejects.toBeInstanceOf(ExpysConfigError);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, -1, '300'])('refuses tolerance %s instead of accepting any timestamp', async (tolerance) => {
    const stale = await sign(rawBody, SECRET, { timestamp: NOW - 86_400 });
    await expect(verify(rawBody, stale, SECRET, { now: NOW, tolerance: tolerance as number })).rejects.toBeInstanceOf(ExpysConfigError);
  });

  it('refuses now: NaN instead of accepting any timestamp', async () => {
    const stale = await sign(rawBody, SECRET, { timestamp: NOW - 86_400 });
    await expect(verify(rawBody, stale, SECRET, { now: Number.NaN })).rejects.toBeInstanceOf(ExpysConfigError);
  });

  it.each([[['t=1,v1=' + 'a'.repeat(64), 't=2']], [42], [{ t: 1 }]])('a header that is not one string (%j) is a malformed header, not a TypeError', async (header) => {
    await expect(reasonOf(verify(rawBody, header as unknown as string, SECRET, { now: NOW }))).resolves.toBe('malformed_header');
  });
});

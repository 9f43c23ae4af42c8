// Webhook signatures, Standard Webhooks style: headers webhook-id, webhook-timestamp and
// webhook-signature = `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<raw body>">`, keyed with the
// base64-decoded bytes of the `whsec_…` secret. (Interop with the reference library:
// standard-webhooks-interop.test.ts.)
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { constructEvent, ExpysConfigError, sign, verify, webhooks, WebhookVerificationError, type WebhookEvent, type WebhookHeaders } from '../src/index.js';
import { serverClient } from './support.js';

const SECRET = 'whsec_T5KMGYEARazGqj9BP0LQ3F3UCOVRpXomKBf1Zu8CMJY=';
const OLD_SECRET = 'whsec_A/VdoR4zolPKsk03EZ9GSXqk4sVUiQornL5k0mRFlHc=';
const UNRELATED = 'whsec_P8A3UaZzwv/Oxteg1LRMC9PWKL+5SiOfYtRho24ba0k=';
const NOW = 1_773_480_612;
const ID = 'evt_4Gm7Xq2RtV9kLw3N';
const event = {
  id: ID,
  type: 'redemption.created',
  createdAt: '2026-03-14T09:30:12Z',
  data: { id: 'red_5Xv8Qk2NwR7mLp3T', offerId: 'off_7Hq2LmN4pX9rT1vB', externalUserID: 'user_123', pointsSpent: 500, status: 'pending', voucherCode: null, createdAt: '2026-03-14T09:30:12Z' },
};
const rawBody = JSON.stringify(event);

/** An independent HMAC (node:crypto), as the Standard Webhooks spec describes it. */
const hmacOf = (secret: string, content: string) => createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64')).update(content).digest('base64');
const signed = (options: { id?: string; timestamp?: number } = {}, secrets: string | string[] = SECRET) => sign(rawBody, secrets, { id: ID, timestamp: NOW, ...options });
const withSignature = (headers: WebhookHeaders, signature: string): WebhookHeaders => ({ ...headers, 'webhook-signature': signature });

const reasonOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (e: unknown) => (e instanceof WebhookVerificationError ? e.reason : `unexpected ${String(e)}`),
  );

afterEach(() => void vi.restoreAllMocks());

describe('sign', () => {
  it('matches an independent HMAC-SHA256 of "<id>.<timestamp>.<raw body>" keyed with the decoded secret', async () => {
    await expect(signed()).resolves.toEqual({
      'webhook-id': ID,
      'webhook-timestamp': String(NOW),
      'webhook-signature': `v1,${hmacOf(SECRET, `${ID}.${NOW}.${rawBody}`)}`,
    });
  });

  it('adds one space-separated v1 per secret, as Expys does during a rotation', async () => {
    const headers = await signed({}, [SECRET, OLD_SECRET]);
    expect(headers['webhook-signature'].split(' ')).toEqual([`v1,${hmacOf(SECRET, `${ID}.${NOW}.${rawBody}`)}`, `v1,${hmacOf(OLD_SECRET, `${ID}.${NOW}.${rawBody}`)}`]);
  });

  it('defaults to a fresh msg_ id and the current time', async () => {
    const [a, b] = [await sign(rawBody, SECRET), await sign(rawBody, SECRET)];
    expect(a['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(a['webhook-id']).not.toBe(b['webhook-id']);
    expect(Math.abs(Number(a['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
  });

  it.each([
    ['an id with a space', { id: 'msg 1' }],
    ['an id with a comma', { id: 'msg,1' }],
    ['an empty id', { id: '' }],
    ['a fractional timestamp', { timestamp: 1.5 }],
    ['a NaN timestamp', { timestamp: Number.NaN }],
  ])('refuses %s', async (_, options) => {
    await expect(sign(rawBody, SECRET, options)).rejects.toBeInstanceOf(ExpysConfigError);
  });
});

describe('verify', () => {
  it('accepts a good signature, for a string or a byte body, from a record or a Headers', async () => {
    const headers = await signed();
    await expect(verify(rawBody, headers, SECRET, { now: NOW })).resolves.toBeUndefined();
    await expect(verify(new TextEncoder().encode(rawBody), new Headers(headers), SECRET, { now: NOW + 10 })).resolves.toBeUndefined();
  });

  it('reads the headers case-insensitively', async () => {
    const headers = await signed();
    const shouting = { 'Webhook-Id': headers['webhook-id'], 'WEBHOOK-TIMESTAMP': headers['webhook-timestamp'], 'Webhook-Signature': headers['webhook-signature'] };
    await expect(reasonOf(verify(rawBody, shouting, SECRET, { now: NOW }))).resolves.toBe('accepted');
  });

  it('computes one HMAC per secret, however many v1 entries a (forged) header carries', async () => {
    const headers = await signed();
    const forged = Array.from({ length: 8 }, (_, i) => `v1,${Buffer.alloc(32, i).toString('base64')}`).join(' ');
    const spy = vi.spyOn(crypto.subtle, 'sign');
    await expect(reasonOf(verify(rawBody, withSignature(headers, forged), [SECRET, OLD_SECRET], { now: NOW }))).resolves.toBe('no_matching_signature');
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('rejects a tampered body', async () => {
    const headers = await signed();
    await expect(reasonOf(verify(rawBody.replace('500', '5'), headers, SECRET, { now: NOW }))).resolves.toBe('no_matching_signature');
    await expect(reasonOf(verify(JSON.stringify(event, null, 2), headers, SECRET, { now: NOW }))).resolves.toBe('no_matching_signature');
  });

  it('rejects a tampered timestamp or id (the signature covers both)', async () => {
    const headers = await signed();
    await expect(reasonOf(verify(rawBody, { ...headers, 'webhook-timestamp': String(NOW + 1) }, SECRET, { now: NOW }))).resolves.toBe('no_matching_signature');
    await expect(reasonOf(verify(rawBody, { ...headers, 'webhook-id': 'evt_somethingElse' }, SECRET, { now: NOW }))).resolves.toBe('no_matching_signature');
  });

  it('rejects the wrong secret', async () => {
    const headers = await signed({}, OLD_SECRET);
    await expect(reasonOf(verify(rawBody, headers, SECRET, { now: NOW }))).resolves.toBe('no_matching_signature');
  });

  it('rejects a timestamp more than 300 s away, either way, and accepts one within', async () => {
    const headers = await signed();
    await expect(reasonOf(verify(rawBody, headers, SECRET, { now: NOW + 301 }))).resolves.toBe('stale_timestamp');
    await expect(reasonOf(verify(rawBody, headers, SECRET, { now: NOW - 301 }))).resolves.toBe('stale_timestamp');
    await expect(reasonOf(verify(rawBody, headers, SECRET, { now: NOW + 300 }))).resolves.toBe('accepted');
    await expect(reasonOf(verify(rawBody, headers, SECRET, { now: NOW + 60, tolerance: 30 }))).resolves.toBe('stale_timestamp');
  });

  it('checks the signature before the age: a stale forgery is no_matching_signature', async () => {
    const headers = withSignature(await signed(), `v1,${Buffer.alloc(32).toString('base64')}`);
    await expect(reasonOf(verify(rawBody, headers, SECRET, { now: NOW + 86_400 }))).resolves.toBe('no_matching_signature');
  });

  it('uses the real clock by default', async () => {
    await expect(reasonOf(verify(rawBody, await sign(rawBody, SECRET), SECRET))).resolves.toBe('accepted');
    const old = await sign(rawBody, SECRET, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    await expect(reasonOf(verify(rawBody, old, SECRET))).resolves.toBe('stale_timestamp');
  });

  it('accepts a rotated secret set: any active secret against any v1', async () => {
    const signedWithNew = await signed();
    const signedWithBoth = await signed({}, [SECRET, OLD_SECRET]);
    await expect(reasonOf(verify(rawBody, signedWithNew, [OLD_SECRET, SECRET], { now: NOW }))).resolves.toBe('accepted');
    await expect(reasonOf(verify(rawBody, signedWithBoth, OLD_SECRET, { now: NOW }))).resolves.toBe('accepted');
    await expect(reasonOf(verify(rawBody, signedWithBoth, [UNRELATED], { now: NOW }))).resolves.toBe('no_matching_signature');
  });

  it('ignores other versions next to v1 (v1a, asymmetric), and extra spaces', async () => {
    const headers = await signed();
    const mixed = `v1a,${Buffer.alloc(64, 7).toString('base64')}  ${headers['webhook-signature']} v2,whatever`;
    await expect(reasonOf(verify(rawBody, withSignature(headers, mixed), SECRET, { now: NOW }))).resolves.toBe('accepted');
    const onlyOthers = `v1a,${Buffer.alloc(64, 7).toString('base64')}`;
    await expect(reasonOf(verify(rawBody, withSignature(headers, onlyOthers), SECRET, { now: NOW }))).resolves.toBe('no_matching_signature');
  });

  it.each([
    ['no webhook-id', { 'webhook-id': undefined }, 'missing_header'],
    ['an empty webhook-id', { 'webhook-id': '' }, 'missing_header'],
    ['no webhook-timestamp', { 'webhook-timestamp': undefined }, 'missing_header'],
    ['no webhook-signature', { 'webhook-signature': undefined }, 'missing_header'],
    ['a timestamp that is not a number', { 'webhook-timestamp': 'yesterday' }, 'malformed_header'],
    ['a negative timestamp', { 'webhook-timestamp': '-1773480612' }, 'malformed_header'],
    ['a timestamp in milliseconds past any date', { 'webhook-timestamp': '1'.repeat(16) }, 'malformed_header'],
    ['a signature without a version', { 'webhook-signature': Buffer.alloc(32).toString('base64') }, 'malformed_header'],
    ['a v1 that is not base64', { 'webhook-signature': `v1,${'!'.repeat(44)}` }, 'malformed_header'],
    ['a short v1', { 'webhook-signature': 'v1,abcd' }, 'malformed_header'],
    ['an old Expys-Signature value', { 'webhook-signature': `t=${NOW},v1=${'a'.repeat(64)}` }, 'malformed_header'],
    ['a blank signature', { 'webhook-signature': '   ' }, 'malformed_header'],
  ])('rejects %s', async (_, change, reason) => {
    const headers: Record<string, string | undefined> = { ...(await signed()), ...change };
    await expect(reasonOf(verify(rawBody, headers, SECRET, { now: NOW }))).resolves.toBe(reason);
  });

  it('refuses parsed JSON, no secret, or one header value instead of the headers as a usage error', async () => {
    const headers = await signed();
    await expect(verify(event as unknown as string, headers, SECRET)).rejects.toBeInstanceOf(ExpysConfigError);
    await expect(verify(rawBody, headers, [])).rejects.toBeInstanceOf(ExpysConfigError);
    const oldStyle = verify(rawBody, headers['webhook-signature'] as unknown as Headers, SECRET).catch((e: unknown) => e);
    await expect(oldStyle).resolves.toBeInstanceOf(ExpysConfigError);
    expect(((await oldStyle) as Error).message).toMatch(/not one header value/);
    for (const notHeaders of [null, undefined, 42, [headers]]) {
      await expect(verify(rawBody, notHeaders as unknown as Headers, SECRET)).rejects.toBeInstanceOf(ExpysConfigError);
    }
  });
});

describe('constructEvent', () => {
  it('returns the event, typed as the union of the spec’s webhook events', async () => {
    const received: WebhookEvent = await constructEvent(rawBody, await signed(), SECRET, { now: NOW });
    expect(received).toEqual(event);
    if (received.type === 'redemption.created') expect(received.data.pointsSpent).toBe(500);
    else expect.unreachable();
  });

  it('verifies before parsing', async () => {
    const forged = withSignature(await signed(), `v1,${Buffer.alloc(32, 1).toString('base64')}`);
    await expect(reasonOf(constructEvent(rawBody, forged, SECRET, { now: NOW }))).resolves.toBe('no_matching_signature');
  });

  it('reports a signed body that is not JSON as malformed_payload', async () => {
    const headers = await sign('not json', SECRET, { id: ID, timestamp: NOW });
    await expect(reasonOf(constructEvent('not json', headers, SECRET, { now: NOW }))).resolves.toBe('malformed_payload');
  });

  it('verifies a delivery received over HTTP, from its raw bytes and req.headers', async () => {
    const outcomes: string[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        try {
          const delivered = await webhooks.constructEvent(Buffer.concat(chunks), req.headers, SECRET);
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
    const deliver = (body: string, headers: WebhookHeaders) => fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });

    expect((await deliver(rawBody, await sign(rawBody, SECRET))).status).toBe(200);
    expect((await deliver(rawBody.replace('user_123', 'user_666'), await sign(rawBody, SECRET))).status).toBe(400);
    expect(outcomes).toEqual(['redemption.created', 'no_matching_signature']);
  });

  it('verifies a delivery in a fetch handler, from a Request', async () => {
    const handler = async (request: Request) => {
      try {
        const delivered = await webhooks.constructEvent(new Uint8Array(await request.arrayBuffer()), request.headers, SECRET);
        return new Response(delivered.type, { status: 200 });
      } catch (error) {
        if (error instanceof WebhookVerificationError) return new Response(error.reason, { status: 400 });
        throw error;
      }
    };
    const request = async (body: string) => new Request('https://backend.example.com/hook', { method: 'POST', body, headers: await sign(rawBody, SECRET) });
    const accepted = await handler(await request(rawBody));
    expect([accepted.status, await accepted.text()]).toEqual([200, 'redemption.created']);
    const refused = await handler(await request(rawBody.replace('500', '1')));
    expect([refused.status, await refused.text()]).toEqual([400, 'no_matching_signature']);
  });
});

it('is on the client as expys.webhooks too', () => {
  expect(serverClient('http://127.0.0.1:9').webhooks).toBe(webhooks);
});

describe('verify fails closed on hostile input', () => {
  it('refuses a boxed String secret instead of spreading it into one-letter secrets', async () => {
    const headers = await signed();
    const error = await verify(rawBody, headers, new String(SECRET) as unknown as string, { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpysConfigError);
    await expect(verify(rawBody, headers, [new String(SECRET) as unknown as string], { now: NOW })).rejects.toBeInstanceOf(ExpysConfigError);
  });

  it.each([
    ['no whsec_ prefix', SECRET.slice('whsec_'.length), /does not start with whsec_/],
    ['the old base62 format with a character too many', `whsec_${'A'.repeat(33)}`, /not whsec_ followed by base64/],
    ['characters outside base64', 'whsec_T5KMGYEARazGqj9BP0LQ3F3UCOVRpXomKBf1Zu8C-_Y=', /not whsec_ followed by base64/],
    ['base64 with spaces (atob would take it)', 'whsec_T5KMGYEARazGqj9B P0LQ3F3UCOVRpXomKBf1Zu8CMJY=', /not whsec_ followed by base64/],
    ['unpadded base64', SECRET.replace(/=$/, ''), /not whsec_ followed by base64/],
    ['a key of 15 bytes', `whsec_${Buffer.alloc(15, 9).toString('base64')}`, /decodes to 15 bytes/],
    ['an empty key', 'whsec_', /decodes to 0 bytes/],
  ])('refuses a secret with %s, naming the problem without quoting the secret', async (_, secret, problem) => {
    const headers = await signed();
    const error = (await verify(rawBody, headers, [SECRET, secret], { now: NOW }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(ExpysConfigError);
    expect(error.message).toMatch(problem);
    expect(error.message).toContain('Signing secret 2 of 2');
    if (secret.length > 'whsec_'.length + 4) expect(error.message).not.toContain(secret.slice('whsec_'.length, 'whsec_'.length + 8));
  });

  it('refuses more than 10 secrets', async () => {
    await expect(verify(rawBody, await signed(), Array.from({ length: 11 }, () => SECRET), { now: NOW })).rejects.toBeInstanceOf(ExpysConfigError);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, -1, '300'])('refuses tolerance %s instead of accepting any timestamp', async (tolerance) => {
    const stale = await signed({ timestamp: NOW - 86_400 });
    await expect(verify(rawBody, stale, SECRET, { now: NOW, tolerance: tolerance as number })).rejects.toBeInstanceOf(ExpysConfigError);
  });

  it('refuses now: NaN instead of accepting any timestamp', async () => {
    const stale = await signed({ timestamp: NOW - 86_400 });
    await expect(verify(rawBody, stale, SECRET, { now: Number.NaN })).rejects.toBeInstanceOf(ExpysConfigError);
  });

  it.each([[['v1,a', 'v1,b']], [[]], [42], [{ v: 1 }]])('a webhook-signature that is not one string (%j) is a malformed header, not a TypeError', async (value) => {
    const headers = { ...(await signed()), 'webhook-signature': value } as unknown as Record<string, string>;
    await expect(reasonOf(verify(rawBody, headers, SECRET, { now: NOW }))).resolves.toBe('malformed_header');
  });

  it('a header given twice (two spellings in a record, or joined by Headers) is malformed', async () => {
    const headers = await signed();
    await expect(reasonOf(verify(rawBody, { ...headers, 'Webhook-Id': 'evt_other' }, SECRET, { now: NOW }))).resolves.toBe('malformed_header');
    const joined = new Headers(headers);
    joined.append('webhook-id', 'evt_other');
    joined.append('webhook-signature', headers['webhook-signature']);
    await expect(reasonOf(verify(rawBody, joined, SECRET, { now: NOW }))).resolves.toBe('malformed_header');
  });

  it('refuses 9 v1 signatures, even with the right one among them', async () => {
    const headers = await signed();
    const nine = [...Array.from({ length: 8 }, (_, i) => `v1,${Buffer.alloc(32, i).toString('base64')}`), headers['webhook-signature']].join(' ');
    await expect(reasonOf(verify(rawBody, withSignature(headers, nine), SECRET, { now: NOW }))).resolves.toBe('malformed_header');
  });

  it.each([
    ['a space', 'evt_a b'],
    ['a tab', 'evt_a\tb'],
    ['a comma', 'evt_a,b'],
    ['256 characters', `evt_${'a'.repeat(252)}`],
    ['a non-ASCII character', 'evt_é'],
  ])('refuses a webhook-id with %s', async (_, id) => {
    const headers = { ...(await signed()), 'webhook-id': id };
    await expect(reasonOf(verify(rawBody, headers, SECRET, { now: NOW }))).resolves.toBe('malformed_header');
  });

  it('accepts a webhook-id of 255 characters', async () => {
    const id = `msg_${'a'.repeat(251)}`;
    await expect(reasonOf(verify(rawBody, await signed({ id }), SECRET, { now: NOW }))).resolves.toBe('accepted');
  });

  it('refuses a huge signature header quickly, without an HMAC', async () => {
    const headers = await signed();
    const spy = vi.spyOn(crypto.subtle, 'sign');
    const huge = `${headers['webhook-signature']} ${'v1a,x'.repeat(1_000_000)}`;
    const started = performance.now();
    await expect(reasonOf(verify(rawBody, withSignature(headers, huge), SECRET, { now: NOW }))).resolves.toBe('malformed_header');
    expect(performance.now() - started).toBeLessThan(200);
    expect(spy).not.toHaveBeenCalled();
  });
});

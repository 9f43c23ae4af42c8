// The webhook code the docs publish works: the by-hand recipe verifies what the signing scheme
// (Standard Webhooks) produces, rejects what it must, agrees with @expys/server-client, and
// accepts the test delivery the shell sample sends.
import { verify, sign as sdkSign } from '@expys/server-client';
import { execFile, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { verifyExpysWebhook } from '../src/recipes/verify-signature.js';
import { LOCAL_ENDPOINT, signedDeliverySample } from '../src/webhook-samples.js';

const secret = 'whsec_paGL2zb8vkowt84OFP+SiipVGpHzVyezJPrcCC76Kak=';
const oldSecret = 'whsec_A/VdoR4zolPKsk03EZ9GSXqk4sVUiQornL5k0mRFlHc=';
const body = '{"id":"evt_1","type":"points.credited","data":{"amount":50}}';
const id = 'evt_1';
const now = 1_773_480_612_000;
const t = String(now / 1000);
/** An independent signature: HMAC-SHA256 keyed with the decoded secret, base64. */
const sign = (key: string, payload = body, at = t, msgId = id) =>
  `v1,${createHmac('sha256', Buffer.from(key.slice('whsec_'.length), 'base64')).update(`${msgId}.${at}.${payload}`).digest('base64')}`;
const headersWith = (signature: string, at = t) => ({ 'webhook-id': id, 'webhook-timestamp': at, 'webhook-signature': signature });

describe('verifyExpysWebhook (the recipe in the docs)', () => {
  it('accepts a valid signature on the raw body', () => {
    expect(verifyExpysWebhook(Buffer.from(body), headersWith(sign(secret)), secret, now)).toBe(true);
  });

  it('accepts any of several v1 signatures during a secret rotation, and skips other versions', () => {
    expect(verifyExpysWebhook(body, headersWith(`${sign(oldSecret)} ${sign(secret)}`), secret, now)).toBe(true);
    expect(verifyExpysWebhook(body, headersWith(`v1a,AAAA ${sign(secret)}`), secret, now)).toBe(true);
  });

  it('rejects a changed body, a changed id, a wrong secret, a malformed or missing header', () => {
    expect(verifyExpysWebhook(body.replace('50', '5000'), headersWith(sign(secret)), secret, now)).toBe(false);
    expect(verifyExpysWebhook(body, { ...headersWith(sign(secret)), 'webhook-id': 'evt_2' }, secret, now)).toBe(false);
    expect(verifyExpysWebhook(body, headersWith(sign(secret)), oldSecret, now)).toBe(false);
    expect(verifyExpysWebhook(body, headersWith(sign(secret).replace('v1,', 'v1=')), secret, now)).toBe(false);
    expect(verifyExpysWebhook(body, headersWith('v1,zz'), secret, now)).toBe(false);
    expect(verifyExpysWebhook(body, { 'webhook-timestamp': t, 'webhook-signature': sign(secret) }, secret, now)).toBe(false);
    expect(verifyExpysWebhook(body, headersWith(sign(secret), 'soon'), secret, now)).toBe(false);
  });

  it('applies the 300 s tolerance both ways', () => {
    const headers = headersWith(sign(secret));
    expect(verifyExpysWebhook(body, headers, secret, now + 300_000)).toBe(true);
    expect(verifyExpysWebhook(body, headers, secret, now + 301_000)).toBe(false);
    expect(verifyExpysWebhook(body, headers, secret, now - 301_000)).toBe(false);
  });

  it('agrees with @expys/server-client both ways', async () => {
    const signed = await sdkSign(body, [oldSecret, secret]);
    expect(verifyExpysWebhook(body, signed, secret)).toBe(true);
    expect(verifyExpysWebhook(body, signed, oldSecret)).toBe(true);
    const fresh = String(Math.floor(Date.now() / 1000));
    await expect(verify(body, headersWith(sign(secret, body, fresh), fresh), secret)).resolves.toBeUndefined();
  });
});

const haveTools = ['bash', 'openssl', 'curl', 'od', 'tr'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);

describe('the signed test delivery sample', () => {
  it.skipIf(!haveTools)('sends a delivery the recipe and @expys/server-client accept', async () => {
    const received: { body: string; headers: http.IncomingHttpHeaders }[] = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const event = { id: 'evt_1', type: 'member.removed', data: { note: "it's here ★" } };
      const script = signedDeliverySample(event).replace(LOCAL_ENDPOINT, `http://127.0.0.1:${port}/webhooks/expys`);
      // Asynchronously: the receiving server runs in this process.
      await promisify(execFile)('bash', ['-c', script], { env: { ...process.env, EXPYS_WEBHOOK_SECRET: secret }, timeout: 10_000 });
      expect(received).toHaveLength(1);
      expect(JSON.parse(received[0].body)).toEqual(event);
      expect(received[0].headers['webhook-id']).toBe('evt_1');
      expect(verifyExpysWebhook(received[0].body, received[0].headers, secret)).toBe(true);
      await expect(verify(received[0].body, received[0].headers, secret)).resolves.toBeUndefined();
    } finally {
      server.close();
    }
  });
});

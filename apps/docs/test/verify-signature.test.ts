// The webhook code the docs publish works: the by-hand recipe verifies what the signing scheme
// produces, rejects what it must, and accepts the test delivery the shell sample sends.
import { execFile, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { verifyExpysSignature } from '../src/recipes/verify-signature.js';
import { LOCAL_ENDPOINT, signedDeliverySample } from '../src/webhook-samples.js';

const secret = 'whsec_test0000000000000000000000000000';
const body = '{"id":"evt_1","type":"points.credited","data":{"amount":50}}';
const now = 1_773_480_612_000;
const t = String(now / 1000);
const sign = (key: string, payload = body, at = t) => createHmac('sha256', key).update(`${at}.${payload}`).digest('hex');

describe('verifyExpysSignature (the recipe in the docs)', () => {
  it('accepts a valid signature on the raw body', () => {
    expect(verifyExpysSignature(Buffer.from(body), `t=${t},v1=${sign(secret)}`, secret, now)).toBe(true);
  });

  it('accepts any of several v1= during a secret rotation', () => {
    const header = `t=${t},v1=${sign('whsec_old')},v1=${sign(secret)}`;
    expect(verifyExpysSignature(body, header, secret, now)).toBe(true);
  });

  it('rejects a changed body, a wrong secret, a malformed header', () => {
    const header = `t=${t},v1=${sign(secret)}`;
    expect(verifyExpysSignature(body.replace('50', '5000'), header, secret, now)).toBe(false);
    expect(verifyExpysSignature(body, header, 'whsec_other', now)).toBe(false);
    expect(verifyExpysSignature(body, `v1=${sign(secret)}`, secret, now)).toBe(false);
    expect(verifyExpysSignature(body, `t=${t},v1=zz`, secret, now)).toBe(false);
  });

  it('applies the 300 s tolerance both ways', () => {
    const header = `t=${t},v1=${sign(secret)}`;
    expect(verifyExpysSignature(body, header, secret, now + 300_000)).toBe(true);
    expect(verifyExpysSignature(body, header, secret, now + 301_000)).toBe(false);
    expect(verifyExpysSignature(body, header, secret, now - 301_000)).toBe(false);
  });
});

const haveTools = ['bash', 'openssl', 'curl'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);

describe('the signed test delivery sample', () => {
  it.skipIf(!haveTools)('sends a delivery the recipe accepts', async () => {
    const received: { body: string; header: string }[] = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ body: Buffer.concat(chunks).toString('utf8'), header: String(req.headers['expys-signature']) });
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const event = { id: 'evt_1', type: 'member.removed', data: { note: "it's here" } };
      const script = signedDeliverySample(event).replace(LOCAL_ENDPOINT, `http://127.0.0.1:${port}/webhooks/expys`);
      // Asynchronously: the receiving server runs in this process.
      await promisify(execFile)('bash', ['-c', script], { env: { ...process.env, EXPYS_WEBHOOK_SECRET: secret }, timeout: 10_000 });
      expect(received).toHaveLength(1);
      expect(JSON.parse(received[0].body)).toEqual(event);
      expect(verifyExpysSignature(received[0].body, received[0].header, secret)).toBe(true);
    } finally {
      server.close();
    }
  });
});

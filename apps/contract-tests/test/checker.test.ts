// The contract checker must be able to fail: a wrong-shaped answer, an undocumented status or a
// wrong content-type is a violation naming the operation, the status and the JSON path.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractChecker, formatViolation } from '../src/checker.js';
import { checkedFetch } from '../src/traffic.js';
import { loadFullBundle } from '../src/spec.js';
import { resolveTarget } from '../src/target.js';

const doc = loadFullBundle();
const checker = new ContractChecker(doc);

// A deliberately broken target: getWallet answers with a wrong-shaped body.
let server: Server;
let baseUrl: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/v1/wallet') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ externalUserID: 'user_42', balance: '1200', currency: { code: 'STAR', symbol: '★', name: 'Stars' }, tier: 'diamond', updatedAt: '2026-03-14T09:30:12Z', extra: 1 }));
    } else if (req.url === '/v1/offers') {
      res.writeHead(418, { 'content-type': 'application/json' });
      res.end('{}');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('nope');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('contract checker', () => {
  it('rejects a wrong-shaped response, naming operation, status and JSON path', async () => {
    const traffic = checkedFetch(doc, checker, { via: 'checker-self-test', countsForCoverage: false });
    await traffic.fetch(`${baseUrl}/v1/wallet`);
    const lines = traffic.take().violations.map(formatViolation);
    expect(lines).toEqual(
      expect.arrayContaining([
        'getWallet 200 response body /balance: must be integer',
        'getWallet 200 response body /tier: must be equal to one of the allowed values',
        'getWallet 200 response body /: must NOT have additional properties (extra)',
      ]),
    );
  });

  it('rejects an undocumented status and an undocumented content-type', async () => {
    const traffic = checkedFetch(doc, checker, { via: 'checker-self-test', countsForCoverage: false });
    await traffic.fetch(`${baseUrl}/v1/offers`);
    await traffic.fetch(`${baseUrl}/v1/offers/off_1`);
    const lines = traffic.take().violations.map(formatViolation);
    expect(lines[0]).toMatch(/^listOffers 418 status \/: status 418 is not documented/);
    expect(lines[1]).toMatch(/^getOffer 404 content-type \/: text\/plain is not documented/);
  });

  it('rejects a request body that breaks the schema when asked to check requests', async () => {
    const traffic = checkedFetch(doc, checker, { via: 'checker-self-test', checkRequests: true, countsForCoverage: false });
    await traffic.fetch(`${baseUrl}/v1/points/credit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ externalUserID: 'user_42', amount: -5 }),
    });
    const lines = traffic.take().violations.map(formatViolation);
    expect(lines).toEqual(expect.arrayContaining(['creditPoints request body /: must have required property \'reason\'']));
    expect(lines.some((l) => l.startsWith('creditPoints request body /amount'))).toBe(true);
  });
});

describe('a spec fixture that no longer matches the target', () => {
  it('is caught on real traffic from the target (here: the mock)', async () => {
    // The fixture: a copy of the bundle where the wallet balance became a string.
    const broken = structuredClone(doc);
    broken.components.schemas.Wallet.properties.balance = { type: 'string' };
    const target = await resolveTarget();
    try {
      const traffic = checkedFetch(broken, new ContractChecker(broken), { via: 'checker-self-test', countsForCoverage: false });
      await traffic.fetch(`${target.url}/v1/wallet`, { headers: { authorization: `Bearer ${target.credentials.memberToken}` } });
      expect(traffic.take().violations.map(formatViolation)).toEqual(['getWallet 200 response body /balance: must be string']);
      // The same exchange against the real spec is clean: the fixture, not the target, is what broke.
      const clean = checkedFetch(doc, checker, { via: 'checker-self-test', countsForCoverage: false });
      await clean.fetch(`${target.url}/v1/wallet`, { headers: { authorization: `Bearer ${target.credentials.memberToken}` } });
      expect(clean.take().violations).toEqual([]);
    } finally {
      await target.stop();
    }
  });
});

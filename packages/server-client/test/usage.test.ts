// The documented usage, verbatim, against a real server answering like the API.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { initialize } from '../src/index.js';
import { MEMBER_TOKEN, SANDBOX_KEY, startApiServer } from './support.js';

const answers: Record<string, { status: number; json: unknown }> = {
  'POST /v1/auth/exchange': { status: 200, json: { token: MEMBER_TOKEN, tokenType: 'Bearer', externalUserID: 'user_42', expiresAt: '2026-03-14T09:45:00Z' } },
  'PUT /v1/members/user_42': { status: 200, json: { externalUserID: 'user_42', displayName: 'Ada Lovelace', tier: 'gold', pointsBalance: 0 } },
  'POST /v1/points/credit': { status: 200, json: { externalUserID: 'user_42', amount: 100, balance: 100, currency: { code: 'STAR', symbol: '★', name: 'Stars' } } },
  'POST /v1/webhooks': { status: 201, json: { id: 'we_1', url: 'https://example.com/hook', events: ['redemption.created'], signingSecret: 'whsec_abc' } },
  'GET /v1/analytics/summary': { status: 200, json: { memberCount: 1, pointsMinted: 100 } },
};

it('runs the README quickstart exactly as written', async () => {
  const api = await startApiServer((r) => answers[`${r.method} ${r.pathname}`] ?? { status: 404, json: {} });
  const baseUrl = api.baseUrl;
  process.env.EXPYS_ORG_API_KEY = SANDBOX_KEY;
  try {
    // --- verbatim from the issue ---
    const expys = initialize({ baseUrl, environment: "sandbox", token: process.env.EXPYS_ORG_API_KEY });
    const grant = await expys.exchangeToken({ externalUserID: "user_42" });   // grant.expiresAt
    const member = await expys.setMember("user_42", { displayName: "Ada Lovelace", tier: "gold" });
    const credited = await expys.creditPoints({ amount: 100, externalUserID: "user_42", reason: "welcome bonus" });
    const webhook = await expys.createWebhook({ events: ["redemption.created"], url: "https://example.com/hook" });
    const summary = await expys.analyticsSummary();
    // --- end ---
    expect(grant.expiresAt).toBe('2026-03-14T09:45:00Z');
    expect(member.tier).toBe('gold');
    expect(credited.balance).toBe(100);
    expect(credited.currency.symbol).toBe('★');
    expect(webhook.signingSecret).toBe('whsec_abc');
    expect(summary.memberCount).toBe(1);
  } finally {
    delete process.env.EXPYS_ORG_API_KEY;
  }

  expect(api.requests.map((r) => [r.method, r.url, r.json])).toEqual([
    ['POST', '/v1/auth/exchange', { externalUserID: 'user_42' }],
    ['PUT', '/v1/members/user_42', { displayName: 'Ada Lovelace', tier: 'gold' }],
    ['POST', '/v1/points/credit', { amount: 100, externalUserID: 'user_42', reason: 'welcome bonus' }],
    ['POST', '/v1/webhooks', { events: ['redemption.created'], url: 'https://example.com/hook' }],
    ['GET', '/v1/analytics/summary', undefined],
  ]);
  expect(api.requests.every((r) => r.headers.authorization === `Bearer ${SANDBOX_KEY}`)).toBe(true);
  // Idempotency-Key exactly where the spec says x-expys-idempotent: true.
  expect(api.requests.map((r) => Boolean(r.headers['idempotency-key']))).toEqual([true, false, true, true, false]);
});

it("runs the README's Quickstart block as written, pointed at the mock's address (`npm start`)", async () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('## Quickstart')))![1]!;
  // A newcomer copies it and runs it against the mock: the baseUrl is there, on the mock's default port.
  expect(block).toContain('baseUrl: "http://127.0.0.1:4010"');
  const api = await startApiServer((r) => answers[`${r.method} ${r.pathname}`] ?? { status: 404, json: {} });
  process.env.EXPYS_ORG_API_KEY = SANDBOX_KEY;
  try {
    // Only the address changes (the test server's port); the import is the module under test.
    const body = block.replace(/^import .*$/m, '').replace('http://127.0.0.1:4010', api.baseUrl);
    const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (...args: unknown[]) => Promise<Record<string, any>>;
    const run = new AsyncFunction('initialize', 'process', `${body}\nreturn { grant, member, credited, webhook, summary };`);
    const result = await run(initialize, process);
    expect(result.credited.balance).toBe(100);
    expect(result.summary.memberCount).toBe(1);
  } finally {
    delete process.env.EXPYS_ORG_API_KEY;
  }
  expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /v1/auth/exchange', 'PUT /v1/members/user_42', 'POST /v1/points/credit', 'POST /v1/webhooks', 'GET /v1/analytics/summary']);
});

// Server-mode errors are typed and carry the problem fields; the Org-API-Key appears in no
// message, stack, inspect or JSON output, and the client prints without it.
import { inspect } from 'node:util';
import { afterEach, expect, it, vi } from 'vitest';
import { AuthenticationError, ConnectionError, NotFoundError, PermissionError, RateLimitError } from '../src/index.js';
import { API_KEY, problem, SANDBOX_KEY, serverClient, startApiServer } from './support.js';

const SECRET_PART = SANDBOX_KEY.slice('expys_test_'.length);
const outputsOf = (value: unknown) =>
  [String(value), (value as Error).stack, inspect(value, { depth: Infinity, showHidden: true }), inspect(value, { customInspect: false, showHidden: true, depth: Infinity }), JSON.stringify(value)].join('\n');

afterEach(() => void vi.restoreAllMocks());

it('throws typed errors with status, code, detail and requestId', async () => {
  const api = await startApiServer((r) => {
    if (r.pathname === '/v1/members/nobody') return problem(404, 'not_found', 'No member nobody.');
    if (r.pathname === '/v1/webhooks') return problem(403, 'insufficient_scope', `createWebhook needs the scope webhook_write; the API key ${API_KEY} has member_read.`);
    if (r.pathname === '/v1/analytics/summary') return problem(429, 'rate_limited', 'Slow down.', { 'retry-after': '7' });
    return problem(401, 'invalid_api_key', `Unknown key ${r.headers.authorization}`);
  });
  const expys = serverClient(api.baseUrl, { maxRetries: 0 });
  const [notFound, forbidden, limited, unauthorized] = await Promise.all([
    expys.getMember('nobody').catch((e: unknown) => e),
    expys.createWebhook({ events: ['member.updated'], url: 'https://example.com/h' }).catch((e: unknown) => e),
    expys.analyticsSummary().catch((e: unknown) => e),
    expys.removeMember('user_1').catch((e: unknown) => e),
  ]);
  expect(notFound).toBeInstanceOf(NotFoundError);
  expect(notFound).toMatchObject({ status: 404, code: 'not_found', detail: 'No member nobody.', requestId: 'req_notfound42' });
  expect(forbidden).toBeInstanceOf(PermissionError);
  expect(forbidden).toMatchObject({ status: 403, code: 'insufficient_scope', detail: 'createWebhook needs the scope webhook_write; the API key test_sk_[redacted] has member_read.' });
  expect(limited).toBeInstanceOf(RateLimitError);
  expect(limited).toMatchObject({ retryAfter: 7 });
  expect(unauthorized).toBeInstanceOf(AuthenticationError);
  expect(unauthorized).toMatchObject({ code: 'invalid_api_key' });
  // The API echoed the key; the error does not.
  for (const error of [notFound, forbidden, limited, unauthorized]) {
    expect(outputsOf(error)).not.toContain(SECRET_PART);
    expect(outputsOf(error)).not.toContain(API_KEY.slice(8));
  }
});

it('keeps the key out of the client, connection errors and the console', async () => {
  const consoleCalls = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => vi.spyOn(console, level));
  const api = await startApiServer(() => ({ drop: true }));
  const expys = serverClient(api.baseUrl, { maxRetries: 1 });
  const error = await expys.getMember('user_1').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectionError);
  expect(api.requests).toHaveLength(2);
  for (const value of [expys, error]) expect(outputsOf(value)).not.toContain(SECRET_PART);
  expect(JSON.parse(JSON.stringify(expys))).toEqual({ environment: 'sandbox', baseUrl: api.baseUrl });
  for (const spy of consoleCalls) expect(spy).not.toHaveBeenCalled();
});

it('retries an idempotent server POST with the same key, and honours the caller key', async () => {
  const api = await startApiServer((_, i) => (i % 2 === 0 ? problem(503, 'internal_error') : { json: { balance: 100 } }));
  const expys = serverClient(api.baseUrl);
  await expys.creditPoints({ amount: 100, externalUserID: 'user_42', reason: 'welcome bonus' });
  await expys.creditPoints({ amount: 100, externalUserID: 'user_42', reason: 'order 1001' }, { idempotencyKey: 'order-1001-points' });
  const keys = api.requests.map((r) => r.headers['idempotency-key']);
  expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(keys).toEqual([keys[0], keys[0], 'order-1001-points', 'order-1001-points']);
});

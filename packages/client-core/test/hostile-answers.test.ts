// What an adversarial pass found in the runtime, each case as it would hit an app:
// broken answers escaping as raw SyntaxError/TypeError, a huge maxRetryAfterMs overflowing
// setTimeout (and retrying at once), and "." / ".." path parameters climbing a path segment.
import { describe, expect, it } from 'vitest';
import { ConnectionError, ExpysConfigError } from '../src/index.js';
import { retryDelay, retryDelaysWithDefaults } from '../src/retry-policy.js';
import { problem, startApiServer } from './support/api-server.js';
import { fakeClient } from './support/fake-api.js';

describe('broken answers are ConnectionErrors', () => {
  it('a 200 whose body is not JSON: ConnectionError, retried for a GET, with the parse error as cause', async () => {
    const api = await startApiServer((_r, i) => (i === 0 ? { status: 200, headers: { 'content-type': 'application/json' }, body: '{"id": "a", tr' } : { status: 200, json: { id: 'a' } }));
    expect(await fakeClient(api.baseUrl).getThing('a')).toEqual({ id: 'a' });
    expect(api.requests).toHaveLength(2);
  });

  it('never retried for a POST without a key, and the cause is kept', async () => {
    const api = await startApiServer(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: 'not json' }));
    const error = await fakeClient(api.baseUrl).askOracle({ q: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain('not valid JSON');
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    expect(api.requests).toHaveLength(1);
  });
});

describe('delays', () => {
  it('a huge maxRetryAfterMs is clamped to what setTimeout can wait, not turned into 0', () => {
    const delays = retryDelaysWithDefaults({ maxRetryAfterMs: Number.MAX_SAFE_INTEGER });
    expect(retryDelay(0, 10 * 365 * 86_400_000, delays)).toBe(2_147_483_647);
  });

  it.each([-1, Number.NaN, '5'])('refuses retryDelays.maxDelayMs %s', async (value) => {
    const api = await startApiServer();
    expect(() => fakeClient(api.baseUrl, { retryDelays: { maxDelayMs: value as number } })).toThrow(ExpysConfigError);
  });

  it('a long Retry-After is waited, not skipped', async () => {
    const api = await startApiServer(() => problem(503, 'internal_error', 'down', { 'retry-after': '86400' }));
    const call = fakeClient(api.baseUrl, { retryDelays: { maxRetryAfterMs: Number.MAX_SAFE_INTEGER }, timeout: 300 }).getThing('a');
    await expect(call).rejects.toThrow(/within 300 ms/);
    // Still waiting when the deadline came: the retry was never sent.
    expect(api.requests).toHaveLength(1);
  });
});

describe('path parameters', () => {
  it.each(['.', '..'])('refuses %j as a path parameter, and sends nothing', async (value) => {
    const api = await startApiServer();
    const error = await fakeClient(api.baseUrl).getThing(value).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpysConfigError);
    expect((error as Error).message).toContain('would address another path');
    expect(api.requests).toHaveLength(0);
  });

  it('still sends values that merely contain dots or slashes, encoded', async () => {
    const api = await startApiServer(() => ({ status: 200, json: {} }));
    await fakeClient(api.baseUrl).getThing('a..b');
    await fakeClient(api.baseUrl).getThing('../x');
    expect(api.requests.map((r) => r.url)).toEqual(['/v1/things/a..b', '/v1/things/..%2Fx']);
  });
});

describe('credentials only travel in Authorization, through the guards', () => {
  const key = `key_live_${'K'.repeat(32)}`;
  it.each([
    ['X-Api-Key', key],
    ['Cookie', `session=abc; api=${key}`],
    ['X-Forwarded-Authorization', 'Bearer something'],
  ])('refuses a credential in %s, quoting neither the value nor the key', async (name, value) => {
    const api = await startApiServer();
    const perCall = await fakeClient(api.baseUrl).getThing('a', { headers: { [name]: value } }).catch((e: unknown) => e);
    const perClient = await fakeClient(api.baseUrl, { headers: { [name]: value } }).getThing('a').catch((e: unknown) => e);
    for (const error of [perCall, perClient]) {
      expect(error).toBeInstanceOf(ExpysConfigError);
      expect((error as Error).message).toContain(name);
      expect((error as Error).message).not.toContain('K'.repeat(8));
    }
    expect(api.requests).toHaveLength(0);
  });

  it('refuses array-form (or any non-string) header values', async () => {
    const api = await startApiServer();
    const error = await fakeClient(api.baseUrl).getThing('a', { headers: { 'X-Api-Key': [key] as unknown as string } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpysConfigError);
    expect(api.requests).toHaveLength(0);
  });

  it.each([
    ['a Headers', () => new Headers({ 'X-Api-Key': key })],
    ['a Map', () => new Map([['X-Api-Key', key]])],
    ['an array of pairs', () => [['X-Api-Key', key]]],
  ])('refuses headers given as %s, which would otherwise be dropped or sent as index keys', async (_label, make) => {
    const api = await startApiServer();
    const error = await fakeClient(api.baseUrl).getThing('a', { headers: make() as unknown as Record<string, string> }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpysConfigError);
    expect((error as Error).message).not.toContain('K'.repeat(8));
    expect(() => fakeClient(api.baseUrl, { headers: make() as unknown as Record<string, string> })).toThrow(ExpysConfigError);
    expect(api.requests).toHaveLength(0);
  });

  it('passes ordinary headers', async () => {
    const api = await startApiServer(() => ({ status: 200, json: {} }));
    await fakeClient(api.baseUrl).getThing('a', { headers: { 'X-Trace': 'abc123' } });
    expect(api.requests[0].headers['x-trace']).toBe('abc123');
  });

  it('scrubs a credential echoed in the reason phrase', async () => {
    // The reason phrase comes from the server (or a proxy): node:http lets a test server set any.
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) => {
      res.statusMessage = `Bad Gateway for ${key}`;
      res.writeHead(502).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const error = await fakeClient(`http://127.0.0.1:${port}`, { maxRetries: 0 }).getThing('a').catch((e: unknown) => e);
      expect((error as Error).message).toContain('key_live_[redacted]');
      expect((error as Error).message).not.toContain('K'.repeat(8));
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

// Every call has a deadline (`timeout`, default 60 s): the token provider, each attempt, the
// waits between retries and a refresh all count against it. Past it, or when the caller's signal
// aborts, the call rejects with an ExpysError (TimeoutError, AbortError), never a raw DOMException.
import { describe, expect, it } from 'vitest';
import { AbortError, ConnectionError, ExpysConfigError, ExpysError, TimeoutError } from '../src/index.js';
import { problem, startApiServer } from './support/api-server.js';
import { fakeClient } from './support/fake-api.js';

const never = () => new Promise<never>(() => {});

async function elapsed<T>(work: Promise<T>): Promise<{ ms: number; error: unknown }> {
  const started = performance.now();
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { ms: performance.now() - started, error };
}

describe('the call deadline', () => {
  it('a server that never answers: TimeoutError at the client timeout, an ExpysError', async () => {
    const api = await startApiServer(never);
    const { ms, error } = await elapsed(fakeClient(api.baseUrl, { timeout: 150 }).getThing('a'));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toBeInstanceOf(ExpysError);
    expect((error as Error).message).toContain('150 ms');
    expect(ms).toBeGreaterThanOrEqual(140);
    expect(ms).toBeLessThan(2000);
    // A deadline is final: the hung attempt is not retried.
    expect(api.requests).toHaveLength(1);
  });

  it('a per-call timeout overrides the client one', async () => {
    const api = await startApiServer(never);
    const { ms, error } = await elapsed(fakeClient(api.baseUrl, { timeout: 60_000 }).getThing('a', { timeout: 100 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(ms).toBeLessThan(2000);
  });

  it('bounds a token provider that never answers, and sends nothing', async () => {
    const api = await startApiServer();
    const { error } = await elapsed(fakeClient(api.baseUrl, { timeout: 100, credentials: { current: never } }).getThing('a'));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(api.requests).toHaveLength(0);
  });

  it('bounds the refresh after token_expired', async () => {
    const api = await startApiServer(() => problem(401, 'token_expired'));
    const credentials = { current: async () => `tok_test_${'a'.repeat(40)}`, refresh: never };
    const { error } = await elapsed(fakeClient(api.baseUrl, { timeout: 150, credentials }).getThing('a'));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(api.requests).toHaveLength(1);
  });

  it('cuts a wait between retries short (a long Retry-After)', async () => {
    const api = await startApiServer(() => problem(503, 'internal_error', 'down', { 'retry-after': '30' }));
    const { ms, error } = await elapsed(fakeClient(api.baseUrl, { timeout: 200, retryDelays: { maxRetryAfterMs: 60_000 } }).getThing('a'));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(ms).toBeLessThan(2000);
    expect(api.requests).toHaveLength(1);
  });

  it("the caller's signal gives AbortError with its reason, even while the token provider runs", async () => {
    const api = await startApiServer();
    const controller = new AbortController();
    const call = fakeClient(api.baseUrl, { credentials: { current: never } }).getThing('a', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('screen closed')), 50);
    const { error } = await elapsed(call);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toBeInstanceOf(ExpysError);
    expect((error as Error).cause).toEqual(new Error('screen closed'));
    expect(api.requests).toHaveLength(0);
  });

  it('calls that finish in time are unaffected, and no timer is left behind', async () => {
    const api = await startApiServer(() => ({ status: 200, json: { id: 'a' } }));
    const client = fakeClient(api.baseUrl, { timeout: 5_000 });
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    for (let i = 0; i < 20; i++) expect(await client.getThing('a')).toEqual({ id: 'a' });
    // Each call's 5 s deadline timer was cleared when it finished.
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, '100'])('refuses timeout %s', async (value) => {
    const api = await startApiServer();
    expect(() => fakeClient(api.baseUrl, { timeout: value as number })).toThrow(ExpysConfigError);
    const error = await fakeClient(api.baseUrl).getThing('a', { timeout: value as number }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpysConfigError);
    expect(api.requests).toHaveLength(0);
  });
});

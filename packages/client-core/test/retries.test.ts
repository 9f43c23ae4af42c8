// Retries against a real server: what is retried, how often, with which Idempotency-Key, and
// how long the client waits when the API says Retry-After.
import { describe, expect, it } from 'vitest';
import { AbortError, ConflictError, ConnectionError, ExpysConfigError, ExpysError, RateLimitError, ServerError, ValidationError } from '../src/index.js';
import { problem, startApiServer } from './support/api-server.js';
import { fakeClient } from './support/fake-api.js';

const ok = { status: 200, json: { id: 'thing_1' } };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('what is retried', () => {
  it.each([408, 409, 429, 500, 502, 503, 504])('retries a GET answered %i, then returns the success', async (status) => {
    const api = await startApiServer((_, i) => (i === 0 ? problem(status, 'internal_error') : ok));
    await expect(fakeClient(api.baseUrl).getThing('thing_1')).resolves.toEqual({ id: 'thing_1' });
    expect(api.requests).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 422])('does not retry %i', async (status) => {
    const api = await startApiServer(() => problem(status, 'validation_failed'));
    await expect(fakeClient(api.baseUrl).getThing('thing_1')).rejects.toMatchObject({ status });
    expect(api.requests).toHaveLength(1);
  });

  it('retries a network error (socket closed without an answer)', async () => {
    const api = await startApiServer((_, i) => (i === 0 ? { drop: true } : ok));
    await expect(fakeClient(api.baseUrl).getThing('thing_1')).resolves.toEqual({ id: 'thing_1' });
    expect(api.requests).toHaveLength(2);
  });

  it('throws a ConnectionError when nothing answers, after the retries', async () => {
    const api = await startApiServer(() => ({ drop: true }));
    const error = await fakeClient(api.baseUrl).getThing('thing_1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(api.requests).toHaveLength(3);
  });

  it('makes 1 + 2 attempts by default, then throws the last error', async () => {
    const api = await startApiServer(() => problem(503, 'internal_error'));
    await expect(fakeClient(api.baseUrl).getThing('thing_1')).rejects.toBeInstanceOf(ServerError);
    expect(api.requests).toHaveLength(3);
  });

  it('takes maxRetries from initialize, and a per-call maxRetries over it; 0 disables', async () => {
    const api = await startApiServer(() => problem(500, 'internal_error'));
    const none = fakeClient(api.baseUrl, { maxRetries: 0 });
    await expect(none.getThing('a')).rejects.toBeInstanceOf(ServerError);
    expect(api.requests).toHaveLength(1);
    await expect(none.getThing('a', { maxRetries: 4 })).rejects.toBeInstanceOf(ServerError);
    expect(api.requests).toHaveLength(1 + 5);
    await expect(fakeClient(api.baseUrl).getThing('a', { maxRetries: 0 })).rejects.toBeInstanceOf(ServerError);
    expect(api.requests).toHaveLength(1 + 5 + 1);
  });

  it('retries PUT and DELETE (idempotent by HTTP semantics)', async () => {
    const api = await startApiServer((_, i) => (i % 2 === 0 ? problem(500, 'internal_error') : i === 1 ? ok : { status: 204 }));
    const client = fakeClient(api.baseUrl);
    await expect(client.putThing('a', { name: 'x' })).resolves.toEqual({ id: 'thing_1' });
    await expect(client.deleteThing('a')).resolves.toBeUndefined();
    expect(api.requests.map((r) => r.method)).toEqual(['PUT', 'PUT', 'DELETE', 'DELETE']);
  });

  it('rejects a maxRetries that is not a whole number ≥ 0, sending nothing', async () => {
    const api = await startApiServer();
    await expect(fakeClient(api.baseUrl).getThing('a', { maxRetries: -1 })).rejects.toBeInstanceOf(ExpysConfigError);
    expect(api.requests).toHaveLength(0);
  });
});

describe('idempotency keys', () => {
  it('sends one generated UUID key on every attempt of an idempotent POST', async () => {
    const api = await startApiServer((_, i) => (i < 2 ? problem(500, 'internal_error') : { status: 201, json: { id: 'thing_9' } }));
    await expect(fakeClient(api.baseUrl).createThing({ name: 'x' })).resolves.toEqual({ id: 'thing_9' });
    const keys = api.requests.map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(UUID);
    expect(new Set(keys).size).toBe(1);
    expect(api.requests.every((r) => r.body === '{"name":"x"}')).toBe(true);
  });

  it('keeps the key across a network error too', async () => {
    const api = await startApiServer((_, i) => (i === 0 ? { drop: true } : { status: 201, json: {} }));
    await fakeClient(api.baseUrl).createThing({ name: 'x' });
    const [first, second] = api.requests.map((r) => r.headers['idempotency-key']);
    expect(first).toMatch(UUID);
    expect(second).toBe(first);
  });

  it('uses a new key for each logical call', async () => {
    const api = await startApiServer(() => ({ status: 201, json: {} }));
    const client = fakeClient(api.baseUrl);
    await client.createThing({ name: 'x' });
    await client.createThing({ name: 'x' });
    expect(api.requests[0].headers['idempotency-key']).not.toBe(api.requests[1].headers['idempotency-key']);
  });

  it("reuses the caller's own key on every attempt", async () => {
    const api = await startApiServer((_, i) => (i === 0 ? problem(503, 'internal_error') : { status: 201, json: {} }));
    await fakeClient(api.baseUrl).createThing({ name: 'x' }, { idempotencyKey: 'order-42-credit' });
    expect(api.requests.map((r) => r.headers['idempotency-key'])).toEqual(['order-42-credit', 'order-42-credit']);
  });

  it('does not retry 409 idempotency_conflict: the same request would fail the same way', async () => {
    const api = await startApiServer(() => problem(409, 'idempotency_conflict'));
    await expect(fakeClient(api.baseUrl, { maxRetries: 3 }).createThing({ name: 'x' })).rejects.toBeInstanceOf(ConflictError);
    expect(api.requests).toHaveLength(1);
  });

  it('never retries a POST without an idempotency key, on a 5xx or a network error', async () => {
    for (const reply of [problem(503, 'internal_error'), { drop: true as const }]) {
      const api = await startApiServer(() => reply);
      await expect(fakeClient(api.baseUrl, { maxRetries: 5 }).askOracle({ q: '?' })).rejects.toBeDefined();
      expect(api.requests).toHaveLength(1);
      expect(api.requests[0].headers['idempotency-key']).toBeUndefined();
      await api.close();
    }
  });

  it('refuses an idempotencyKey for a non-idempotent operation, sending nothing', async () => {
    const api = await startApiServer();
    await expect(fakeClient(api.baseUrl).askOracle({ q: '?' }, { idempotencyKey: 'k' })).rejects.toBeInstanceOf(ExpysConfigError);
    expect(api.requests).toHaveLength(0);
  });
});

describe('Retry-After', () => {
  it('waits the seconds the API asks for', async () => {
    const api = await startApiServer((_, i) => (i === 0 ? problem(429, 'rate_limited', 'slow down', { 'retry-after': '1' }) : ok));
    const started = performance.now();
    await fakeClient(api.baseUrl).getThing('a');
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(950); // backoff alone would be ≤ 4 ms here
    expect(api.requests).toHaveLength(2);
  });

  it('understands an HTTP date', async () => {
    const api = await startApiServer((_, i) =>
      i === 0 ? problem(503, 'internal_error', 'maintenance', { 'retry-after': new Date(Date.now() + 1500).toUTCString() }) : ok,
    );
    const started = performance.now();
    await fakeClient(api.baseUrl).getThing('a');
    // HTTP dates have 1 s resolution: the wait is between 0.5 and 1.5 s.
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
  });

  it('caps a long Retry-After at maxRetryAfterMs', async () => {
    const api = await startApiServer((_, i) => (i === 0 ? problem(429, 'rate_limited', 'later', { 'retry-after': '3600' }) : ok));
    const started = performance.now();
    await fakeClient(api.baseUrl, { retryDelays: { initialDelayMs: 1, maxRetryAfterMs: 30 } }).getThing('a');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(api.requests).toHaveLength(2);
  });

  it('puts Retry-After on the RateLimitError when retries run out', async () => {
    const api = await startApiServer(() => problem(429, 'rate_limited', 'slow down', { 'retry-after': '30' }));
    const error = await fakeClient(api.baseUrl, { maxRetries: 0 }).getThing('a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: 30 });
  });
});

describe('abort', () => {
  it('stops waiting between retries when the signal aborts, and sends nothing more', async () => {
    const api = await startApiServer(() => problem(503, 'internal_error', 'down', { 'retry-after': '5' }));
    const controller = new AbortController();
    const call = fakeClient(api.baseUrl).getThing('a', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user left')), 100);
    // An ExpysError like every other failure, with the signal's reason as its cause.
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toBeInstanceOf(ExpysError);
    expect((error as Error).cause).toEqual(new Error('user left'));
    expect(api.requests).toHaveLength(1);
  });

  it('does not treat an aborted request as a network error to retry', async () => {
    const api = await startApiServer();
    const controller = new AbortController();
    controller.abort();
    const error = await fakeClient(api.baseUrl).getThing('a', { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ConnectionError);
    expect(error).toBeInstanceOf(AbortError);
    expect(api.requests).toHaveLength(0);
  });
});

it('maps 409 to ConflictError (after retrying one still in flight) and 422 to ValidationError (never retried)', async () => {
  const api = await startApiServer((r) => (r.pathname.endsWith('conflict') ? problem(409, 'request_in_flight') : problem(422, 'validation_failed')));
  const client = fakeClient(api.baseUrl, { maxRetries: 1 });
  await expect(client.getThing('conflict')).rejects.toBeInstanceOf(ConflictError);
  await expect(client.getThing('invalid')).rejects.toBeInstanceOf(ValidationError);
  expect(api.requests).toHaveLength(2 + 1);
});

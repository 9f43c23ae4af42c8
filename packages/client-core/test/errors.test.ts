// Non-2xx answers become typed errors carrying the problem fields; credentials never appear in
// what an error shows, even when the API or a proxy echoes them back.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  ExpysError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  ValidationError,
} from '../src/index.js';
import { problem, startApiServer } from './support/api-server.js';
import { fakeClient, TOKEN } from './support/fake-api.js';

const everything = (error: unknown) => {
  const e = error as Error;
  return [e.message, e.stack, String(e), inspect(e, { depth: Infinity, showHidden: true }), JSON.stringify(e)].join('\n');
};

describe('error classes', () => {
  it.each([
    [400, ValidationError],
    [401, AuthenticationError],
    [403, PermissionError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, ValidationError],
    [429, RateLimitError],
    [500, ServerError],
    [503, ServerError],
    [418, ApiError],
  ] as const)('maps %i to %o, with the problem fields', async (status, ErrorClass) => {
    const api = await startApiServer(() => problem(status, 'some_code', 'what to do next'));
    const error = await fakeClient(api.baseUrl, { maxRetries: 0 }).getThing('a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(ExpysError);
    expect(error).toMatchObject({ name: ErrorClass.name, status, code: 'some_code', detail: 'what to do next', requestId: 'req_somecode42' });
    expect((error as Error).message).toBe(`${status} some_code: what to do next (requestId req_somecode42)`);
  });

  it('lists per-field failures on a ValidationError', async () => {
    const body = { ...(problem(422, 'validation_failed').json as object), errors: [{ path: '/amount', message: 'must be ≥ 1' }] };
    const api = await startApiServer(() => ({ status: 422, json: body }));
    const error = await fakeClient(api.baseUrl).createThing({ amount: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([{ path: '/amount', message: 'must be ≥ 1' }]);
  });

  it('copes with a non-JSON error page (a proxy), falling back to the header request id', async () => {
    const api = await startApiServer(() => ({ status: 502, body: '<html>Bad gateway</html>', headers: { 'x-request-id': 'req_proxy1' } }));
    const error = await fakeClient(api.baseUrl, { maxRetries: 0 }).getThing('a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 502, code: undefined, requestId: 'req_proxy1' });
    expect((error as Error).message).toContain('502');
  });

  it('serialises to plain fields with toJSON', async () => {
    const api = await startApiServer(() => problem(404, 'not_found', 'No such thing.'));
    const error = await fakeClient(api.baseUrl).getThing('a').catch((e: unknown) => e);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'NotFoundError',
      message: '404 not_found: No such thing. (requestId req_notfound42)',
      status: 404,
      code: 'not_found',
      detail: 'No such thing.',
      requestId: 'req_notfound42',
    });
  });

  it('reports a refused connection as a ConnectionError', async () => {
    const api = await startApiServer();
    const baseUrl = api.baseUrl;
    await api.close();
    const error = await fakeClient(baseUrl, { maxRetries: 0 }).getThing('a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/Could not reach http:\/\/127\.0\.0\.1:\d+ \(GET \/v1\/things\/a\): ECONNREFUSED/);
  });
});

describe('no credential in any error output', () => {
  it('redacts a token the API echoes in detail, title or a raw body', async () => {
    const api = await startApiServer((r, i) =>
      i === 0
        ? problem(401, 'unauthenticated', `Rejected header ${r.headers.authorization} and ${TOKEN}`)
        : { status: 500, body: `upstream said: ${r.headers.authorization}` },
    );
    const client = fakeClient(api.baseUrl, { maxRetries: 0 });
    const errors = [await client.getThing('a').catch((e: unknown) => e), await client.getThing('b').catch((e: unknown) => e)];
    expect(api.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`); // the echo really happened
    for (const error of errors) {
      expect(error).toBeInstanceOf(ApiError);
      const text = everything(error);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(TOKEN.slice(9)); // not even the secret part
      expect(text).toContain('[redacted]');
    }
  });

  it('keeps the token out of ConnectionError, whose cause is the fetch failure', async () => {
    const api = await startApiServer(() => ({ drop: true }));
    const error = await fakeClient(api.baseUrl, { maxRetries: 0 }).getThing('a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(everything(error)).not.toContain(TOKEN.slice(9));
  });
});

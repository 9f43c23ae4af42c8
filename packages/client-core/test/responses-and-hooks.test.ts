// What a backend team needs around a call: the response itself (`.withResponse()`, request id,
// rate-limit figures), hooks and logs that never hold a credential, the client's identity
// header, exact-credential redaction and https for production credentials.
import { describe, expect, it } from 'vitest';
import { ApiPromise, CredentialError, ExpysConfigError, NotFoundError, PagePromise, type ErrorEvent, type RequestEvent, type ResponseEvent } from '../src/index.js';
import { problem, startApiServer } from './support/api-server.js';
import { fakeClient, TOKEN } from './support/fake-api.js';

const RATE = { 'request-id': 'req_abc123', 'ratelimit-limit': '600', 'ratelimit-remaining': '599', 'ratelimit-reset': '42' };

/** A logger that keeps every line, per level. */
function recordingLogger() {
  const lines: string[] = [];
  const at = (level: string) => (message: string) => lines.push(`${level} ${message}`);
  return { lines, logger: { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') } };
}

describe('.withResponse()', () => {
  it('gives data, response, requestId and rateLimit; awaiting the same call sends nothing more', async () => {
    const api = await startApiServer(() => ({ status: 200, json: { id: 'a' }, headers: RATE }));
    const call = fakeClient(api.baseUrl).getThing('a');
    expect(call).toBeInstanceOf(ApiPromise);
    expect(call).toBeInstanceOf(Promise);
    const { data, response, requestId, rateLimit } = await call.withResponse();
    expect(data).toEqual({ id: 'a' });
    expect(response.status).toBe(200);
    expect(requestId).toBe('req_abc123');
    expect(rateLimit).toEqual({ limit: 600, remaining: 599, resetSeconds: 42 });
    expect(await call).toEqual({ id: 'a' });
    expect(api.requests).toHaveLength(1);
  });

  it('without the headers, requestId and rateLimit are undefined, not made up', async () => {
    const api = await startApiServer(() => ({ status: 200, json: { id: 'a' }, headers: { 'ratelimit-limit': 'lots' } }));
    const { requestId, rateLimit } = await fakeClient(api.baseUrl).getThing('a').withResponse();
    expect([requestId, rateLimit]).toEqual([undefined, undefined]);
  });

  it('then/catch/finally behave as a promise of the data; a failure rejects both ways', async () => {
    const api = await startApiServer(() => problem(404, 'not_found', 'no thing', { 'request-id': 'req_nf1' }));
    const call = fakeClient(api.baseUrl).getThing('a');
    const derived = call.then(() => 'resolved').catch((e: unknown) => e);
    expect(derived).not.toBeInstanceOf(ApiPromise);
    expect(await derived).toBeInstanceOf(NotFoundError);
    await expect(call.withResponse()).rejects.toBeInstanceOf(NotFoundError);
    let finallyRan = false;
    await call.finally(() => (finallyRan = true)).catch(() => undefined);
    expect(finallyRan).toBe(true);
    expect(api.requests).toHaveLength(1);
  });

  it('a list gives the first page with its response', async () => {
    const api = await startApiServer(() => ({ status: 200, json: { data: [1, 2], hasMore: false, nextCursor: null }, headers: RATE }));
    const list = fakeClient(api.baseUrl).listThings({ limit: 2 });
    expect(list).toBeInstanceOf(PagePromise);
    const first = await list.withResponse();
    expect(first.data.data).toEqual([1, 2]);
    expect(first.requestId).toBe('req_abc123');
    expect((await list).data).toEqual([1, 2]);
    expect(api.requests).toHaveLength(1);
  });

  it('an error takes its requestId from the Request-Id header when the body has none', async () => {
    const api = await startApiServer(() => ({ status: 404, headers: { 'content-type': 'text/plain', 'request-id': 'req_hdr9' }, body: 'gone' }));
    const error = await fakeClient(api.baseUrl).getThing('a').catch((e: NotFoundError) => e);
    expect(error.requestId).toBe('req_hdr9');
  });
});

describe('Expys-Client', () => {
  it('names the client package and version on every request', async () => {
    const api = await startApiServer();
    await fakeClient(api.baseUrl).getThing('a');
    expect(api.requests[0].headers['expys-client']).toBe('@expys/fake-client/1.2.3');
  });

  it('cannot be overridden from headers', async () => {
    const api = await startApiServer();
    await expect(fakeClient(api.baseUrl, { headers: { 'Expys-Client': 'spoof/1' } }).getThing('a')).rejects.toBeInstanceOf(ExpysConfigError);
    expect(api.requests).toHaveLength(0);
  });
});

describe('hooks', () => {
  it('see each attempt and answer, with the Authorization redacted, and the retry then the final failure', async () => {
    const api = await startApiServer(() => problem(503, 'internal_error', 'down', { 'request-id': 'req_down1' }));
    const events: (RequestEvent | ResponseEvent | ErrorEvent)[] = [];
    const hooks = { onRequest: (e: RequestEvent) => events.push(e), onResponse: (e: ResponseEvent) => events.push(e), onError: (e: ErrorEvent) => events.push(e) };
    await fakeClient(api.baseUrl, { hooks, maxRetries: 1 }).getThing('a').catch(() => undefined);
    const kinds = events.map((e) => ('status' in e ? `response ${e.attempt} ${e.status} ${e.requestId}` : 'error' in e ? `error ${e.attempt} ${e.willRetry}` : `request ${e.attempt}`));
    expect(kinds).toEqual(['request 1', 'response 1 503 req_down1', 'error 1 true', 'request 2', 'response 2 503 req_down1', 'error 2 false']);
    const first = events[0] as RequestEvent;
    expect(first).toMatchObject({ operationId: 'getThing', method: 'GET', url: `${api.baseUrl}/v1/things/a` });
    expect(first.headers.authorization).toBe('Bearer [redacted]');
    expect(JSON.stringify(events)).not.toContain(TOKEN);
  });

  it('a hook that throws does not change the call, and is reported at warn', async () => {
    const api = await startApiServer(() => ({ status: 200, json: { id: 'a' } }));
    const { lines, logger } = recordingLogger();
    const onRequest = () => {
      throw new Error('hook bug');
    };
    expect(await fakeClient(api.baseUrl, { hooks: { onRequest }, logger, logLevel: 'warn' }).getThing('a')).toEqual({ id: 'a' });
    expect(lines).toEqual(['warn [expys] the onRequest hook threw (ignored): hook bug']);
  });

  it('the onError of a refusal before sending (a bad argument) reports the ExpysConfigError once', async () => {
    const api = await startApiServer();
    const errors: ErrorEvent[] = [];
    await fakeClient(api.baseUrl, { hooks: { onError: (e) => errors.push(e) } }).getThing('..').catch(() => undefined);
    expect(errors.map((e) => [e.error.name, e.willRetry, e.attempt])).toEqual([['ExpysConfigError', false, 0]]);
  });
});

describe('logging', () => {
  it('is off by default', async () => {
    const api = await startApiServer(() => ({ status: 200, json: {} }));
    const { lines, logger } = recordingLogger();
    await fakeClient(api.baseUrl, { logger }).getThing('a');
    expect(lines).toEqual([]);
  });

  it('debug shows attempts and answers; info one line per call; nothing carries the credential', async () => {
    const api = await startApiServer((_r, i) => (i === 0 ? problem(500, 'internal_error', `echo ${TOKEN}`) : { status: 200, json: {}, headers: RATE }));
    const debug = recordingLogger();
    await fakeClient(api.baseUrl, { logger: debug.logger, logLevel: 'debug' }).getThing('a');
    expect(debug.lines.map((l) => l.replace(/\d+ ms/, 'N ms').replace(api.baseUrl, 'URL'))).toEqual([
      'debug [expys] → GET URL/v1/things/a (getThing, attempt 1)',
      'debug [expys] ← 500 GET URL/v1/things/a in N ms',
      'warn [expys] getThing attempt 1 failed, retrying: 500 internal_error: echo tok_test_[redacted] (requestId req_internalerror42)',
      'debug [expys] → GET URL/v1/things/a (getThing, attempt 2)',
      'debug [expys] ← 200 GET URL/v1/things/a in N ms (req_abc123)',
      'info [expys] getThing: 200 in N ms (req_abc123)',
    ]);
    const info = recordingLogger();
    await fakeClient(api.baseUrl, { logger: info.logger, logLevel: 'info' }).getThing('a');
    expect(info.lines).toHaveLength(1);
  });

  it('a failed call is one error line at "error"', async () => {
    const api = await startApiServer(() => problem(404, 'not_found', 'no such thing'));
    const { lines, logger } = recordingLogger();
    await fakeClient(api.baseUrl, { logger, logLevel: 'error' }).getThing('a').catch(() => undefined);
    expect(lines).toEqual(['error [expys] getThing failed: 404 not_found: no such thing (requestId req_notfound42)']);
  });

  it('an unknown logLevel is refused when the client is made', async () => {
    const api = await startApiServer();
    expect(() => fakeClient(api.baseUrl, { logLevel: 'verbose' as 'debug' })).toThrow(ExpysConfigError);
  });
});

describe('exact-credential redaction', () => {
  it('scrubs the credential the client actually sent, even where no prefix pattern matches it', async () => {
    // A credential source without the spec's prefixes: only exact-string redaction can find it.
    const secret = 'opaque-Secret-Value-0123456789';
    const api = await startApiServer(() => problem(500, 'internal_error', `proxy saw token=${secret};`, { 'request-id': 'req_x1' }));
    const { lines, logger } = recordingLogger();
    const error = await fakeClient(api.baseUrl, { credentials: { current: async () => secret }, maxRetries: 0, logger, logLevel: 'debug' })
      .getThing('a')
      .catch((e: Error) => e);
    expect(api.requests[0].headers.authorization).toBe(`Bearer ${secret}`);
    expect(error.message).toContain('token=[redacted];');
    expect(JSON.stringify({ message: error.message, lines })).not.toContain(secret);
  });
});

describe('production credentials over https only', () => {
  it('an http:// baseUrl for a live environment is refused before anything is sent', async () => {
    const api = await startApiServer();
    const error = (() => {
      try {
        fakeClient(api.baseUrl, { live: true });
      } catch (e) {
        return e as CredentialError;
      }
    })();
    expect(error).toBeInstanceOf(CredentialError);
    expect(error?.reason).toBe('insecure_transport');
    expect(error?.message).toContain('dangerouslyAllowInsecureHttp');
    expect(api.requests).toHaveLength(0);
  });

  it('is allowed explicitly (a local proxy), and test credentials may use http (the mock)', async () => {
    const api = await startApiServer(() => ({ status: 200, json: {} }));
    await fakeClient(api.baseUrl, { live: true, dangerouslyAllowInsecureHttp: true }).getThing('a');
    await fakeClient(api.baseUrl, { live: false }).getThing('a');
    expect(api.requests).toHaveLength(2);
  });
});

describe('review findings', () => {
  it('an async hook that rejects is reported, never an unhandled rejection', async () => {
    const api = await startApiServer(() => ({ status: 200, json: { id: 'a' } }));
    const { lines, logger } = recordingLogger();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const onResponse = async () => {
        throw new Error('async hook bug');
      };
      expect(await fakeClient(api.baseUrl, { hooks: { onResponse }, logger, logLevel: 'warn' }).getThing('a')).toEqual({ id: 'a' });
      await new Promise((r) => setTimeout(r, 20));
      expect(lines).toEqual(['warn [expys] the onResponse hook threw (ignored): async hook bug']);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('a hook reading the response body cannot break the call (the body is read first)', async () => {
    const api = await startApiServer(() => ({ status: 201, json: { id: 'new' } }));
    let seen: unknown;
    const onResponse = (e: ResponseEvent) => {
      seen = e.response.bodyUsed;
    };
    expect(await fakeClient(api.baseUrl, { hooks: { onResponse } }).createThing({ name: 'x' })).toEqual({ id: 'new' });
    expect(seen).toBe(true);
    expect(api.requests).toHaveLength(1);
  });

  it('an empty 200 body (no content-length) is no data, not a broken answer', async () => {
    const api = await startApiServer(() => ({ status: 200, headers: { 'transfer-encoding': 'chunked', 'content-type': 'application/json' }, body: '' }));
    expect(await fakeClient(api.baseUrl).createThing({ name: 'x' })).toBeUndefined();
    expect(api.requests).toHaveLength(1);
  });

  it("the caller's accept replaces ours; Content-Type and header values with line breaks are refused before sending", async () => {
    const api = await startApiServer(() => ({ status: 200, json: {} }));
    await fakeClient(api.baseUrl).getThing('a', { headers: { accept: 'application/json' } });
    expect(api.requests[0].headers.accept).toBe('application/json');
    for (const headers of [{ 'Content-Type': 'application/merge-patch+json' }, { 'X-Trace': 'a\r\nX-Injected: 1' }, { 'Bad Name': 'x' }]) {
      await expect(fakeClient(api.baseUrl).getThing('a', { headers })).rejects.toBeInstanceOf(ExpysConfigError);
    }
    await expect(fakeClient(api.baseUrl).createThing({ n: 1 }, { idempotencyKey: 'a\nb' })).rejects.toBeInstanceOf(ExpysConfigError);
    expect(api.requests).toHaveLength(1);
  });

  it('a body that is not JSON (a BigInt) is an ExpysConfigError, not a retried network failure', async () => {
    const api = await startApiServer();
    const error = await fakeClient(api.baseUrl).createThing({ amount: 10n }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpysConfigError);
    expect((error as Error).message).toContain('createThing: the body cannot be sent as JSON');
    expect(api.requests).toHaveLength(0);
  });

  it("ApiPromise's static methods work like Promise's", async () => {
    expect(await ApiPromise.resolve(3)).toBe(3);
    expect(await ApiPromise.all([ApiPromise.resolve(1), 2])).toEqual([1, 2]);
    await expect(ApiPromise.reject(new Error('x'))).rejects.toThrow('x');
  });
});

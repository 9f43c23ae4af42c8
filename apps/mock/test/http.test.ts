// HTTP behaviour around the contract: CORS, Prism's Prefer header and routing kept, and the
// lifecycle (the port really closed, start-up failures reported).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CREDENTIALS as C, startMock, type RunningMock } from '../src/index.js';
import { defaultBundleFile } from '../src/mock.js';
import { loadBundle } from '@expys/gateway-fastify';
import { call } from './support/http.js';

const doc = loadBundle(defaultBundleFile());
const listOffersExamples = doc.paths['/v1/offers'].get.responses['200'].content['application/json'].examples;

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(async () => {
  await mock?.stop();
});

const preflight = (path: string, origin: string, method = 'GET') =>
  call(mock.url, 'OPTIONS', path, {
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization, prefer' },
  });

describe('CORS', () => {
  it.each(['http://localhost:5173', 'http://127.0.0.1:8080', 'https://localhost:3000', 'http://[::1]:4200'])(
    'answers a preflight from %s itself, allowing the headers an app sends',
    async (origin) => {
      const answer = await preflight('/v1/offers', origin);
      expect(answer.status).toBe(204);
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      const allowed = answer.headers.get('access-control-allow-headers')!.toLowerCase().split(/,\s*/);
      expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type', 'idempotency-key', 'prefer', 'expys-client']));
      expect(answer.headers.get('access-control-allow-methods')).toContain('GET');
    },
  );

  it('allows the request headers the browser asks for (tracing, a client\'s own), and only header names', async () => {
    const answer = await call(mock.url, 'OPTIONS', '/v1/offers', {
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET', 'access-control-request-headers': 'traceparent, x-app-version, bad header' },
    });
    const allowed = answer.headers.get('access-control-allow-headers')!.toLowerCase().split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['traceparent', 'x-app-version', 'authorization']));
    expect(allowed).not.toContain('bad header');
  });

  it('allows configured origins, or every origin with *', async () => {
    const own = await startMock({ port: 0, cors: ['https://app.example.com'] });
    try {
      const listed = await call(own.url, 'GET', '/v1/offers', { credential: C.memberToken, headers: { origin: 'https://app.example.com' } });
      const local = await call(own.url, 'GET', '/v1/offers', { credential: C.memberToken, headers: { origin: 'http://localhost:3000' } });
      expect(listed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(local.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await own.stop();
    }
  });

  it('lists the methods the spec defines on the path', async () => {
    const answer = await preflight('/v1/members/user_123', 'http://localhost:3000', 'PUT');
    expect(answer.headers.get('access-control-allow-methods')!.split(/,\s*/).sort()).toEqual(['DELETE', 'GET', 'PUT']);
  });

  it.each(['https://app.example.com', 'http://localhost.evil.com', 'null'])('gives %s no CORS headers', async (origin) => {
    const pre = await preflight('/v1/offers', origin);
    const actual = await call(mock.url, 'GET', '/v1/offers', { credential: C.memberToken, headers: { origin } });
    expect(actual.status).toBe(200);
    for (const answer of [pre, actual]) {
      expect([...answer.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('puts CORS headers on Prism answers and on the gateway refusals, exposing the rate-limit headers and Retry-After', async () => {
    const origin = 'http://localhost:5173';
    const ok = await call(mock.url, 'GET', '/v1/offers', { credential: C.memberToken, headers: { origin } });
    const refused = await call(mock.url, 'GET', '/v1/offers', { credential: C.fullAccessKey, headers: { origin } });
    const invalid = await call(mock.url, 'GET', '/v1/offers?limit=1000', { credential: C.memberToken, headers: { origin } });
    expect([ok.status, refused.status, invalid.status]).toEqual([200, 403, 422]);
    for (const answer of [ok, refused, invalid]) {
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      expect(answer.headers.get('access-control-expose-headers')).toBe('Request-Id, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After, Allow');
      expect(Number(answer.headers.get('ratelimit-limit'))).toBeGreaterThan(0);
      expect(answer.headers.get('request-id')).toMatch(/^req_[A-Za-z0-9]{16}$/);
    }
    // A refusal's body names the same request as its header; every answer has its own id.
    expect(refused.json.requestId).toBe(refused.headers.get('request-id'));
    expect(invalid.json.requestId).toBe(invalid.headers.get('request-id'));
    expect(new Set([ok, refused, invalid].map((a) => a.headers.get('request-id'))).size).toBe(3);
    expect(invalid.json.errors).toEqual([{ path: '/query/limit', message: 'must be <= 100' }]);
  });
});

describe("Prism's behaviour is kept", () => {
  it('Prefer: code=404 picks the documented 404', async () => {
    const answer = await call(mock.url, 'GET', '/v1/offers/off_7Hq2LmN4pX9rT1vB', {
      credential: C.memberToken,
      headers: { prefer: 'code=404' },
    });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    // Which body: Prism 5.16 serves the Problem schema's own `examples[0]` before the response's
    // named examples, so add `example=NAME` to get a specific one (next test).
    expect(answer.json.requestId).toMatch(/^req_/);
  });

  it('Prefer: code=404 on a member operation names a member, on an offer an offer (each 404 its own first example)', async () => {
    const member = await call(mock.url, 'GET', '/v1/members/user_999', { credential: C.fullAccessKey, headers: { prefer: 'code=404' } });
    expect(member.status).toBe(404);
    expect(member.json.detail).toMatch(/^No member with externalUserID /);
    const offer = await call(mock.url, 'GET', '/v1/offers/off_7Hq2LmN4pX9rT1vB', { credential: C.memberToken, headers: { prefer: 'code=404' } });
    expect(offer.json.detail).toMatch(/^No offer with id /);
  });

  it('Prefer: code=404, example=NAME picks that documented body', async () => {
    const answer = await call(mock.url, 'GET', '/v1/offers/off_7Hq2LmN4pX9rT1vB', {
      credential: C.memberToken,
      headers: { prefer: 'code=404, example=resourceNotFound' },
    });
    expect(answer.status).toBe(404);
    expect(answer.json.code).toBe('not_found');
  });

  it('Prefer: code=403, example=NAME picks that documented example (the right credential passes the boundary)', async () => {
    const answer = await call(mock.url, 'GET', '/v1/offers', {
      credential: C.memberToken,
      headers: { prefer: 'code=403, example=secretKeyInApp' },
    });
    expect(answer.status).toBe(403);
    expect(answer.json.code).toBe('org_api_key_not_allowed');
  });

  it('Prefer: example=NAME picks a named 2xx example', async () => {
    const names = Object.keys(listOffersExamples);
    expect(names.length).toBeGreaterThan(1);
    for (const name of names) {
      const answer = await call(mock.url, 'GET', '/v1/offers', { credential: C.memberToken, headers: { prefer: `example=${name}` } });
      expect(answer.json).toEqual(listOffersExamples[name].value);
    }
  });

  it('answers a next-page request (it carries a cursor) with the last-page example, so iterating every page ends', async () => {
    const first = await call(mock.url, 'GET', '/v1/offers', { credential: C.memberToken });
    expect(first.json.hasMore).toBe(true);
    const next = await call(mock.url, 'GET', `/v1/offers?cursor=${first.json.nextCursor}`, { credential: C.memberToken });
    const lastPage = Object.values<any>(listOffersExamples).find((e) => e.value.hasMore === false).value;
    expect(next.json).toEqual(lastPage);
    // The caller's own Prefer still wins.
    const chosen = await call(mock.url, 'GET', `/v1/offers?cursor=${first.json.nextCursor}`, {
      credential: C.memberToken,
      headers: { prefer: `example=${Object.keys(listOffersExamples)[0]}` },
    });
    expect(chosen.json).toEqual(first.json);
  });

  it('Prefer: dynamic=true generates data on a static mock', async () => {
    const staticAnswer = await call(mock.url, 'GET', '/v1/wallet', { credential: C.memberToken });
    const dynamicAnswer = await call(mock.url, 'GET', '/v1/wallet', { credential: C.memberToken, headers: { prefer: 'dynamic=true' } });
    expect(dynamicAnswer.status).toBe(200);
    expect(dynamicAnswer.json).not.toEqual(staticAnswer.json);
    expect(Object.keys(dynamicAnswer.json).sort()).toEqual(Object.keys(staticAnswer.json).sort());
  });

  it('answers unknown paths (404), undecodable paths (400) and unknown methods on known paths (405 with Allow), after the credential check', async () => {
    for (const path of ['/v1/nothing-here', '//v1/offers', '/v1/wallet/']) {
      const unknownPath = await call(mock.url, 'GET', path, { credential: C.memberToken });
      expect({ path, status: unknownPath.status, code: unknownPath.json.code }).toEqual({ path, status: 404, code: 'not_found' });
    }
    for (const path of ['/v1/offers%2Foff_1', '/v1/%zz']) {
      const undecodable = await call(mock.url, 'GET', path, { credential: C.memberToken });
      expect({ path, status: undecodable.status, code: undecodable.json.code }).toEqual({ path, status: 400, code: 'bad_request' });
    }
    expect((await call(mock.url, 'PATCH', '/v1/offers')).json.code).toBe('unauthenticated');
    const unknownMethod = await call(mock.url, 'PATCH', '/v1/offers', { credential: C.memberToken });
    expect([unknownMethod.status, unknownMethod.json.code, unknownMethod.headers.get('allow')]).toEqual([405, 'method_not_allowed', 'GET']);
    // A path of the other mode: the documented 405 too (the spec's ErrorCode), its methods in Allow.
    const otherMode = await call(mock.url, 'PATCH', '/v1/webhooks', { credential: C.memberToken });
    expect([otherMode.status, otherMode.json.code, otherMode.headers.get('allow')]).toEqual([405, 'method_not_allowed', 'GET, POST']);
  });

  it('checks the credential on percent-encoded and empty-parameter paths exactly as on the plain path', async () => {
    const cases = [
      { path: '/v1/points/%63redit', method: 'POST', credential: C.memberToken, code: 'member_token_not_allowed' },
      { path: '/v1/analytics/%73ummary', method: 'GET', credential: C.memberToken, code: 'member_token_not_allowed' },
      { path: '/v1/%6fffers', method: 'GET', credential: C.fullAccessKey, code: 'org_api_key_not_allowed' },
      { path: '/v1/members/', method: 'GET', credential: C.memberToken, code: 'member_token_not_allowed' },
    ];
    for (const { path, method, credential, code } of cases) {
      const answer = await call(mock.url, method, path, { credential, body: method === 'POST' ? '{}' : undefined });
      expect({ path, status: answer.status, code: answer.json.code }).toEqual({ path, status: 403, code });
    }
  });

  it('validates headers too, naming the header', async () => {
    const answer = await call(mock.url, 'POST', '/v1/points/credit', {
      credential: C.fullAccessKey,
      headers: { 'content-type': 'application/json', 'idempotency-key': 'x'.repeat(256) },
      body: JSON.stringify({ amount: 500, externalUserID: 'user_123', reason: 'Welcome bonus' }),
    });
    expect(answer.status).toBe(422); // Idempotency-Key is 1–255 characters
    expect(answer.json.errors).toEqual([{ path: '/headers/Idempotency-Key', message: 'must NOT have more than 255 characters' }]);
  });

  it('answers a body that is not JSON with a 422 naming /body', async () => {
    const answer = await call(mock.url, 'POST', '/v1/points/credit', {
      credential: C.fullAccessKey,
      headers: { 'content-type': 'application/json' },
      body: '{"broken": ',
    });
    expect(answer.status).toBe(422);
    expect(answer.json.errors[0].path).toBe('/body');
    expect(answer.json.detail).toMatch(/not valid JSON/);
  });
});

describe('gateway answers', () => {
  it('406 when Accept excludes JSON; JSON otherwise', async () => {
    const html = await call(mock.url, 'GET', '/v1/wallet', { credential: C.memberToken, headers: { accept: 'text/html' } });
    expect([html.status, html.json.code]).toEqual([406, 'not_acceptable']);
    const any = await call(mock.url, 'GET', '/v1/wallet', { credential: C.memberToken, headers: { accept: 'text/html, */*;q=0.1' } });
    expect(any.status).toBe(200);
  });

  it('500 naming the reason when Prefer asks for an answer the operation does not document', async () => {
    const answer = await call(mock.url, 'GET', '/v1/wallet', { credential: C.memberToken, headers: { prefer: 'example=noSuchExample' } });
    expect([answer.status, answer.json.code]).toEqual([500, 'internal_error']);
    expect(answer.json.detail).toContain('noSuchExample');
  });

  it('counts requests per credential: RateLimit-Remaining goes down, then 429 with Retry-After; other credentials are unaffected', async () => {
    const own = await startMock({ port: 0, rateLimit: { limit: 3, windowMs: 60_000 } });
    try {
      const remaining: (string | null)[] = [];
      for (let i = 0; i < 3; i++) remaining.push((await call(own.url, 'GET', '/v1/wallet', { credential: C.memberToken })).headers.get('ratelimit-remaining'));
      expect(remaining).toEqual(['2', '1', '0']);
      const over = await call(own.url, 'GET', '/v1/wallet', { credential: C.memberToken });
      expect([over.status, over.json.code, over.headers.get('ratelimit-limit')]).toEqual([429, 'rate_limited', '3']);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      const other = await call(own.url, 'GET', '/v1/webhooks', { credential: C.fullAccessKey });
      expect(other.status).toBe(200);
    } finally {
      await own.stop();
    }
  });
});

describe('the rate limit, keyed on the parsed credential', () => {
  /** One request with this exact Authorization value (fetch would trim it): the status line's code. */
  const statusWith = (port: number, authorization: string) =>
    new Promise<number>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('error', reject);
      socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1])));
      socket.write(`GET /v1/wallet HTTP/1.1\r\nHost: mock\r\nAuthorization: ${authorization}\r\nConnection: close\r\n\r\n`);
    });

  it('gives a credential one budget however its header is spelled: after the 429 no spelling is served', async () => {
    const own = await startMock({ port: 0, rateLimit: { limit: 3, windowMs: 60_000 } });
    try {
      const token = C.memberToken;
      for (let i = 0; i < 3; i++) expect(await statusWith(own.port, `Bearer ${token}`)).toBe(200);
      expect(await statusWith(own.port, `Bearer ${token}`)).toBe(429);
      const spellings = [`bearer ${token}`, `BEARER ${token}`, `bEaReR ${token}`, `Bearer  ${token}`, `Bearer ${token}\t`, `Bearer ${token} `, `Bearer   ${token}\t `, ` Bearer ${token}`, `Bearer\t${token}`];
      const statuses = await Promise.all(spellings.map((spelling) => statusWith(own.port, spelling)));
      // Each is refused: 429 for the spellings that name the credential, 401 for those that do not parse.
      expect(statuses.filter((status) => status < 400)).toEqual([]);
      expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(7);
    } finally {
      await own.stop();
    }
  });
});

describe('the 401', () => {
  it('declares the Request-Id it carries, as every other answer does', async () => {
    expect(doc.components.responses.Unauthorized.headers?.['Request-Id']).toEqual({ $ref: '#/components/headers/RequestId' });
    const answer = await call(mock.url, 'GET', '/v1/wallet', {});
    expect(answer.status).toBe(401);
    expect(answer.headers.get('request-id')).toBe(answer.json.requestId);
  });
});

describe('rate limiting turned off (limit 0)', () => {
  it("still sends the RateLimit-* headers the spec requires, on answers and refusals alike, within the spec's bounds", async () => {
    const own = await startMock({ port: 0, rateLimit: { limit: 0, windowMs: 60_000 } });
    try {
      const answers = [
        await call(own.url, 'GET', '/v1/wallet', { credential: C.memberToken }),
        await call(own.url, 'GET', '/v1/wallet', { credential: C.fullAccessKey }),
        await call(own.url, 'GET', '/v1/offers?limit=0', { credential: C.memberToken }),
      ];
      expect(answers.map((a) => a.status)).toEqual([200, 403, 422]);
      for (const answer of answers) {
        expect(answer.headers.get('ratelimit-limit')).toBe('1000000');
        expect(answer.headers.get('ratelimit-remaining')).toBe('1000000');
        expect(Number(answer.headers.get('ratelimit-reset'))).toBe(60);
      }
    } finally {
      await own.stop();
    }
  });
});

describe('lifecycle', () => {
  it('stop() closes the port and every connection', async () => {
    const own = await startMock({ port: 0 });
    expect((await call(own.url, 'GET', '/v1/wallet', { credential: C.memberToken })).status).toBe(200);
    await own.stop();
    await expect(fetch(own.url)).rejects.toThrow();
    await own.stop(); // a second stop is harmless
  });

  it('refuses a public port that is taken, clearly', async () => {
    await expect(startMock({ port: mock.port })).rejects.toThrow(`port ${mock.port} on 127.0.0.1 is already in use`);
  });

  it('fails start-up with the reason when Prism cannot load the bundle', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'expys-mock-prism-'));
    try {
      // Our side reads it fine; Prism refuses a document without an `openapi` version.
      const specFile = path.join(work, 'not-openapi.json');
      writeFileSync(specFile, JSON.stringify({ ...doc, openapi: undefined }));
      await expect(startMock({ port: 0, specFile })).rejects.toThrow(/Prism cannot load .*not-openapi\.json: Unsupported document format/);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('keeps the public port free for the next start after stop()', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const first = await startMock({ port });
    await first.stop();
    const second = await startMock({ port });
    expect(second.url).toBe(`http://127.0.0.1:${port}`);
    await second.stop();
  });
});

// Hostile raw-socket requests against the real mock, as an attacker would send them on loopback:
// request smuggling through bodies on GET/DELETE, Content-Types that crashed Prism, charsets that
// hung it, slow bodies, floods, absolute-form request lines. Each must get a problem+json answer
// for that request alone; no server answer may reach a caller without the right credential; the
// mock must stay up and keep serving others. Bounded: every socket has a deadline.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CREDENTIALS as C, startMock, type RunningMock } from '../src/index.js';
import { call } from './support/http.js';

const LIMITS = { bodyTimeoutMs: 1000, headersTimeoutMs: 2000, maxConnections: 64, bodyBytesInFlight: 1024 * 1024 };

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, limits: LIMITS, rateLimit: { limit: 0, windowMs: 60_000 } });
});
afterAll(() => mock?.stop());

interface RawAnswer {
  /** Everything the server wrote before closing (or before the deadline). */
  text: string;
  statuses: number[];
  closed: boolean;
}

/** Writes `chunks` (with `gapMs` between them) to a fresh socket and collects what comes back. */
function raw(chunks: (string | Buffer)[], { deadlineMs = 3000, gapMs = 0 } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(mock.port, '127.0.0.1');
    let text = '';
    let closed = false;
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, statuses: [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1])), closed });
    };
    const timer = setTimeout(done, deadlineMs);
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('close', () => {
      closed = true;
      done();
    });
    socket.on('error', () => {});
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        if (socket.destroyed) return;
        socket.write(chunk);
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
      }
    });
  });
}

const member = `Authorization: Bearer ${C.memberToken}\r\n`;
const key = `Authorization: Bearer ${C.fullAccessKey}\r\n`;
const inner = (auth: string) => `GET /v1/webhooks HTTP/1.1\r\nHost: mock\r\n${auth}\r\n`;
const chunked = (body: string) => `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
/** Signs of a server answer: webhook endpoint ids, analytics figures. */
const SERVER_DATA = /we_[A-Za-z0-9]{6,}|memberCount|signingSecret/;

/** The mock still answers a plain request correctly. */
async function stillServing(): Promise<void> {
  const answer = await call(mock.url, 'GET', '/v1/wallet', { credential: C.memberToken });
  expect(answer.status).toBe(200);
}

describe('framing: a body where none is taken never becomes a second request', () => {
  const smuggled = [
    ['a member token', member],
    ['Bearer garbage', 'Authorization: Bearer garbage\r\n'],
    ['no credential', ''],
  ] as const;

  it.each(smuggled)('GET + chunked body hiding a request with %s', async (_, auth) => {
    const answer = await raw([`GET /v1/offers HTTP/1.1\r\nHost: mock\r\n${member}Transfer-Encoding: chunked\r\n\r\n${chunked(inner(auth))}`]);
    expect(answer.statuses).toEqual([400]);
    expect(answer.text).toContain('"code":"bad_request"');
    expect(answer.text).not.toMatch(SERVER_DATA);
    expect(answer.closed).toBe(true);
  });

  it.each(smuggled)('GET + Content-Length body hiding a request with %s', async (_, auth) => {
    const body = inner(auth);
    const answer = await raw([`GET /v1/offers HTTP/1.1\r\nHost: mock\r\n${member}Content-Length: ${body.length}\r\n\r\n${body}`]);
    expect(answer.statuses).toEqual([400]);
    expect(answer.text).not.toMatch(SERVER_DATA);
  });

  it('DELETE + body hiding a removeMember with a live key: one refusal, nothing deleted upstream', async () => {
    const hidden = `DELETE /v1/members/user_123 HTTP/1.1\r\nHost: mock\r\nAuthorization: Bearer ${C.liveKey}\r\n\r\n`;
    const answer = await raw([`DELETE /v1/webhooks/we_2Rk8Vn5TqL9wXm3P HTTP/1.1\r\nHost: mock\r\n${key}Transfer-Encoding: chunked\r\n\r\n${chunked(hidden)}`]);
    expect(answer.statuses).toEqual([400]);
    expect(answer.text).not.toContain('HTTP/1.1 204');
  });

  it('a smuggled request never answers the next caller: the next request on a new connection gets its own answer', async () => {
    await raw([`GET /v1/offers HTTP/1.1\r\nHost: mock\r\n${member}Transfer-Encoding: chunked\r\n\r\n${chunked(inner(key))}`]);
    const next = await raw([`GET /v1/wallet HTTP/1.1\r\nHost: mock\r\n${member}Connection: close\r\n\r\n`]);
    expect(next.statuses).toEqual([200]);
    expect(next.text).toContain('"balance"');
    expect(next.text).not.toMatch(SERVER_DATA);
  });

  it('Content-Length and Transfer-Encoding together are refused as malformed HTTP', async () => {
    const answer = await raw([`POST /v1/redemptions HTTP/1.1\r\nHost: mock\r\n${member}Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n${chunked(inner(key))}`]);
    expect(answer.statuses).toEqual([400]);
    expect(answer.text).toContain('application/problem+json');
    expect(answer.text).not.toMatch(SERVER_DATA);
  });

  it('an undefined method on a defined path is checked for credentials first, then 405', async () => {
    const anonymous = await raw([`PUT /v1/webhooks HTTP/1.1\r\nHost: mock\r\nConnection: close\r\n\r\n`]);
    expect(anonymous.statuses).toEqual([401]);
    // The other mode's credential gets the documented 405 too (it was 403), TRACE included.
    for (const method of ['PATCH', 'TRACE']) {
      const wrongMode = await raw([`${method} /v1/analytics/summary HTTP/1.1\r\nHost: mock\r\n${member}Connection: close\r\n\r\n`]);
      expect(wrongMode.statuses).toEqual([405]);
      expect(wrongMode.text).toMatch(/allow: GET/i);
      expect(wrongMode.text).toContain('"code":"method_not_allowed"');
    }
    const right = await raw([`PUT /v1/webhooks HTTP/1.1\r\nHost: mock\r\n${key}Connection: close\r\n\r\n`]);
    expect(right.statuses).toEqual([405]);
    expect(right.text).toMatch(/allow: GET, POST/i);
  });
});

describe('no single request stops the mock', () => {
  it.each(['x', ';', 'application/json, text/plain', '/', 'application/json; charset="', '\u00ff'])(
    'Content-Type %j on a GET without a body is ignored, on a GET with one refused, on a POST 415',
    async (contentType) => {
      const header = `Content-Type: ${contentType}\r\n`;
      const plain = await raw([`GET /v1/offers HTTP/1.1\r\nHost: mock\r\n${member}${header}Connection: close\r\n\r\n`]);
      expect(plain.statuses).toEqual([200]);
      const withBody = await raw([`GET /v1/offers HTTP/1.1\r\nHost: mock\r\n${member}${header}Content-Length: 2\r\nConnection: close\r\n\r\n{}`]);
      expect(withBody.statuses).toEqual([400]);
      const post = await raw([`POST /v1/redemptions HTTP/1.1\r\nHost: mock\r\n${member}${header}Content-Length: 2\r\nConnection: close\r\n\r\n{}`]);
      expect(post.statuses).toEqual([415]);
      expect(post.text).toContain('"code":"unsupported_media_type"');
      await stillServing();
    },
  );

  it('a JSON body in UTF-16LE is decoded and answered; an unknown charset gets 415; bytes that are not UTF-8 get 422', async () => {
    const body = Buffer.from(JSON.stringify({ offerId: 'off_7Hq2LmN4pX9rT1vB' }), 'utf16le');
    const utf16 = await raw([`POST /v1/redemptions HTTP/1.1\r\nHost: mock\r\n${member}Content-Type: application/json; charset=utf-16le\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`, body]);
    expect(utf16.statuses).toEqual([201]);
    const unknown = await raw([`POST /v1/redemptions HTTP/1.1\r\nHost: mock\r\n${member}Content-Type: application/json; charset=ebcdic\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`]);
    expect(unknown.statuses).toEqual([415]);
    const bad = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    const invalid = await raw([`POST /v1/redemptions HTTP/1.1\r\nHost: mock\r\n${member}Content-Type: application/json\r\nContent-Length: 4\r\nConnection: close\r\n\r\n`, bad]);
    expect(invalid.statuses).toEqual([422]);
    expect(invalid.text).toContain('"path":"/body"');
  });

  it('absolute-form request lines: an invalid host is a 400 problem, a foreign host is routed by path and still guarded', async () => {
    const invalid = await raw([`GET http://[::1/v1/offers HTTP/1.1\r\nHost: mock\r\n${member}Connection: close\r\n\r\n`]);
    expect(invalid.statuses).toEqual([400]);
    expect(invalid.text).toContain('application/problem+json');
    const foreign = await raw([`GET http://evil.example/v1/webhooks HTTP/1.1\r\nHost: evil.example\r\n${member}Connection: close\r\n\r\n`]);
    expect(foreign.statuses).toEqual([403]);
    expect(foreign.text).not.toMatch(SERVER_DATA);
    await stillServing();
  });

  it('a body over the limit is refused with 413 before it is read (declared) or as soon as it is over (chunked)', async () => {
    const declared = await raw([`POST /v1/redemptions HTTP/1.1\r\nHost: mock\r\n${member}Content-Type: application/json\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\n{`]);
    expect(declared.statuses).toEqual([413]);
    const big = `{"offerId":"${'a'.repeat(1024 * 1024 + 10)}"}`;
    const streamed = await raw([`POST /v1/redemptions HTTP/1.1\r\nHost: mock\r\n${member}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`, chunked(big)]);
    expect(streamed.statuses).toEqual([413]);
    expect(streamed.text).toContain('"code":"payload_too_large"');
  });
});

describe('hangs and starvation', () => {
  it('a body that stops arriving is answered 400 after the body time limit, and others are served meanwhile', async () => {
    const started = Date.now();
    const slow = raw([`POST /v1/redemptions HTTP/1.1\r\nHost: mock\r\n${member}Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"offerId"`], { deadlineMs: 4000 });
    await stillServing();
    const answer = await slow;
    expect(answer.statuses).toEqual([400]);
    expect(answer.text).toContain('did not arrive within 1 s');
    expect(Date.now() - started).toBeLessThan(3500);
  });

  it('64 slow bodies at once do not starve other callers', async () => {
    const slow = Array.from({ length: 40 }, () =>
      raw([`POST /v1/concierge HTTP/1.1\r\nHost: mock\r\n${member}Content-Type: application/json\r\nContent-Length: 50\r\n\r\n{"mes`], { deadlineMs: 4000 }),
    );
    const started = Date.now();
    await stillServing();
    expect(Date.now() - started).toBeLessThan(1000);
    const answers = await Promise.all(slow);
    // Each one got its own refusal (or was over the in-flight budget: 429), none hung.
    for (const answer of answers) expect([400, 429]).toContain(answer.statuses[0]);
  });

  it('bodies held in memory at once are capped: past the in-flight budget a request gets 429 Retry-After', async () => {
    const half = 600 * 1024;
    const holders = [0, 1].map(() =>
      raw([`POST /v1/concierge HTTP/1.1\r\nHost: mock\r\n${member}Content-Type: application/json\r\nContent-Length: ${half}\r\n\r\n{"message":"`], { deadlineMs: 3000 }),
    );
    await new Promise((r) => setTimeout(r, 200));
    const answers = await Promise.all(holders);
    expect(answers.map((a) => a.statuses[0]).sort()).toEqual([400, 429]);
    expect(answers.find((a) => a.statuses[0] === 429)!.text).toMatch(/retry-after: 1/i);
  });

  it('one address cannot take every connection: 25 other callers are served while 127.0.0.1 floods with 600 (default limits)', async () => {
    const own = await startMock({ port: 0, rateLimit: { limit: 0, windowMs: 60_000 } });
    const flood: net.Socket[] = [];
    try {
      // Slow connections from one address: each sends half a request line and waits.
      await Promise.all(
        Array.from({ length: 600 }, () => new Promise<void>((resolve) => {
          const s = net.connect({ port: own.port, host: '127.0.0.1', localAddress: '127.0.0.1' }, () => {
            s.write('GET /v1/wallet HTTP/1.1\r\nHost: mo');
            resolve();
          });
          s.on('error', () => resolve());
          s.resume();
          flood.push(s);
        })),
      );
      expect(await own.connections()).toBeLessThanOrEqual(256);
      // Other clients: other loopback addresses (127.0.0.2 … 127.0.0.26), one request each.
      const others = await Promise.all(
        Array.from({ length: 25 }, (_, i) => new Promise<number>((resolve) => {
          const s = net.connect({ port: own.port, host: '127.0.0.1', localAddress: `127.0.0.${i + 2}` }, () => {
            s.write(`GET /v1/wallet HTTP/1.1\r\nHost: mock\r\nAuthorization: Bearer ${C.memberToken}\r\nConnection: close\r\n\r\n`);
          });
          let text = '';
          s.on('data', (chunk) => (text += chunk));
          s.on('error', () => resolve(0));
          s.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0)));
          s.setTimeout(5000, () => s.destroy());
        })),
      );
      expect(others).toEqual(Array(25).fill(200));
    } finally {
      for (const s of flood) s.destroy();
      await own.stop();
    }
  }, 20_000);

  it('once the server is half full, idle keep-alive connections of an address over its budget of 32 are closed, longest-idle first', async () => {
    const own = await startMock({ port: 0, rateLimit: { limit: 0, windowMs: 60_000 }, limits: { maxConnections: 96 } });
    const sockets: net.Socket[] = [];
    try {
      // 60 keep-alive connections from one address, one valid request each, all kept open by the client.
      await Promise.all(
        Array.from({ length: 60 }, () => new Promise<void>((resolve) => {
          const s = net.connect({ port: own.port, host: '127.0.0.1' }, () => {
            s.write(`GET /v1/wallet HTTP/1.1\r\nHost: mock\r\nAuthorization: Bearer ${C.memberToken}\r\n\r\n`);
          });
          s.on('data', () => resolve());
          s.on('error', () => resolve());
          sockets.push(s);
        })),
      );
      await new Promise((r) => setTimeout(r, 300));
      const open = sockets.filter((s) => !s.destroyed && !s.readableEnded).length;
      // Trimmed back to half full (48 of 96): the address's idle connections went first.
      expect(open).toBeLessThanOrEqual(48);
      expect(await own.connections()).toBeLessThanOrEqual(48);
    } finally {
      for (const s of sockets) s.destroy();
      await own.stop();
    }
  }, 20_000);

  it('a connection flood is capped and idle connections are closed; the mock serves again afterwards', async () => {
    const sockets = await Promise.all(
      Array.from({ length: 100 }, () => new Promise<net.Socket>((resolve) => {
        const s = net.connect(mock.port, '127.0.0.1', () => resolve(s));
        s.on('error', () => resolve(s));
        s.resume(); // read, so a close by the server is seen
      })),
    );
    expect(await mock.connections()).toBeLessThanOrEqual(LIMITS.maxConnections);
    const closedByServer = await new Promise<number>((resolve) => {
      setTimeout(() => resolve(sockets.filter((s) => s.destroyed || s.readableEnded || s.closed).length), LIMITS.headersTimeoutMs + 1500);
    });
    expect(closedByServer).toBe(100);
    for (const s of sockets) s.destroy();
    await stillServing();
  }, 10_000);
});

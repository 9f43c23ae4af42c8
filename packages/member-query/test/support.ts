// The real mock (gateway + Prism, in-process, on 127.0.0.1 and a free port), a member client
// pointed at it, and a slow server in front of it for cancellation. Credentials come from the
// mock's own SAMPLE_CREDENTIALS, never from literals here.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { initialize, type MemberClientOptions } from '@expys/member-client';
import { SAMPLE_CREDENTIALS, startMock, type RequestLogEntry, type RunningMock } from '@expys/mock';
import { QueryClient, type QueryObserverResult } from '@tanstack/query-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export { SAMPLE_CREDENTIALS };

export interface MockHandle {
  readonly url: string;
  /** Every request the mock answered since the current test started. */
  readonly log: RequestLogEntry[];
}

/** Starts the mock before the file's tests and stops it after; the log is emptied per test. */
export function useMock(): MockHandle {
  let mock: RunningMock | undefined;
  const log: RequestLogEntry[] = [];
  beforeAll(async () => {
    mock = await startMock({ port: 0, onRequest: (entry) => log.push(entry) });
  }, 60_000);
  afterAll(() => mock?.stop());
  beforeEach(() => {
    log.length = 0;
  });
  return {
    get url() {
      if (!mock) throw new Error('the mock is not running');
      return mock.url;
    },
    log,
  };
}

/** A member client on the mock's sample token, with millisecond backoff so retried tests stay quick. */
export function memberClient(baseUrl: string, options: Partial<MemberClientOptions> = {}) {
  return initialize({
    environment: 'sandbox',
    baseUrl,
    token: SAMPLE_CREDENTIALS.memberToken,
    retryDelays: { initialDelayMs: 1, maxDelayMs: 4 },
    ...options,
  });
}

/** A QueryClient whose retries (if any were allowed) would run at once: counts stay honest and quick. */
export function queryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retryDelay: 1, gcTime: Infinity } } });
}

/** Every fetch the client makes, with its headers and body, passed on to the real fetch. */
export function recordingFetch() {
  const calls: { method: string; url: string; headers: Headers; body: string | undefined }[] = [];
  const fetchAndRecord: typeof fetch = (input, init) => {
    calls.push({
      method: init?.method ?? 'GET',
      url: String(input),
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : undefined,
    });
    return globalThis.fetch(input, init);
  };
  return { calls, fetch: fetchAndRecord };
}

/** Resolves with the first result of an observer that passes `done` (rejects after `ms`). */
export function resultWhere<R extends { subscribe(listener: (result: never) => void): () => void; getCurrentResult(): unknown }>(
  observer: R,
  done: (result: QueryObserverResult<any, any>) => boolean,
  ms = 10_000,
): Promise<QueryObserverResult<any, any>> {
  return new Promise((resolve, reject) => {
    const current = observer.getCurrentResult() as QueryObserverResult<any, any>;
    if (done(current)) return resolve(current);
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no matching result within ${ms} ms (last: ${JSON.stringify((observer.getCurrentResult() as QueryObserverResult).status)})`));
    }, ms);
    const unsubscribe = observer.subscribe(((result: QueryObserverResult<any, any>) => {
      if (!done(result)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(result);
    }) as never);
  });
}

export interface SlowServer {
  url: string;
  /** Requests that arrived. */
  received: string[];
  /** Requests whose client hung up before the answer: the abort reached the network. */
  aborted: string[];
  /** Resolves when `n` requests have arrived. */
  arrivals(n: number): Promise<void>;
  /** Resolves when `n` requests have been aborted by the client. */
  aborts(n: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A server in front of the mock that holds each request for `delayMs` before forwarding it:
 * long enough for a test to cancel the query while the HTTP request is open.
 */
export async function startSlowServer(upstream: string, delayMs = 5_000): Promise<SlowServer> {
  const received: string[] = [];
  const aborted: string[] = [];
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((wake) => wake());
  const until = (test: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the slow server did not see it in time')), 10_000);
      const check = () => (test() ? (clearTimeout(timer), resolve()) : waiters.push(check));
      check();
    });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    received.push(url);
    notify();
    const timer = setTimeout(async () => {
      try {
        const answer = await fetch(`${upstream}${url}`, { method: req.method, headers: { authorization: req.headers.authorization ?? '' } });
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(await answer.text());
      } catch {
        res.destroy();
      }
    }, delayMs);
    res.on('close', () => {
      clearTimeout(timer);
      if (!res.writableEnded) {
        aborted.push(url);
        notify();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    aborted,
    arrivals: (n) => until(() => received.length >= n),
    aborts: (n) => until(() => aborted.length >= n),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

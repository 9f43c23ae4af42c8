// What a client tells you while it works: hooks you pass (`onRequest`, `onResponse`, `onError`)
// and log lines at the level you choose. Everything handed out is redacted first, so a hook or a
// log sink never holds a credential: the Authorization header is shown as `Bearer [redacted]` (`Basic [redacted]`).
import { ExpysConfigError, type ExpysError } from './errors.js';
import type { Redact } from './redact.js';
import type { HttpMethod } from './types.js';

export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** Any object with these methods: `console`, pino, winston… */
export interface Logger {
  error(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  debug(message: string, ...rest: unknown[]): void;
}

export interface RequestEvent {
  operationId: string;
  method: HttpMethod;
  /** The full URL, query included. */
  url: string;
  /** 1 for the first attempt, 2 for the first retry… */
  attempt: number;
  /** The headers sent (lower-case names), Authorization redacted. */
  headers: Record<string, string>;
}

export interface ResponseEvent extends RequestEvent {
  status: number;
  requestId: string | undefined;
  durationMs: number;
  /** The response, its body already read by the client (headers and status are what to use). */
  response: Response;
}

export interface ErrorEvent {
  operationId: string;
  method: HttpMethod;
  /** What the call rejects with (or, when `willRetry`, what this attempt failed with). */
  error: ExpysError;
  attempt: number;
  /** True when the client retries after this failure. */
  willRetry: boolean;
}

export interface Hooks {
  /** Before each attempt is sent. */
  onRequest?: ((event: RequestEvent) => void) | undefined;
  /** After each HTTP answer, successful or not, once its body is read. */
  onResponse?: ((event: ResponseEvent) => void) | undefined;
  /** After each failed attempt (`willRetry`) and once when the call fails. */
  onError?: ((event: ErrorEvent) => void) | undefined;
}

const LEVELS: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

export interface Observer {
  request(event: RequestEvent): void;
  response(event: ResponseEvent): void;
  error(event: ErrorEvent): void;
}

export function checkedLogLevel(level: unknown): LogLevel {
  if (typeof level !== 'string' || !Object.hasOwn(LEVELS, level)) {
    throw new ExpysConfigError(`logLevel must be one of ${Object.keys(LEVELS).join(', ')} (got ${String(level)}).`);
  }
  return level as LogLevel;
}

/**
 * Hooks and logs for one client. A hook that throws does not break the call (it is reported
 * through the logger at `warn`): observing a request must not change its outcome.
 */
export function createObserver(hooks: Hooks, logger: Logger, level: LogLevel, redact: Redact): Observer | undefined {
  const threshold = LEVELS[level];
  if (!hooks.onRequest && !hooks.onResponse && !hooks.onError && threshold === 0) return undefined;
  const log = (at: Exclude<LogLevel, 'off'>, message: string) => {
    if (LEVELS[at] <= threshold) logger[at](redact(`[expys] ${message}`));
  };
  const safely = <E>(name: keyof Hooks, hook: ((event: E) => void) | undefined, event: E) => {
    if (!hook) return;
    const report = (error: unknown) => log('warn', `the ${name} hook threw (ignored): ${(error as Error)?.message ?? String(error)}`);
    try {
      // An async hook's rejection is caught too: unhandled, it would end a Node process.
      const result: unknown = hook(event);
      if (result && typeof (result as PromiseLike<unknown>).then === 'function') (result as Promise<unknown>).then(undefined, report);
    } catch (error) {
      report(error);
    }
  };
  const where = (e: { method: string; url: string }) => `${e.method} ${redact(e.url)}`;
  return {
    request(event) {
      const shown = { ...event, url: redact(event.url), headers: redactHeaders(event.headers, redact) };
      log('debug', `→ ${where(shown)} (${event.operationId}, attempt ${event.attempt})`);
      safely('onRequest', hooks.onRequest, shown);
    },
    response(event) {
      const shown = { ...event, url: redact(event.url), headers: redactHeaders(event.headers, redact) };
      log('debug', `← ${event.status} ${where(shown)} in ${Math.round(event.durationMs)} ms${event.requestId ? ` (${event.requestId})` : ''}`);
      if (event.status < 400) log('info', `${event.operationId}: ${event.status} in ${Math.round(event.durationMs)} ms${event.requestId ? ` (${event.requestId})` : ''}`);
      safely('onResponse', hooks.onResponse, shown);
    },
    error(event) {
      if (event.willRetry) log('warn', `${event.operationId} attempt ${event.attempt} failed, retrying: ${event.error.message}`);
      else log('error', `${event.operationId} failed: ${event.error.message}`);
      safely('onError', hooks.onError, event);
    },
  };
}

function redactHeaders(headers: Record<string, string>, redact: Redact): Record<string, string> {
  // Lower-case names, as `Headers` gives them, whatever case the caller used.
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), name.toLowerCase() === 'authorization' ? `${/^Basic\b/i.test(value) ? 'Basic' : 'Bearer'} [redacted]` : redact(value)]),
  );
}

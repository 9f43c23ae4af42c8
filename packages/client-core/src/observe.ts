// What a client tells you while it works: hooks you pass (`onRequest`, `onResponse`, `onError`)
// and log lines at the level you choose. Everything handed out is redacted first, so a hook or a
// log sink never holds a credential: the Authorization header is shown as `Bearer [redacted]` (`Basic [redacted]`).
import { ExpysConfigError, type ExpysError } from './errors.js';
import type { Redact } from './redact.js';
import type { HttpMethod } from './types.js';

// Long texts and programming-mistake checks in development builds only: bundlers replace
// process.env.NODE_ENV in an app's production build and drop what it guards.
declare const process: { env: { NODE_ENV?: string } };

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


const LEVELS: readonly LogLevel[] = ['off', 'error', 'warn', 'info', 'debug'];

export interface Observer {
  request(event: RequestEvent): void;
  response(event: ResponseEvent): void;
  error(event: ErrorEvent): void;
}

/** The log level; an unknown one is refused in development builds. */
export function checkedLogLevel(level: unknown): LogLevel {
  if (process.env.NODE_ENV !== 'production' && !LEVELS.includes(level as LogLevel)) {
    throw new ExpysConfigError(`logLevel must be one of ${LEVELS.join(', ')} (got ${String(level)}).`);
  }
  return level as LogLevel;
}

/** Lower-case names, as `Headers` gives them; Authorization shown as its scheme only. */
const shownHeaders = (headers: Record<string, string>, redact: Redact) => {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    shown[lower] = lower === 'authorization' ? `${/^Basic\b/i.test(value) ? 'Basic' : 'Bearer'} [redacted]` : redact(value);
  }
  return shown;
};

/**
 * Hooks and logs for one client. A hook that throws does not break the call (it is reported
 * through the logger at `warn`): observing a request must not change its outcome.
 */
export function createObserver(hooks: Hooks, logger: Logger, level: LogLevel, redact: Redact): Observer | undefined {
  const threshold = LEVELS.indexOf(level);
  if (!hooks.onRequest && !hooks.onResponse && !hooks.onError && !threshold) return undefined;
  const log = (at: Exclude<LogLevel, 'off'>, message: string) => {
    if (LEVELS.indexOf(at) <= threshold) logger[at](redact(`[expys] ${message}`));
  };
  const safely = (name: keyof Hooks, event: RequestEvent | ResponseEvent | ErrorEvent) => {
    const report = (error: unknown) => log('warn', `the ${name} hook threw (ignored): ${(error as Error)?.message ?? String(error)}`);
    try {
      const result = (hooks[name] as ((e: typeof event) => unknown) | undefined)?.(event);
      if (result && typeof (result as PromiseLike<unknown>).then === 'function') (result as Promise<unknown>).then(undefined, report);
    } catch (error) {
      report(error);
    }
  };
  const shown = <E extends RequestEvent>(event: E): E => ({ ...event, url: redact(event.url), headers: shownHeaders(event.headers, redact) });
  const line = (e: RequestEvent) => `${e.method} ${redact(e.url)}`;
  const timing = (e: ResponseEvent) => ` in ${Math.round(e.durationMs)} ms${e.requestId ? ` (${e.requestId})` : ''}`;
  return {
    request(event) {
      log('debug', `→ ${line(event)} (${event.operationId}, attempt ${event.attempt})`);
      safely('onRequest', shown(event));
    },
    response(event) {
      log('debug', `← ${event.status} ${line(event)}${timing(event)}`);
      if (event.status < 400) log('info', `${event.operationId}: ${event.status}${timing(event)}`);
      safely('onResponse', shown(event));
    },
    error(event) {
      log(event.willRetry ? 'warn' : 'error', `${event.operationId} ${event.willRetry ? `attempt ${event.attempt} failed, retrying` : 'failed'}: ${event.error.message}`);
      safely('onError', event);
    },
  };
}

// When to retry and how long to wait. Pure functions, so the policy is tested without a clock.
import { ExpysConfigError } from './errors.js';
import type { HttpMethod, RetryDelays } from './types.js';

// Long texts and programming-mistake checks in development builds only: bundlers replace
// process.env.NODE_ENV in an app's production build and drop what it guards.
declare const process: { env: { NODE_ENV?: string } };

export const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_DELAYS: Required<RetryDelays> = { initialDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };

/** setTimeout's ceiling: a longer delay would fire at once, turning a long wait into none. */
export const MAX_DELAY_MS = 2_147_483_647;

export function retryDelaysWithDefaults(delays: RetryDelays = {}): Required<RetryDelays> {
  const merged = { ...DEFAULT_DELAYS } as Record<string, number>;
  for (const [name, value] of Object.entries(delays)) {
    if (value === undefined) continue;
    // A programming mistake: refused in development builds.
    if (process.env.NODE_ENV !== 'production' && !(typeof value === 'number' && value >= 0)) throw new ExpysConfigError(`retryDelays.${name} must be a number of milliseconds ≥ 0 (got ${String(value)}).`);
    merged[name] = value;
  }
  return merged as Required<RetryDelays>;
}

/** 408 timeout, 409 conflict (e.g. the same idempotency key still in flight), 429, 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * A request may be repeated only if repeating it cannot do the action twice: methods that are
 * idempotent by HTTP semantics, or a request carrying an Idempotency-Key the API deduplicates on.
 * A POST without a key is never retried.
 */
export function isSafeToRepeat(method: HttpMethod, hasIdempotencyKey: boolean): boolean {
  return hasIdempotencyKey || !(method === 'POST' || method === 'PATCH');
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with jitter ("equal jitter": half fixed, half random), capped. */
export function backoffDelay(retry: number, delays: Required<RetryDelays>, random = Math.random): number {
  const exponential = Math.min(delays.maxDelayMs, delays.initialDelayMs * 2 ** retry);
  return exponential / 2 + random() * (exponential / 2);
}

/** The wait before retry number `retry` (0-based): the server's Retry-After wins, capped. */
export function retryDelay(retry: number, retryAfterMs: number | undefined, delays: Required<RetryDelays>): number {
  const wait = retryAfterMs !== undefined ? Math.min(retryAfterMs, delays.maxRetryAfterMs) : backoffDelay(retry, delays);
  return Math.min(wait, MAX_DELAY_MS);
}

/** setTimeout as a promise that an AbortSignal cuts short. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

import type { HttpMethod, RetryDelays } from './types.js';
export declare const DEFAULT_MAX_RETRIES = 2;
/** setTimeout's ceiling: a longer delay would fire at once, turning a long wait into none. */
export declare const MAX_DELAY_MS = 2147483647;
export declare function retryDelaysWithDefaults(delays?: RetryDelays): Required<RetryDelays>;
/** 408 timeout, 409 conflict (e.g. the same idempotency key still in flight), 429, 5xx. */
export declare function isRetryableStatus(status: number): boolean;
/**
 * A request may be repeated only if repeating it cannot do the action twice: methods that are
 * idempotent by HTTP semantics, or a request carrying an Idempotency-Key the API deduplicates on.
 * A POST without a key is never retried.
 */
export declare function isSafeToRepeat(method: HttpMethod, hasIdempotencyKey: boolean): boolean;
/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. Undefined when absent or unreadable. */
export declare function parseRetryAfter(value: string | null, now?: number): number | undefined;
/** Exponential backoff with jitter ("equal jitter": half fixed, half random), capped. */
export declare function backoffDelay(retry: number, delays: Required<RetryDelays>, random?: () => number): number;
/** The wait before retry number `retry` (0-based): the server's Retry-After wins, capped. */
export declare function retryDelay(retry: number, retryAfterMs: number | undefined, delays: Required<RetryDelays>): number;
/** setTimeout as a promise that an AbortSignal cuts short. */
export declare function sleep(ms: number, signal?: AbortSignal): Promise<void>;

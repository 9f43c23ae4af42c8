import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryableStatus, isSafeToRepeat, parseRetryAfter, retryDelay } from '../src/index.js';

const delays = { initialDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('30')).toBe(30_000);
    expect(parseRetryAfter(' 0 ')).toBe(0);
  });
  it('reads an HTTP date relative to now, never negative', () => {
    const now = Date.parse('2026-03-14T09:00:00Z');
    expect(parseRetryAfter('Sat, 14 Mar 2026 09:00:12 GMT', now)).toBe(12_000);
    expect(parseRetryAfter('Sat, 14 Mar 2026 08:59:00 GMT', now)).toBe(0);
  });
  it('ignores a missing or unreadable value', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('backoff', () => {
  it('doubles per retry, with jitter between half and all of it', () => {
    expect(backoffDelay(0, delays, () => 0)).toBe(50);
    expect(backoffDelay(0, delays, () => 1)).toBe(100);
    expect(backoffDelay(2, delays, () => 1)).toBe(400);
  });
  it('is capped at maxDelayMs', () => {
    expect(backoffDelay(10, delays, () => 1)).toBe(1000);
  });
  it('lets Retry-After win, capped at maxRetryAfterMs', () => {
    expect(retryDelay(0, 2000, delays)).toBe(2000);
    expect(retryDelay(0, 60_000, delays)).toBe(5000);
  });
});

describe('what may be retried', () => {
  it('retries 408, 409, 429 and 5xx only', () => {
    expect([400, 401, 403, 404, 408, 409, 422, 429, 500, 503].filter(isRetryableStatus)).toEqual([408, 409, 429, 500, 503]);
  });
  it('repeats a POST only with an idempotency key', () => {
    expect(isSafeToRepeat('POST', false)).toBe(false);
    expect(isSafeToRepeat('POST', true)).toBe(true);
    expect(isSafeToRepeat('PATCH', false)).toBe(false);
    expect(['GET', 'PUT', 'DELETE'].every((m) => isSafeToRepeat(m as 'GET', false))).toBe(true);
  });
});

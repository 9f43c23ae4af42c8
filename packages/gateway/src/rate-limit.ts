// Per-credential rate limits in fixed windows, as the spec documents them: every answer carries
// RateLimit-Limit / -Remaining / -Reset, and a caller over the limit gets 429 with Retry-After.
// Memory is bounded: windows are dropped when they end, and at most `maxTracked` are kept.

export interface RateLimitOptions {
  /** Requests per credential per window; 0 turns limiting off (the headers then report 1,000,000, never spent). */
  limit: number;
  windowMs: number;
  maxTracked?: number;
}

/** 6,000 requests a minute per credential: far above what a developer or a test suite sends. */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 6000, windowMs: 60_000 };

/** The largest RateLimit-Limit the spec allows (its header schemas' maximum): what "no limit" reports. */
export const UNLIMITED = '1000000';

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

export class RateLimiter {
  readonly #windows = new Map<string, { started: number; count: number }>();
  readonly #maxTracked: number;

  constructor(
    readonly options: RateLimitOptions,
    readonly now: () => number = Date.now,
  ) {
    this.#maxTracked = options.maxTracked ?? 10_000;
  }

  get enabled(): boolean {
    return this.options.limit > 0;
  }

  /** Counts one request for `key` (a credential) and says whether it may go on. */
  take(key: string): RateDecision {
    const { limit, windowMs } = this.options;
    // Off: the spec still requires the headers on every answer; they report its ceiling, unspent.
    if (!this.enabled) return { allowed: true, headers: { 'ratelimit-limit': UNLIMITED, 'ratelimit-remaining': UNLIMITED, 'ratelimit-reset': String(Math.max(1, Math.ceil(windowMs / 1000))) } };
    const now = this.now();
    let window = this.#windows.get(key);
    if (!window || now - window.started >= windowMs) {
      if (!window && this.#windows.size >= this.#maxTracked) this.#evict(now);
      window = { started: now, count: 0 };
      this.#windows.set(key, window);
    }
    const resetSeconds = Math.max(1, Math.ceil((window.started + windowMs - now) / 1000));
    const allowed = window.count < limit;
    if (allowed) window.count++;
    const headers: Record<string, string> = {
      'ratelimit-limit': String(limit),
      'ratelimit-remaining': String(Math.max(0, limit - window.count)),
      'ratelimit-reset': String(resetSeconds),
    };
    if (!allowed) headers['retry-after'] = String(resetSeconds);
    return { allowed, headers };
  }

  #evict(now: number): void {
    for (const [key, window] of this.#windows) if (now - window.started >= this.options.windowMs) this.#windows.delete(key);
    // Still full: drop the oldest windows (Map keeps insertion order).
    for (const key of this.#windows.keys()) {
      if (this.#windows.size < this.#maxTracked) break;
      this.#windows.delete(key);
    }
  }
}

// The sandbox's clock: real time plus an offset that only moves forward (a test clock, as
// Stripe's). Advancing it expires member tokens, makes webhook retries due and moves the
// analytics' "today", without waiting. The offset is stored, so it survives a restart.
import type { Queryable } from '../db/database.js';

export class Clock {
  private offsetMs = 0;

  constructor(private readonly db: Queryable) {}

  /**
   * Reads the stored offset. Never moves the clock back: of two reads overlapping an advance
   * (made here or by another process on the same database), the later value wins.
   */
  async load(): Promise<void> {
    const [row] = await this.db.query<{ offset_ms: number }>('SELECT offset_ms FROM sandbox_clock WHERE id = 1');
    this.offsetMs = Math.max(this.offsetMs, Number(row?.offset_ms ?? 0));
  }

  /** An offset read from the database by someone else (never moves the clock back). */
  observe(offsetMs: number): void {
    this.offsetMs = Math.max(this.offsetMs, offsetMs);
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** Moves the clock forward by `ms` (never back: tokens and deliveries only move one way). */
  async advance(ms: number): Promise<Date> {
    if (!Number.isSafeInteger(ms) || ms <= 0) throw new RangeError('The clock only moves forward: give a positive whole number of milliseconds.');
    // Capped, so the clock can never reach dates the API cannot write (and cannot be undone).
    const [row] = await this.db.query<{ offset_ms: number }>('UPDATE sandbox_clock SET offset_ms = offset_ms + $1 WHERE id = 1 AND offset_ms + $1 <= $2 RETURNING offset_ms', [ms, MAX_OFFSET_MS]);
    if (!row) throw new RangeError(`The sandbox clock can run at most ${MAX_OFFSET_MS / YEAR_MS} years ahead of real time; reset it by recreating the sandbox's data.`);
    this.offsetMs = Number(row.offset_ms);
    return this.now();
  }
}

const YEAR_MS = 365 * 86_400_000;
export const MAX_OFFSET_MS = 100 * YEAR_MS;

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "90s", "16m", "2h", "3d" (or a bare number of seconds) → milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) throw new RangeError(`"${text}" is not a duration: use a number with ms, s, m, h or d (e.g. 16m).`);
  return Number(match[1]) * UNITS[match[2] ?? 's'];
}

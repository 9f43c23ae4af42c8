// Request ids: `req_` + 16 base62 characters, drawn from a pool of random bytes without bias.
import { describe, expect, it } from 'vitest';
import { newRequestId } from '../src/problems.js';

describe('newRequestId', () => {
  it('is req_ + 16 base62 characters, never repeated across many pool refills', () => {
    const ids = Array.from({ length: 50_000 }, () => newRequestId());
    for (const id of ids.slice(0, 100)) expect(id).toMatch(/^req_[A-Za-z0-9]{16}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses every base62 character about equally (bytes of 248 and above are drawn again)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 50_000; i++) for (const c of newRequestId().slice(4)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    const expected = (50_000 * 16) / 62;
    // A modulo bias (256 % 62 = 8 characters 25% likelier) would put some counts ~25% above the rest.
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.05);
  });
});

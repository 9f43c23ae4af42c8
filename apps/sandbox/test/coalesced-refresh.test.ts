// The read of what other processes changed (tenant.ts's coalesced): shared by the requests that
// arrive while one is in flight, yet every caller sees a read that started after it called, so a
// change committed before a request arrived always counts for it.
import { describe, expect, it } from 'vitest';
import { coalesced } from '../src/tenancy/tenant.js';

/** A read of `state.value` as the database would serve it: the value when the read starts, answered when the test says. */
function controlledRead(state: { value: number }) {
  const pending: Array<() => void> = [];
  let started = 0;
  const read = () => {
    started++;
    const seen = state.value;
    return new Promise<number>((resolve) => pending.push(() => resolve(seen)));
  };
  return {
    read,
    started: () => started,
    /** Answers the oldest read in flight, then lets the callers' continuations run. */
    async answer() {
      pending.shift()!();
      for (let i = 0; i < 10; i++) await Promise.resolve();
    },
  };
}

describe('coalesced shared-state reads', () => {
  it('serves the callers that arrive during a read with one more read, not one each', async () => {
    const db = controlledRead({ value: 1 });
    const refresh = coalesced(db.read);
    const first = refresh();
    const during = Array.from({ length: 50 }, () => refresh());
    expect(db.started()).toBe(1);
    await db.answer();
    expect(await first).toBe(1);
    // The 50 share the read that started when the first ended.
    expect(db.started()).toBe(2);
    await db.answer();
    expect(await Promise.all(during)).toEqual(Array(50).fill(1));
    expect(db.started()).toBe(2);
  });

  it('never answers a caller with a read that started before it called', async () => {
    const state = { value: 1 };
    const db = controlledRead(state);
    const refresh = coalesced(db.read);
    const early = refresh(); // its read sees 1
    state.value = 2; // e.g. another process revokes a key and commits
    const late = refresh(); // arrives after the change: must see 2, not the read in flight
    await db.answer();
    expect(await early).toBe(1);
    await db.answer();
    expect(await late).toBe(2);
  });

  it('starts afresh when idle, and a failed read fails only its own callers', async () => {
    let calls = 0;
    const refresh = coalesced(async () => {
      calls++;
      if (calls === 1) throw new Error('connection lost');
      return calls;
    });
    await expect(refresh()).rejects.toThrow('connection lost');
    expect(await refresh()).toBe(2);
    expect(await refresh()).toBe(3);
  });

  it('a caller arriving while the next read is already queued joins it', async () => {
    const state = { value: 1 };
    const db = controlledRead(state);
    const refresh = coalesced(db.read);
    void refresh();
    const second = refresh();
    state.value = 5;
    const third = refresh(); // queued behind the same not-yet-started read as `second`
    await db.answer();
    await db.answer();
    expect([await second, await third]).toEqual([5, 5]);
    expect(db.started()).toBe(2);
  });
});

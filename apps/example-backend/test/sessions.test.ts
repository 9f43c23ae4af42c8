// The in-memory session store: sessions end after their TTL, and the store never grows past
// its cap (the oldest sessions go first).
import { describe, expect, it } from 'vitest';
import { SessionStore } from '../src/sessions.js';

const session = (externalUserID: string) => ({ externalUserID, displayName: externalUserID });

describe('SessionStore', () => {
  it('ends a session after its TTL', () => {
    let now = 1_000_000;
    const store = new SessionStore({ ttlMs: 60_000, now: () => now });
    const id = store.create(session('alice'));
    now += 59_999;
    expect(store.get(id)).toEqual(session('alice'));
    now += 1;
    expect(store.get(id)).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('defaults to 12 hours', () => {
    let now = 0;
    const store = new SessionStore({ now: () => now });
    const id = store.create(session('alice'));
    now = 12 * 3600_000 - 1;
    expect(store.get(id)).toBeDefined();
    now += 1;
    expect(store.get(id)).toBeUndefined();
  });

  it('evicts the oldest sessions past its cap', () => {
    const store = new SessionStore({ maxSessions: 3 });
    const ids = ['a', 'b', 'c', 'd', 'e'].map((name) => store.create(session(name)));
    expect(store.size).toBe(3);
    expect(ids.map((id) => store.get(id)?.externalUserID)).toEqual([undefined, undefined, 'c', 'd', 'e']);
  });

  it('drops expired sessions when creating, before evicting live ones', () => {
    let now = 0;
    const store = new SessionStore({ ttlMs: 1000, maxSessions: 3, now: () => now });
    store.create(session('old'));
    now = 500;
    const live = store.create(session('live'));
    now = 1200; // "old" has expired, "live" has not
    store.create(session('new'));
    expect(store.size).toBe(2);
    expect(store.get(live)?.externalUserID).toBe('live');
  });

  it('deletes a session, and knows no unknown or missing id', () => {
    const store = new SessionStore();
    const id = store.create(session('alice'));
    store.delete(id);
    expect(store.get(id)).toBeUndefined();
    expect(store.get(undefined)).toBeUndefined();
    expect(store.get('nope')).toBeUndefined();
    expect(() => store.delete(undefined)).not.toThrow();
  });
});

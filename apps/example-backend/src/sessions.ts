// Who is signed in. A real backend has its own sign-in (passwords, SSO…); this example keeps
// an in-memory map from an opaque session id (an HttpOnly cookie) to the user's id, which is
// also the member's `externalUserID` at Expys.
import { randomBytes } from 'node:crypto';

export interface Session {
  externalUserID: string;
  displayName: string;
}

export interface SessionStoreOptions {
  /** How long a session lasts from sign-in (default 12 hours). */
  ttlMs?: number;
  /** Most sessions kept at once; past it the oldest go first (default 10,000). */
  maxSessions?: number;
  /** The clock (tests). */
  now?: () => number;
}

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export class SessionStore {
  // A Map iterates in insertion order and every session gets the same TTL, so the first
  // entries are always the oldest: expiry and eviction both work from the front.
  readonly #sessions = new Map<string, { session: Session; expiresAt: number }>();
  readonly ttlMs: number;
  readonly #max: number;
  readonly #now: () => number;

  constructor(options: SessionStoreOptions = {}) {
    this.ttlMs = options.ttlMs ?? SESSION_TTL_MS;
    this.#max = options.maxSessions ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#sessions.size;
  }

  create(session: Session): string {
    const now = this.#now();
    for (const [id, entry] of this.#sessions) {
      if (entry.expiresAt > now && this.#sessions.size < this.#max) break;
      this.#sessions.delete(id);
    }
    const id = randomBytes(32).toString('base64url');
    this.#sessions.set(id, { session, expiresAt: now + this.ttlMs });
    return id;
  }

  get(id: string | undefined): Session | undefined {
    if (id === undefined) return undefined;
    const entry = this.#sessions.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#sessions.delete(id);
      return undefined;
    }
    return entry.session;
  }

  delete(id: string | undefined): void {
    if (id !== undefined) this.#sessions.delete(id);
  }
}

/** The spec's externalUserID format (spec/components/schemas/ExternalUserID.yaml). */
export const USER_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

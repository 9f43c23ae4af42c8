// The dashboard's sessions. Signing in with an Org-API-Key creates one: a random id (32 bytes,
// base64url) that the browser keeps in an HttpOnly cookie, stored here as a hash with the key's
// id and an expiry. A session works while it is not signed out, not expired and its Org-API-Key
// is not revoked (checked on every request, so a key revoked by another process ends its sessions
// too). Times are real time, not the sandbox clock: advancing the clock signs nobody out.
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database.js';
import { sha256 } from '../domain/ids.js';

/** How long a session lasts after sign-in (8 hours), whatever is done with it. */
export const SESSION_TTL_MS = 8 * 3_600_000;

export interface DashboardSession {
  orgKeyId: string;
  /** The Org-API-Key's hint (`expys_test_Sand…`), to show who is signed in. */
  keyHint: string;
  expiresAt: string;
}

/** A session id as the cookie carries it: 43 base64url characters. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export class DashboardSessions {
  constructor(
    private readonly db: Queryable,
    private readonly ttlMs = SESSION_TTL_MS,
  ) {}

  /** A new session for the Org-API-Key `orgKeyId`; the id is returned once, only its hash is kept. */
  async create(orgKeyId: string): Promise<{ id: string; session: DashboardSession }> {
    const id = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.ttlMs);
    // Ended sessions are of no use to anyone: dropped as new ones are made.
    await this.db.query('DELETE FROM dashboard_sessions WHERE expires_at <= $1 OR revoked_at IS NOT NULL', [now]);
    await this.db.query('INSERT INTO dashboard_sessions (id_hash, org_key_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [sha256(id), orgKeyId, now, expiresAt]);
    const session = await this.find(id);
    if (!session) throw new Error('the new dashboard session could not be read back');
    return { id, session };
  }

  /** The session this id names, if it still works (not signed out, not expired, its key not revoked). */
  async find(id: string): Promise<DashboardSession | undefined> {
    if (!SESSION_ID.test(id)) return undefined;
    const [row] = await this.db.query(
      `SELECT s.org_key_id, s.expires_at, k.hint FROM dashboard_sessions s JOIN org_api_keys k ON k.id = s.org_key_id
        WHERE s.id_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND k.revoked_at IS NULL`,
      [sha256(id), new Date()],
    );
    return row ? { orgKeyId: row.org_key_id, keyHint: row.hint, expiresAt: new Date(row.expires_at).toISOString() } : undefined;
  }

  /** Signs out: the session stops working at once. */
  async revoke(id: string): Promise<void> {
    if (!SESSION_ID.test(id)) return;
    await this.db.query('UPDATE dashboard_sessions SET revoked_at = $2 WHERE id_hash = $1 AND revoked_at IS NULL', [sha256(id), new Date()]);
  }

  /** Ends every session of an Org-API-Key (it was revoked). */
  async revokeForKey(orgKeyId: string): Promise<void> {
    await this.db.query('UPDATE dashboard_sessions SET revoked_at = $2 WHERE org_key_id = $1 AND revoked_at IS NULL', [orgKeyId, new Date()]);
  }
}

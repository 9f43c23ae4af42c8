// Org-API-Keys and member tokens as the real API issues them: random, stored only as hashes,
// keys restricted to scopes and revocable, member tokens bound to one member and expiring 15
// minutes after minting on the sandbox clock. `authenticate` turns an Authorization header into
// the gateway's Credential; the gateway then decides 401/403 exactly as it does in the mock.
import { mintCredential, verifyCredential } from '@expys/credentials';
import { CREDENTIAL_FORMATS, readBearer, type Credential } from '@expys/gateway';
import type { Queryable } from '../db/database.js';
import type { Clock } from './clock.js';
import { newId, sha256 } from './ids.js';

export const MEMBER_TOKEN_TTL_MS = 15 * 60_000;
/** The scopes of the spec's server operations. */
export const SCOPES = ['tokens:write', 'points:write', 'members:read', 'members:write', 'analytics:read', 'webhooks:read', 'webhooks:write'] as const;

const KEY = CREDENTIAL_FORMATS['org-api-key'];

export interface ApiKeyInfo {
  id: string;
  /** The key's first characters (never the whole key after creation). */
  hint: string;
  /** `all`, or the scopes the key is restricted to. */
  scopes: 'all' | string[];
  description: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface CreatedKey extends ApiKeyInfo {
  /** The key itself: shown once. */
  key: string;
}

export interface MintedToken {
  token: string;
  externalUserID: string;
  expiresAt: Date;
}

const keyInfo = (row: any): ApiKeyInfo => ({
  id: row.id,
  hint: row.hint,
  scopes: row.scopes ?? 'all',
  description: row.description,
  createdAt: new Date(row.created_at).toISOString(),
  revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
});

export class Credentials {
  /** Recently seen credentials, so a read costs no lookup; cleared on every change. */
  private readonly cache = new Map<string, { credential: Credential; expiresAt?: number; until: number }>();
  /** Bumped by forget(): a lookup that started before a change is not cached after it. */
  private generation = 0;

  constructor(
    private readonly db: Queryable,
    private readonly clock: Clock,
  ) {}

  forget(): void {
    this.generation++;
    this.cache.clear();
  }

  async createKey(options: { scopes?: readonly string[]; description?: string; key?: string } = {}, db: Queryable = this.db): Promise<CreatedKey> {
    const unknown = options.scopes?.filter((s) => !(SCOPES as readonly string[]).includes(s)) ?? [];
    if (unknown.length > 0) throw new RangeError(`Unknown scope ${unknown.join(', ')}; the scopes are ${SCOPES.join(', ')}.`);
    if (options.scopes && options.scopes.length === 0) throw new RangeError('A restricted key needs at least one scope (omit scopes for a full-access key).');
    // A key given by the caller (the mock's samples) must be one the gateway accepts: a sandbox key with a valid checksum.
    const given = options.key === undefined ? undefined : verifyCredential(options.key);
    if (options.key !== undefined && !(given?.kind === 'org-api-key' && given.environment === 'sandbox' && given.checksumValid)) {
      throw new RangeError(`A sandbox Org-API-Key is ${KEY.sandbox} + ${KEY.length} letters or digits ending with a valid checksum (@expys/credentials).`);
    }
    const key = options.key ?? mintCredential('org-api-key', 'sandbox');
    const [row] = await db.query(
      'INSERT INTO api_keys (id, secret_hash, hint, scopes, description, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *',
      [newId('key'), sha256(key), `${key.slice(0, KEY.sandbox.length + 4)}…`, options.scopes ? [...new Set(options.scopes)] : null, options.description ?? '', this.clock.now()],
    );
    this.forget();
    return { ...keyInfo(row), key };
  }

  async listKeys(): Promise<ApiKeyInfo[]> {
    return (await this.db.query('SELECT * FROM api_keys ORDER BY created_at, id')).map(keyInfo);
  }

  /** Revokes a key by id; undefined when there is no such key. */
  async revokeKey(id: string): Promise<ApiKeyInfo | undefined> {
    const [row] = await this.db.query('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING *', [id, this.clock.now()]);
    this.forget();
    return row ? keyInfo(row) : undefined;
  }

  async mintToken(externalUserID: string, db: Queryable = this.db, expiresAt = new Date(this.clock.now().getTime() + MEMBER_TOKEN_TTL_MS)): Promise<MintedToken> {
    const token = mintCredential('member-token', 'sandbox');
    await db.query('INSERT INTO member_tokens (token_hash, external_user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
      sha256(token),
      externalUserID,
      this.clock.now(),
      expiresAt,
    ]);
    return { token, externalUserID, expiresAt };
  }

  /** The gateway's `authenticate`: who the bearer credential is, from the stored keys and tokens. */
  authenticate = async (authorization: string | undefined): Promise<Credential> => {
    if (authorization === undefined || authorization.trim() === '') return { kind: 'missing' };
    const cached = this.cache.get(authorization);
    const now = this.clock.now().getTime();
    if (cached && cached.until > Date.now()) return withExpiry(cached.credential, cached.expiresAt, now);

    const generation = this.generation;
    const format = readBearer(authorization);
    if (format.kind === 'missing' || format.kind === 'malformed') return format;
    const value = format.value;
    if (format.environment === 'production') return { kind: format.kind, environment: 'production', ...(format.kind === 'org-api-key' ? { scopes: [], revoked: false } : {}) } as Credential;

    let credential: Credential;
    let expiresAt: number | undefined;
    if (format.kind === 'org-api-key') {
      const [row] = await this.db.query('SELECT id, scopes, revoked_at FROM api_keys WHERE secret_hash = $1', [sha256(value)]);
      // An unknown key and a revoked one get the same answer: 401 invalid_api_key.
      credential = { kind: 'org-api-key', environment: 'sandbox', scopes: row?.scopes ?? 'all', revoked: !row || row.revoked_at !== null, ...(row ? { keyId: row.id } : {}) };
    } else {
      const [row] = await this.db.query('SELECT external_user_id, expires_at FROM member_tokens WHERE token_hash = $1', [sha256(value)]);
      credential = row ? { kind: 'member-token', environment: 'sandbox', externalUserID: row.external_user_id } : { kind: 'member-token', environment: 'sandbox', unknown: true };
      expiresAt = row ? new Date(row.expires_at).getTime() : undefined;
    }
    // A second at most: a key revoked by another sandbox process on the same database takes effect within it.
    if (generation === this.generation) this.cache.set(authorization, { credential, expiresAt, until: Date.now() + 1000 });
    if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value!);
    return withExpiry(credential, expiresAt, now);
  };
}

function withExpiry(credential: Credential, expiresAt: number | undefined, now: number): Credential {
  if (credential.kind === 'member-token' && expiresAt !== undefined && expiresAt <= now) {
    return { ...credential, expiredAt: new Date(expiresAt).toISOString() };
  }
  return credential;
}

// Who is calling, from what the sandbox stores: Org-API-Keys (full authority over the org),
// API keys (an application's, restricted to scopes, expiring and revocable on the sandbox
// clock), App Secrets (HTTP Basic with the App ID, for the application's own operations) and
// member tokens (one member, 15 minutes of sandbox time). Every secret is stored as a hash and
// shown once. `authenticate` turns an Authorization header into the gateway's Credential; the
// gateway then decides 401/403 exactly as it does in the mock.
import { mintCredential, verifyCredential } from '@expys/credentials';
import { CREDENTIAL_FORMATS, readAuthorization, type Credential } from '@expys/gateway';
import type { Queryable } from '../db/database.js';
import { findApiKey, isKnownAppSecret, verifyAppCredentials } from './applications.js';
import type { Clock } from './clock.js';
import { newId, sha256 } from './ids.js';
import { iso } from './representations.js';

export const MEMBER_TOKEN_TTL_MS = 15 * 60_000;

const ORG_KEY = CREDENTIAL_FORMATS['org-api-key'];

export interface OrgApiKeyInfo {
  id: string;
  /** The key's first characters (never the whole key after creation). */
  hint: string;
  description: string;
  createdAt: string;
  revokedAt: string | null;
  /** Only on a restricted Org-API-Key from before API keys (revoked by migration 0003): what it was restricted to. */
  formerScopes?: string[];
}

export interface CreatedOrgApiKey extends OrgApiKeyInfo {
  /** The key itself: shown once. */
  key: string;
}

export interface MintedToken {
  token: string;
  externalUserID: string;
  expiresAt: Date;
}

const orgKeyInfo = (row: any): OrgApiKeyInfo => ({
  id: row.id,
  hint: row.hint,
  description: row.description,
  createdAt: new Date(row.created_at).toISOString(),
  revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
  ...(row.scopes ? { formerScopes: row.scopes } : {}),
});

/** A looked-up credential and the times that change its meaning as the sandbox clock moves. */
interface Looked {
  credential: Credential;
  /** A member token's or an API key's expiry (ms). */
  expiresAt?: number;
  /** An API key's revocation time (ms), possibly in the future. */
  revokedAt?: number;
}

export class Credentials {
  /** Recently seen bearer credentials, so a read costs no lookup; cleared on every change. */
  private readonly cache = new Map<string, Looked & { until: number }>();
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

  /** A full-authority Org-API-Key; `key` only for the mock's samples (a sandbox key with a valid checksum). */
  async createOrgKey(options: { description?: string; key?: string } = {}, db: Queryable = this.db): Promise<CreatedOrgApiKey> {
    const given = options.key === undefined ? undefined : verifyCredential(options.key);
    if (options.key !== undefined && !(given?.kind === 'org-api-key' && given.environment === 'sandbox' && given.checksumValid)) {
      throw new RangeError(`A sandbox Org-API-Key is ${ORG_KEY.sandbox} + ${ORG_KEY.length} letters or digits ending with a valid checksum (@expys/credentials).`);
    }
    const key = options.key ?? mintCredential('org-api-key', 'sandbox');
    const [row] = await db.query('INSERT INTO org_api_keys (id, secret_hash, hint, scopes, description, created_at) VALUES ($1, $2, $3, NULL, $4, $5) RETURNING *', [
      newId('key'),
      sha256(key),
      `${key.slice(0, ORG_KEY.sandbox.length + 4)}…`,
      options.description ?? '',
      this.clock.now(),
    ]);
    this.forget();
    return { ...orgKeyInfo(row), key };
  }

  async listOrgKeys(db: Queryable = this.db): Promise<OrgApiKeyInfo[]> {
    return (await db.query('SELECT * FROM org_api_keys ORDER BY created_at, id')).map(orgKeyInfo);
  }

  /** Revokes an Org-API-Key by id, now; undefined when there is no such key. */
  async revokeOrgKey(id: string, db: Queryable = this.db): Promise<OrgApiKeyInfo | undefined> {
    const [row] = await db.query('UPDATE org_api_keys SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1 RETURNING *', [id, this.clock.now()]);
    this.forget();
    return row ? orgKeyInfo(row) : undefined;
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

  /** The gateway's `authenticate`: who the Authorization header says is calling, from the stored keys, tokens and applications. */
  authenticate = async (authorization: string | undefined): Promise<Credential> => {
    const now = this.clock.now();
    const format = readAuthorization(authorization);
    switch (format.kind) {
      case 'missing':
      case 'malformed':
        return format;
      case 'app-credentials': {
        // Not cached: application operations are rare, and a rotation must take effect at once.
        const verdict = await verifyAppCredentials(this.db, format.appId, format.appSecret, now);
        return { kind: 'app-credentials', appId: format.appId, valid: verdict.valid, ...(verdict.secretExpiredAt ? { secretExpiredAt: verdict.secretExpiredAt } : {}) };
      }
    }
    if (format.kind !== 'app-secret' && format.environment === 'production') return productionCredential(format.kind);

    const cached = this.cache.get(format.value);
    if (cached && cached.until > Date.now()) return atTime(cached, now.getTime());
    const generation = this.generation;
    const looked = await this.lookUp(format.kind, format.value, now);
    // A second at most: a key revoked by another sandbox process on the same database takes effect within it.
    if (generation === this.generation) this.cache.set(format.value, { ...looked, until: Date.now() + 1000 });
    if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value!);
    return atTime(looked, now.getTime());
  };

  private async lookUp(kind: 'org-api-key' | 'api-key' | 'app-secret' | 'member-token', value: string, now: Date): Promise<Looked> {
    switch (kind) {
      case 'org-api-key': {
        const [row] = await this.db.query('SELECT id, revoked_at FROM org_api_keys WHERE secret_hash = $1', [sha256(value)]);
        // An unknown key and a revoked one get the same answer: 401 invalid_api_key.
        return { credential: { kind: 'org-api-key', environment: 'sandbox', revoked: !row || row.revoked_at !== null, ...(row ? { keyId: row.id } : {}) } };
      }
      case 'api-key': {
        const key = await findApiKey(this.db, value);
        if (!key) return { credential: { kind: 'api-key', environment: 'sandbox', scopes: [], revoked: true, unknown: true } };
        return { credential: { kind: 'api-key', environment: 'sandbox', scopes: key.scopes, revoked: false, keyId: key.id, appId: key.appId }, expiresAt: key.expiresAt, revokedAt: key.revokedAt };
      }
      case 'app-secret': {
        // Never valid as a bearer: the gateway answers 403 app_secret_not_allowed for any App
        // Secret (the fix is the same, known or not). Looked up only to name its application.
        const appId = await isKnownAppSecret(this.db, value, now);
        return { credential: appId ? { kind: 'app-secret', appId } : { kind: 'app-secret' } };
      }
      case 'member-token': {
        const [row] = await this.db.query('SELECT external_user_id, expires_at FROM member_tokens WHERE token_hash = $1', [sha256(value)]);
        if (!row) return { credential: { kind: 'member-token', environment: 'sandbox', unknown: true } };
        return { credential: { kind: 'member-token', environment: 'sandbox', externalUserID: row.external_user_id }, expiresAt: new Date(row.expires_at).getTime() };
      }
    }
  }
}

/** A live credential: refused by the gateway with 401 environment_mismatch before anything else is read. */
function productionCredential(kind: 'org-api-key' | 'api-key' | 'member-token'): Credential {
  if (kind === 'org-api-key') return { kind, environment: 'production', revoked: false };
  if (kind === 'api-key') return { kind, environment: 'production', scopes: [], revoked: false };
  return { kind, environment: 'production' };
}

/** The credential as of `now` on the sandbox clock: a revocation or expiry that has come takes effect. */
function atTime(looked: Looked, now: number): Credential {
  const { credential, expiresAt, revokedAt } = looked;
  if (credential.kind === 'member-token' && expiresAt !== undefined && expiresAt <= now) {
    return { ...credential, expiredAt: iso(new Date(expiresAt)) };
  }
  if (credential.kind === 'api-key' && !credential.unknown) {
    // Revoked wins over expired: a revoked key is gone, whatever its expiry.
    if (revokedAt !== undefined && revokedAt <= now) return { ...credential, revoked: true };
    if (expiresAt !== undefined && expiresAt <= now) return { ...credential, expiredAt: iso(new Date(expiresAt)) };
  }
  return credential;
}

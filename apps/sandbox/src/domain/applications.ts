// Applications and their API keys, as the credentials page documents them. An application has a
// public App ID and a private App Secret (stored as a hash, shown once); it creates API keys
// (`test_sk_…`, stored as hashes, shown once) restricted to scopes, optionally expiring, and
// revokes them now or at a later time so that an old and a new key overlap during a rotation.
// Every time is the sandbox clock's, so a test advances it to expire or revoke a key.
import { timingSafeEqual } from 'node:crypto';
import { CREDENTIAL_FORMATS, mintAppId, mintCredential, verifyCredential, APP_ID_PATTERN } from '@expys/credentials';
import { API_KEY_SCOPES } from '@expys/gateway';
import type { Queryable } from '../db/database.js';
import type { Clock } from './clock.js';
import { newId, sha256 } from './ids.js';
import { pageOf, type Page, type PageQuery } from './pages.js';
import { invalid, notFound } from './problem.js';
import { iso } from './representations.js';

/** The scopes of the spec's ApiKeyScope, as @expys/gateway lists them (the sandbox reads its bundle's when it has them). */
export { API_KEY_SCOPES };

/** How long the App Secret in use keeps working after a rotation, unless the request says. */
export const DEFAULT_PREVIOUS_SECRET_MS = 3_600_000;
/** The longest overlap a rotation may ask for. */
export const MAX_PREVIOUS_SECRET_MS = 7 * 86_400_000;

const API_KEY = CREDENTIAL_FORMATS['api-key'];

export interface ApplicationView {
  appId: string;
  name: string;
  environment: 'sandbox' | 'production';
  createdAt: string;
  secretRotatedAt: string | null;
  previousSecretExpiresAt: string | null;
}

export interface CreatedApplication {
  application: ApplicationView;
  /** The App Secret: shown once. */
  appSecret: string;
}

export interface ApiKeyView {
  id: string;
  appId: string;
  name: string;
  scopes: string[];
  environment: 'sandbox' | 'production';
  hint: string;
  status: 'active' | 'expired' | 'revoked';
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface ApiKeyWithSecret extends ApiKeyView {
  /** The key itself: shown once. */
  key: string;
}

export interface SecretRotation {
  appId: string;
  appSecret: string;
  rotatedAt: string;
  previousSecretExpiresAt: string;
}

const time = (value: unknown): number | undefined => (value === null || value === undefined ? undefined : new Date(value as string).getTime());
const isoOrNull = (value: unknown) => (value === null || value === undefined ? null : iso(value));

export function applicationView(row: any, now: Date): ApplicationView {
  const previousUntil = time(row.previous_secret_expires_at);
  return {
    appId: row.id,
    name: row.name,
    environment: row.environment,
    createdAt: iso(row.created_at),
    secretRotatedAt: isoOrNull(row.secret_rotated_at),
    // "null when none does": an overlap that has ended is not reported.
    previousSecretExpiresAt: previousUntil !== undefined && previousUntil > now.getTime() ? iso(row.previous_secret_expires_at) : null,
  };
}

/** Revoked once `revokedAt` has passed (a scheduled revocation leaves it active until then); expired once `expiresAt` has. */
export function apiKeyStatus(row: { revoked_at: unknown; expires_at: unknown }, now: number): ApiKeyView['status'] {
  const revokedAt = time(row.revoked_at);
  if (revokedAt !== undefined && revokedAt <= now) return 'revoked';
  const expiresAt = time(row.expires_at);
  if (expiresAt !== undefined && expiresAt <= now) return 'expired';
  return 'active';
}

export function apiKeyView(row: any, now: Date): ApiKeyView {
  return {
    id: row.id,
    appId: row.app_id,
    name: row.name,
    scopes: row.scopes,
    environment: row.environment,
    hint: row.hint,
    status: apiKeyStatus(row, now.getTime()),
    createdAt: iso(row.created_at),
    expiresAt: isoOrNull(row.expires_at),
    revokedAt: isoOrNull(row.revoked_at),
  };
}

/** `test_sk_…qenA`: the prefix and the last four characters, to tell keys apart without the secret. */
export const keyHint = (key: string, prefix: string) => `${prefix}…${key.slice(-4)}`;

/**
 * A new application. `appId` and `appSecret` are given only for the sample application (the
 * mock's well-known pair); they must be well formed, the secret with a valid checksum.
 */
export async function createApplication(tx: Queryable, clock: Clock, input: { name: string; appId?: string; appSecret?: string }): Promise<CreatedApplication> {
  if (input.appId !== undefined && !APP_ID_PATTERN.test(input.appId)) throw new RangeError('An App ID is app_ + 16 letters or digits.');
  if (input.appSecret !== undefined) {
    const check = verifyCredential(input.appSecret);
    if (!(check?.kind === 'app-secret' && check.checksumValid)) throw new RangeError('An App Secret is secret_ + 32 letters or digits ending with a valid checksum (@expys/credentials).');
  }
  const appId = input.appId ?? mintAppId();
  const appSecret = input.appSecret ?? mintCredential('app-secret', 'sandbox');
  const [row] = await tx.query("INSERT INTO applications (id, name, environment, secret_hash, created_at) VALUES ($1, $2, 'sandbox', $3, $4) RETURNING *", [
    appId,
    input.name,
    sha256(appSecret),
    clock.now(),
  ]);
  return { application: applicationView(row, clock.now()), appSecret };
}

export async function listApplications(db: Queryable, clock: Clock): Promise<ApplicationView[]> {
  return (await db.query('SELECT * FROM applications ORDER BY seq')).map((row) => applicationView(row, clock.now()));
}

const sameHash = (a: string, b: string | null) => b !== null && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Whether an App ID and App Secret belong together: the application's current secret, or the
 * previous one until `previous_secret_expires_at` on the sandbox clock. An unknown App ID, a wrong
 * secret and an expired previous one all get one answer (401 invalid_app_credentials); the last
 * says when it stopped working, which helps whoever forgot to deploy the new one.
 */
export async function verifyAppCredentials(db: Queryable, appId: string, appSecret: string, now: Date): Promise<{ valid: boolean; usedPreviousSecret?: boolean; secretExpiredAt?: string }> {
  const [row] = await db.query('SELECT secret_hash, previous_secret_hash, previous_secret_expires_at FROM applications WHERE id = $1', [appId]);
  if (!row) return { valid: false };
  const hash = sha256(appSecret);
  if (sameHash(hash, row.secret_hash)) return { valid: true, usedPreviousSecret: false };
  if (sameHash(hash, row.previous_secret_hash)) {
    const until = time(row.previous_secret_expires_at)!;
    return until > now.getTime() ? { valid: true, usedPreviousSecret: true } : { valid: false, secretExpiredAt: iso(row.previous_secret_expires_at) };
  }
  return { valid: false };
}

/** The application an App Secret sent as a bearer belongs to (its current secret, or its previous one still working). */
export async function isKnownAppSecret(db: Queryable, appSecret: string, now: Date): Promise<string | undefined> {
  const hash = sha256(appSecret);
  const [row] = await db.query('SELECT id FROM applications WHERE secret_hash = $1 OR (previous_secret_hash = $1 AND previous_secret_expires_at > $2) LIMIT 1', [hash, now]);
  return row?.id;
}

export async function getApplication(db: Queryable, clock: Clock, appId: string): Promise<ApplicationView> {
  const [row] = await db.query('SELECT * FROM applications WHERE id = $1', [appId]);
  if (!row) throw notFound(`The application ${JSON.stringify(appId)}`);
  return applicationView(row, clock.now());
}

/** A date-time of a request body, or a 422 on its pointer. */
function parseTime(value: unknown, pointer: string): Date {
  const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw invalid(pointer, 'must be a date-time (RFC 3339, e.g. 2026-03-01T09:00:00Z)');
  return date;
}

/**
 * A new App Secret. The one in use keeps working until `previousSecretExpiresAt` (default one
 * hour, at most 7 days ahead; a time already past, such as a client's "now", ends it at once).
 * A secret that was still in its overlap from an earlier rotation stops now: only one previous
 * secret works at a time.
 */
export async function rotateAppSecret(tx: Queryable, clock: Clock, appId: string, input: { previousSecretExpiresAt?: string } = {}): Promise<SecretRotation> {
  const now = clock.now();
  let until = new Date(now.getTime() + DEFAULT_PREVIOUS_SECRET_MS);
  if (input.previousSecretExpiresAt !== undefined) {
    until = parseTime(input.previousSecretExpiresAt, '/body/previousSecretExpiresAt');
    if (until.getTime() > now.getTime() + MAX_PREVIOUS_SECRET_MS) {
      throw invalid('/body/previousSecretExpiresAt', `must be at most 7 days ahead (the sandbox clock says ${iso(now)})`);
    }
    if (until.getTime() < now.getTime()) until = now;
  }
  const appSecret = mintCredential('app-secret', 'sandbox');
  const [row] = await tx.query(
    `UPDATE applications SET previous_secret_hash = secret_hash, previous_secret_expires_at = $2, secret_hash = $3, secret_rotated_at = $4
     WHERE id = $1 RETURNING id`,
    [appId, until, sha256(appSecret), now],
  );
  if (!row) throw notFound(`The application ${JSON.stringify(appId)}`);
  return { appId, appSecret, rotatedAt: iso(now), previousSecretExpiresAt: iso(until) };
}

export interface ApiKeyInput {
  name: string;
  scopes: readonly string[];
  expiresAt?: string;
  /** The sample keys only: a given `test_sk_` key with a valid checksum. */
  key?: string;
}

/**
 * A new API key of the application: checks first (scopes the spec knows, an expiry in the
 * future), then one write, so a refusal leaves nothing behind.
 */
export async function createApiKey(tx: Queryable, clock: Clock, appId: string, input: ApiKeyInput, scopes: readonly string[] = API_KEY_SCOPES): Promise<ApiKeyWithSecret> {
  const now = clock.now();
  if (typeof input.name !== 'string' || input.name.length === 0 || input.name.length > 100) throw invalid('/body/name', 'must be 1 to 100 characters');
  if (!Array.isArray(input.scopes) || input.scopes.length === 0) throw invalid('/body/scopes', 'must name at least one scope');
  input.scopes.forEach((scope, index) => {
    if (!scopes.includes(scope)) throw invalid(`/body/scopes/${index}`, `is not a scope: use one of ${scopes.join(', ')}`);
  });
  if (new Set(input.scopes).size !== input.scopes.length) throw invalid('/body/scopes', 'must not name a scope twice');
  let expiresAt: Date | null = null;
  if (input.expiresAt !== undefined) {
    expiresAt = parseTime(input.expiresAt, '/body/expiresAt');
    if (expiresAt.getTime() <= now.getTime()) throw invalid('/body/expiresAt', `must be in the future (the sandbox clock says ${iso(now)})`);
  }
  if (input.key !== undefined) {
    const check = verifyCredential(input.key);
    if (!(check?.kind === 'api-key' && check.environment === 'sandbox' && check.checksumValid)) {
      throw new RangeError(`A sandbox API key is ${API_KEY.prefixes.sandbox} + ${API_KEY.length} letters or digits ending with a valid checksum (@expys/credentials).`);
    }
  }
  const key = input.key ?? mintCredential('api-key', 'sandbox');
  const [row] = await tx.query(
    `INSERT INTO api_keys (id, app_id, name, secret_hash, hint, scopes, environment, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'sandbox', $7, $8) RETURNING *`,
    [newId('key'), appId, input.name, sha256(key), keyHint(key, API_KEY.prefixes.sandbox), [...input.scopes], now, expiresAt],
  );
  return { ...apiKeyView(row, now), key };
}

/** The application's keys, newest first, revoked and expired ones included. */
export async function listApiKeys(db: Queryable, clock: Clock, appId: string, query: PageQuery): Promise<Page<ApiKeyView>> {
  const now = clock.now();
  return pageOf(db, { table: 'api_keys', where: 'app_id = $1', params: [appId], order: 'desc', query, map: (row) => apiKeyView(row, now) });
}

/** One of the application's keys; another application's key is as absent as a missing one. */
export async function getApiKey(db: Queryable, clock: Clock, appId: string, keyId: string): Promise<ApiKeyView> {
  const [row] = await db.query('SELECT * FROM api_keys WHERE id = $1 AND app_id = $2', [keyId, appId]);
  if (!row) throw notFound(`The API key ${JSON.stringify(keyId)}`);
  return apiKeyView(row, clock.now());
}

/**
 * Revokes the key at `at` (default now; a time already past means now). Revoking again can bring
 * the time forward, never push it back: the earlier of the stored and the asked time is kept.
 */
export async function revokeApiKey(tx: Queryable, clock: Clock, appId: string, keyId: string, input: { at?: string } = {}): Promise<ApiKeyView> {
  const now = clock.now();
  let at = now;
  if (input.at !== undefined) {
    at = parseTime(input.at, '/body/at');
    if (at.getTime() < now.getTime()) at = now;
  }
  // LEAST ignores NULL: a key not yet revoked takes `at`.
  const [row] = await tx.query('UPDATE api_keys SET revoked_at = LEAST(revoked_at, $3) WHERE id = $1 AND app_id = $2 RETURNING *', [keyId, appId, at]);
  if (!row) throw notFound(`The API key ${JSON.stringify(keyId)}`);
  return apiKeyView(row, now);
}

/** What authentication needs to know about a stored API key, found by the key's hash. */
export interface StoredApiKey {
  id: string;
  appId: string;
  scopes: string[];
  expiresAt?: number;
  revokedAt?: number;
}

export async function findApiKey(db: Queryable, key: string): Promise<StoredApiKey | undefined> {
  const [row] = await db.query('SELECT id, app_id, scopes, expires_at, revoked_at FROM api_keys WHERE secret_hash = $1', [sha256(key)]);
  if (!row) return undefined;
  return { id: row.id, appId: row.app_id, scopes: row.scopes, expiresAt: time(row.expires_at), revokedAt: time(row.revoked_at) };
}

/** The scopes of a bundle's ApiKeyScope schema, or the built-in list for a bundle without it. */
export function scopesFromBundle(doc: any): readonly string[] {
  const values = doc?.components?.schemas?.ApiKeyScope?.enum;
  return Array.isArray(values) && values.every((v) => typeof v === 'string') && values.length > 0 ? values : API_KEY_SCOPES;
}

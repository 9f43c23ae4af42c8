// The credentials a sandbox starts with, created in the transaction that finds them missing and
// shown once: an Org-API-Key at first start, and one application (App ID, App Secret) whenever
// there is none (at first start, and at the first start of data from before applications). With
// the samples (`--sample-keys`), the mock's well-known values instead, as real rows: tools set up
// for the mock work unchanged.
import { CREDENTIAL_FORMATS } from '@expys/credentials';
import { SAMPLE_CREDENTIALS } from '@expys/gateway';
import type { Queryable } from '../db/database.js';
import { API_KEY_SCOPES, apiKeyView, createApplication, keyHint, type ApiKeyWithSecret, type CreatedApplication } from './applications.js';
import type { Clock } from './clock.js';
import type { CreatedOrgApiKey, Credentials } from './credentials.js';
import { newId, sha256 } from './ids.js';

export interface CreatedCredentials {
  /** Org-API-Keys created now (first start only). */
  orgKeys: CreatedOrgApiKey[];
  /** The application created now, with its App Secret. */
  app?: CreatedApplication;
  /** API keys created now (the samples). */
  apiKeys: ApiKeyWithSecret[];
}

/** The name of the application a sandbox creates for itself. */
export const DEFAULT_APP_NAME = 'Sandbox backend';

/**
 * Creates what is missing. `sample`: the samples; data first started with them (its Org-API-Key
 * is the sample one) gets the sample application too when it has none yet.
 */
export async function createMissingCredentials(tx: Queryable, credentials: Credentials, clock: Clock, sample: boolean): Promise<CreatedCredentials & { firstStart: boolean }> {
  const [orgKeys] = await tx.query('SELECT count(*)::int AS n FROM org_api_keys');
  const firstStart = Number(orgKeys.n) === 0;
  const created: CreatedCredentials = { orgKeys: [], apiKeys: [] };
  if (firstStart) {
    created.orgKeys = sample ? await createSampleOrgKeys(tx, credentials) : [await credentials.createOrgKey({ description: 'full access (created at first start)' }, tx)];
  } else if (!sample) {
    sample = (await tx.query('SELECT 1 FROM org_api_keys WHERE secret_hash = $1', [sha256(SAMPLE_CREDENTIALS.fullAccessKey)])).length > 0;
  }
  const [apps] = await tx.query('SELECT count(*)::int AS n FROM applications');
  if (Number(apps.n) === 0) {
    if (sample) {
      const { appId, appSecret, name } = SAMPLE_CREDENTIALS.app;
      created.app = await createApplication(tx, clock, { name, appId, appSecret });
      created.apiKeys = await createSampleApiKeys(tx, clock, appId);
    } else {
      created.app = await createApplication(tx, clock, { name: DEFAULT_APP_NAME });
    }
  }
  return { ...created, firstStart };
}

/** The sample Org-API-Keys: full access, and one revoked. */
async function createSampleOrgKeys(tx: Queryable, credentials: Credentials): Promise<CreatedOrgApiKey[]> {
  const full = await credentials.createOrgKey({ key: SAMPLE_CREDENTIALS.fullAccessKey, description: 'sample: full access' }, tx);
  const revoked = await credentials.createOrgKey({ key: SAMPLE_CREDENTIALS.revokedKey, description: 'sample: revoked' }, tx);
  await tx.query('UPDATE org_api_keys SET revoked_at = created_at WHERE id = $1', [revoked.id]);
  return [full, { ...revoked, revokedAt: revoked.createdAt }];
}

/**
 * The sample application's API keys as the mock knows them: the three scoped ones, one past its
 * expiry and one revoked (those two with every scope, as in the mock). Written as rows directly:
 * createApiKey would rightly refuse an expiry in the past.
 */
async function createSampleApiKeys(tx: Queryable, clock: Clock, appId: string): Promise<ApiKeyWithSecret[]> {
  const now = clock.now();
  const expiresAt = new Date(SAMPLE_CREDENTIALS.expiredApiKeyExpiresAt);
  const rows: { key: string; name: string; scopes: readonly string[]; createdAt: Date; expiresAt?: Date; revokedAt?: Date }[] = [
    ...Object.entries(SAMPLE_CREDENTIALS.apiKeys).map(([name, sample]) => ({ key: sample.key, name: `Sample ${name}`, scopes: sample.scopes, createdAt: now })),
    // Created before it expired, so its history reads in order.
    { key: SAMPLE_CREDENTIALS.expiredApiKey, name: 'Sample expired key', scopes: API_KEY_SCOPES, createdAt: new Date(Math.min(now.getTime(), expiresAt.getTime() - 30 * 86_400_000)), expiresAt },
    { key: SAMPLE_CREDENTIALS.revokedApiKey, name: 'Sample revoked key', scopes: API_KEY_SCOPES, createdAt: now, revokedAt: now },
  ];
  const created: ApiKeyWithSecret[] = [];
  for (const row of rows) {
    const [stored] = await tx.query(
      `INSERT INTO api_keys (id, app_id, name, secret_hash, hint, scopes, environment, created_at, expires_at, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'sandbox', $7, $8, $9) RETURNING *`,
      [newId('key'), appId, row.name, sha256(row.key), keyHint(row.key, CREDENTIAL_FORMATS['api-key'].prefixes.sandbox), [...row.scopes], row.createdAt, row.expiresAt ?? null, row.revokedAt ?? null],
    );
    created.push({ ...apiKeyView(stored, now), key: row.key });
  }
  return created;
}

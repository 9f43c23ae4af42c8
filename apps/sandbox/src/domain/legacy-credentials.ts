// Data written before Expys credentials carried a checksum (@expys/credentials): its keys and
// tokens are refused by the gateway now ("mistyped or made up"), and `reset` keeps keys, so a
// sandbox started on it would run with no usable key. Say so at start, with what to do.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { verifyCredential } from '@expys/credentials';
import type { Database } from '../db/database.js';
import { sha256 } from './ids.js';

/** The sample keys of the mock and `--sample-keys` before checksums (commit d74cbf3 and earlier). */
const PRE_CHECKSUM_SAMPLE_KEYS = [
  'expys_test_SandboxFullAccessKey000000000000',
  'expys_test_TokensWriteOnlyKey00000000000000',
  'expys_test_MembersReadOnlyKey00000000000000',
  'expys_test_MembersPointsJobKey0000000000000',
  'expys_test_RevokedSandboxKey000000000000000',
];

export class LegacyCredentialsError extends Error {
  override name = 'LegacyCredentialsError';
}

export async function refuseLegacyCredentials(db: Database, where: { dataDir?: string; adminKeyFile: string }): Promise<void> {
  const adminKeyPath = where.dataDir ? path.join(where.dataDir, where.adminKeyFile) : undefined;
  const adminKey = adminKeyPath && existsSync(adminKeyPath) ? readFileSync(adminKeyPath, 'utf8').trim() : undefined;
  const adminKeyIsLegacy = adminKey !== undefined && verifyCredential(adminKey)?.checksumValid === false;
  const [legacySample] = await db.query('SELECT id FROM org_api_keys WHERE secret_hash = ANY($1::text[]) LIMIT 1', [PRE_CHECKSUM_SAMPLE_KEYS.map(sha256)]);
  if (!adminKeyIsLegacy && !legacySample) return;
  const fresh = where.dataDir
    ? `delete ${where.dataDir} (or start with another --data folder)`
    : 'drop and recreate the database (or point EXPYS_SANDBOX_DATABASE_URL at a new one)';
  throw new LegacyCredentialsError(
    `This sandbox's data holds Org-API-Keys from before Expys credentials carried a checksum; the gateway now refuses them as mistyped, ` +
      `and reset keeps keys. Start from fresh data: ${fresh}. The first start then prints a new key.`,
  );
}

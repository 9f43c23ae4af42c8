// Versioned migrations on both databases: applied once, in order, recorded; a broken one names
// its file and statement and applies nothing of itself, while earlier ones stay.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { SAMPLE_CREDENTIALS } from '@expys/gateway';
import { mintCredential } from '@expys/credentials';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { migrate, migrationFiles, MIGRATIONS_DIR } from '../src/db/migrate.js';
import { sha256 } from '../src/domain/ids.js';
import { startSandbox, type DatabaseOptions } from '../src/index.js';
import { call, databaseFor, DATABASES, FULL_KEY } from './support/databases.js';

/** A folder holding the repository's migrations up to `version` (a database as an older sandbox left it). */
function migrationsUpTo(version: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'expys-migrations-'));
  folders.push(dir);
  for (const migration of migrationFiles().filter((m) => m.version <= version)) copyFileSync(migration.file, path.join(dir, path.basename(migration.file)));
  return dir;
}

const folders: string[] = [];
afterAll(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

describe.each(DATABASES)('migrations on %s', (kind) => {
  it('applies the repository migrations once', async () => {
    const db = await openDatabase(await databaseFor(kind));
    try {
      expect(await migrate(db)).toEqual(migrationFiles().map((m) => m.version));
      expect(await migrate(db)).toEqual([]);
      const rows = await db.query('SELECT version, name FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.name)).toEqual(migrationFiles(MIGRATIONS_DIR).map((m) => path.basename(m.file)));
    } finally {
      await db.close();
    }
  });

  it('a broken migration names its file and statement, and applies nothing of itself', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'expys-migrations-'));
    folders.push(dir);
    writeFileSync(path.join(dir, '0001_first.sql'), 'CREATE TABLE kept (id integer PRIMARY KEY);\nINSERT INTO kept VALUES (1);\n');
    writeFileSync(path.join(dir, '0002_broken.sql'), 'CREATE TABLE half (id integer);\nALTER TABLE nowhere ADD COLUMN x integer;\n');
    const db = await openDatabase(await databaseFor(kind));
    try {
      await expect(migrate(db, dir)).rejects.toThrow(/Migration 0002_broken\.sql failed at "ALTER TABLE nowhere ADD COLUMN x integer": .*nowhere/);
      expect(await db.query('SELECT id FROM kept')).toEqual([{ id: 1 }]);
      expect((await db.query("SELECT to_regclass('half') AS t"))[0].t).toBeNull();
      expect((await db.query('SELECT version FROM schema_migrations')).map((r) => r.version)).toEqual(['0001']);
    } finally {
      await db.close();
    }
  });

  it('0002 drops the stored answers that were shared by the whole org, and keeps the members\' ones', async () => {
    // A database as 0001 left it, holding an org-wide answer (caller "org": any key could replay it).
    const dir = mkdtempSync(path.join(tmpdir(), 'expys-migrations-'));
    folders.push(dir);
    const [initial] = migrationFiles();
    copyFileSync(initial.file, path.join(dir, path.basename(initial.file)));
    const db = await openDatabase(await databaseFor(kind));
    try {
      expect(await migrate(db, dir)).toEqual(['0001']);
      const row = "($1, $2, 'exchangeToken', 'h', 200, '{}', now())";
      await db.query(`INSERT INTO idempotency_keys (caller, key, operation_id, request_hash, status, body, created_at) VALUES ${row}`, ['org', 'login-1']);
      await db.query(`INSERT INTO idempotency_keys (caller, key, operation_id, request_hash, status, body, created_at) VALUES ${row}`, ['member:user_123', 'redeem-1']);
      expect(await migrate(db)).toContain('0002');
      expect((await db.query('SELECT caller, key FROM idempotency_keys ORDER BY caller'))).toEqual([{ caller: 'member:user_123', key: 'redeem-1' }]);
    } finally {
      await db.close();
    }
  });

  it('0003: restricted Org-API-Keys are revoked (they would have full authority now); full ones keep working; the next start creates an application', async () => {
    // Persistent data as a sandbox before applications left it: the sample full-access key, one
    // restricted Org-API-Key (a pre-0003 sample), one random full key.
    const options: DatabaseOptions = kind === 'pglite' ? { kind: 'pglite', dataDir: path.join(migrationsUpTo('0000'), 'data') } : await databaseFor(kind);
    const restricted = 'expys_test_TokensWriteOnlyKey00000000169kPh';
    const random = mintCredential('org-api-key', 'sandbox');
    const db = await openDatabase(options);
    try {
      expect(await migrate(db, migrationsUpTo('0002'))).toEqual(['0001', '0002']);
      await db.query('UPDATE sandbox_clock SET offset_ms = $1', [86_400_000]);
      const insert = 'INSERT INTO api_keys (id, secret_hash, hint, scopes, description, created_at) VALUES ($1, $2, $3, $4, $5, now())';
      await db.query(insert, ['key_full', sha256(FULL_KEY), 'expys_test_Sand…', null, 'sample: full access']);
      await db.query(insert, ['key_restricted', sha256(restricted), 'expys_test_Toke…', ['tokens:write'], 'sample: tokenMinter']);
      await db.query(insert, ['key_random', sha256(random), 'expys_test_…', null, 'full access (created at first start)']);
      // 0003 and every later migration (0004 stamps and cashback, …) apply in order on top of it.
      expect(await migrate(db)).toEqual(migrationFiles().map((m) => m.version).filter((version) => version >= '0003'));
      const rows = await db.query('SELECT id, scopes, description, revoked_at FROM org_api_keys ORDER BY id');
      expect(rows.map((r) => [r.id, r.revoked_at !== null])).toEqual([
        ['key_full', false],
        ['key_random', false],
        ['key_restricted', true],
      ]);
      const old = rows.find((r) => r.id === 'key_restricted')!;
      expect(old.scopes).toEqual(['tokens:write']);
      expect(old.description).toContain('revoked by migration 0003');
      // Revoked at the sandbox clock's time (a day ahead), not the database's.
      expect(new Date(old.revoked_at).getTime()).toBeGreaterThan(Date.now() + 86_400_000 - 60_000);
      // A scoped Org-API-Key that works can no longer be written.
      await expect(db.query("INSERT INTO org_api_keys (id, secret_hash, hint, scopes, description, created_at) VALUES ('key_x', 'h', 'x', ARRAY['member_read'], '', now())")).rejects.toThrow(/org_api_keys_scopes_retired/);
    } finally {
      await db.close();
    }

    // The next start (no --sample-keys): the data's Org-API-Key is the sample one, so it gets the
    // sample application and API keys, shown once; the old restricted key is refused.
    const sandbox = await startSandbox({ database: options, port: 0, rateLimit: { limit: 0, windowMs: 60_000 } });
    try {
      expect([sandbox.firstStart, sandbox.createdKeys, sandbox.createdApp?.application.appId]).toEqual([false, [], SAMPLE_CREDENTIALS.app.appId]);
      expect(sandbox.createdApiKeys.map((k) => k.key)).toContain(SAMPLE_CREDENTIALS.apiKeys.tokenMinter.key);
      expect((await call(sandbox, 'GET', '/v1/webhooks', FULL_KEY)).status).toBe(200);
      expect((await call(sandbox, 'GET', '/v1/webhooks', random)).status).toBe(200);
      const refused = await call(sandbox, 'POST', '/v1/auth/exchange', restricted, { externalUserID: 'user_1' });
      expect([refused.status, refused.body.code]).toEqual([401, 'invalid_api_key']);
      const replacement = await call(sandbox, 'POST', '/v1/auth/exchange', SAMPLE_CREDENTIALS.apiKeys.tokenMinter.key, { externalUserID: 'user_1' });
      expect([replacement.status, replacement.body.enrolled]).toEqual([200, true]);
    } finally {
      await sandbox.stop();
    }
    // And the one after creates nothing more.
    const again = await startSandbox({ database: options, port: 0 });
    try {
      expect([again.createdKeys, again.createdApp, again.createdApiKeys]).toEqual([[], undefined, []]);
    } finally {
      await again.stop();
    }
  });
});

// Versioned migrations on both databases: applied once, in order, recorded; a broken one names
// its file and statement and applies nothing of itself, while earlier ones stay.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { migrate, migrationFiles, MIGRATIONS_DIR } from '../src/db/migrate.js';
import { databaseFor, DATABASES } from './support/databases.js';

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
});

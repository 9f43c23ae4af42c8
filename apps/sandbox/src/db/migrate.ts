// Versioned migrations: migrations/NNNN_name.sql, applied in order, each in its own transaction,
// recorded in schema_migrations of the schema they apply to (every sandbox has its own). On
// PostgreSQL an advisory lock per schema keeps two processes starting on one database from
// applying the same file twice.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { quoteSchema, type Database, type Queryable } from './database.js';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

export interface Migration {
  version: string;
  file: string;
}

export function migrationFiles(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: f.slice(0, 4), file: path.join(dir, f) }));
}

/** Applies the migrations not yet applied; returns the versions it applied. */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  // Under the schema's lock: CREATE TABLE IF NOT EXISTS is not safe against a concurrent one
  // (two processes starting together on an empty database both try to create it).
  await db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query(LOCK, [db.schema]);
    await tx.query(SCHEMA_MIGRATIONS);
  });
  const applied: string[] = [];
  for (const migration of migrationFiles(dir)) {
    const done = await db.transaction(async (tx) => {
      if (db.kind === 'postgres') await tx.query(LOCK, [db.schema]);
      const rows = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (rows.length > 0) return false;
      // Statements one by one: a prepared statement holds one command.
      for (const statement of splitStatements(readFileSync(migration.file, 'utf8'))) {
        try {
          await tx.query(statement);
        } catch (error) {
          // Nothing of this migration is applied (its transaction rolls back); earlier ones stay.
          throw new Error(`Migration ${path.basename(migration.file)} failed at "${statement.split('\n')[0].slice(0, 80)}": ${(error as Error).message}`);
        }
      }
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, path.basename(migration.file)]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}

/** One migrating process per schema at a time. */
const LOCK = "SELECT pg_advisory_xact_lock(hashtext('expys_migrate:' || $1))";

const SCHEMA_MIGRATIONS = 'CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())';

/**
 * A new schema with every migration applied, inside the caller's transaction (whose search_path
 * is `schema`): nothing of it exists unless that transaction commits.
 */
export async function createMigratedSchema(tx: Queryable, schema: string, dir = MIGRATIONS_DIR): Promise<void> {
  await tx.query(`CREATE SCHEMA ${quoteSchema(schema)}`, [], { once: true });
  await tx.query(SCHEMA_MIGRATIONS);
  await applyMissing(tx, dir);
}

/**
 * The migrations the transaction's schema lacks (one made in advance by an older version), in
 * the caller's transaction.
 */
export async function applyMissing(tx: Queryable, dir = MIGRATIONS_DIR): Promise<void> {
  const done = new Set((await tx.query<{ version: string }>('SELECT version FROM schema_migrations')).map((r) => r.version));
  for (const migration of migrationFiles(dir)) {
    if (done.has(migration.version)) continue;
    for (const statement of splitStatements(readFileSync(migration.file, 'utf8'))) await tx.query(statement);
    await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, path.basename(migration.file)]);
  }
}

/** Splits a migration on `;` at line ends, dropping `--` comments (our files use no `;` in strings). */
export function splitStatements(sql: string): string[] {
  return sql
    .split('\n')
    .map((line) => line.replace(/--.*$/, ''))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

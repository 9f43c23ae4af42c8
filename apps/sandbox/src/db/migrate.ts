// Versioned migrations: migrations/NNNN_name.sql, applied in order, each in its own transaction,
// recorded in schema_migrations. On PostgreSQL an advisory lock keeps two sandboxes starting on
// one database from applying the same file twice.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');
const LOCK_ID = 7_304_211;

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
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  const applied: string[] = [];
  for (const migration of migrationFiles(dir)) {
    const done = await db.transaction(async (tx) => {
      if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_ID]);
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

// The sandboxes made on demand, in one table every process on the database reads: each row is a
// schema of the same name holding that sandbox's tables. A deleted or expired sandbox answers 404
// at once on every process (its row says so); its schema is dropped a few seconds later by
// whichever process sweeps first, so requests already running in it finish.
import { randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../db/database.js';

export const REGISTRY = 'expys_registry.sandboxes';

/** `sbx_` + 20 lower-case letters and digits: also the sandbox's schema name. */
export const SANDBOX_ID = /^sbx_[a-z0-9]{20}$/;

export function newSandboxId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  // 36 letters from 256 byte values: rejection keeps every letter equally likely.
  let id = '';
  while (id.length < 20) for (const byte of randomBytes(32)) if (byte < 252 && id.length < 20) id += alphabet[byte % 36];
  return `sbx_${id}`;
}

export interface SandboxRecord {
  id: string;
  label: string;
  createdAt: string;
  /** Real time (not the sandbox's clock): after it, the sandbox answers 404 and is dropped. */
  expiresAt: string | null;
}

const record = (row: any): SandboxRecord => ({
  id: row.id,
  label: row.label,
  createdAt: new Date(row.created_at).toISOString(),
  expiresAt: row.expires_at ? new Date(row.expires_at).toISOString() : null,
});

/** The registry's schema and table, once per database (two processes starting at once included). */
export async function ensureRegistry(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query("SELECT pg_advisory_xact_lock(hashtext('expys_registry'))");
    await tx.query('CREATE SCHEMA IF NOT EXISTS expys_registry');
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${REGISTRY} (
         id text PRIMARY KEY, label text NOT NULL DEFAULT '', created_at timestamptz NOT NULL,
         expires_at timestamptz, deleted_at timestamptz)`,
    );
    await tx.query(`CREATE TABLE IF NOT EXISTS ${SPARES} (name text PRIMARY KEY, created_at timestamptz NOT NULL)`);
  });
}

/**
 * Schemas migrated in advance, waiting to become sandboxes: creating the ~25 tables of a schema
 * is most of the time a new sandbox takes, so a creation renames a spare instead.
 */
export const SPARES = 'expys_registry.spare_schemas';

/** `spare_` + 20 lower-case letters and digits. */
export const newSpareName = () => newSandboxId().replace(/^sbx_/, 'spare_');

/** Takes a spare (deleted from the list in the caller's transaction), or undefined when none is free. */
export async function takeSpare(tx: Queryable): Promise<string | undefined> {
  const [row] = await tx.query(`DELETE FROM ${SPARES} WHERE name = (SELECT name FROM ${SPARES} ORDER BY created_at, name LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING name`);
  return row?.name;
}

export async function countSpares(db: Queryable): Promise<number> {
  const [row] = await db.query(`SELECT count(*)::int AS n FROM ${SPARES}`);
  return Number(row.n);
}

export async function insertRecord(tx: Queryable, id: string, label: string, expiresAt: Date | null): Promise<SandboxRecord> {
  const [row] = await tx.query(`INSERT INTO ${REGISTRY} (id, label, created_at, expires_at) VALUES ($1, $2, clock_timestamp(), $3) RETURNING *`, [id, label, expiresAt]);
  return record(row);
}

/** A live sandbox's record (not deleted, not expired), or undefined. */
export async function findLive(db: Queryable, id: string): Promise<SandboxRecord | undefined> {
  const [row] = await db.query(`SELECT * FROM ${REGISTRY} WHERE id = $1 AND deleted_at IS NULL AND (expires_at IS NULL OR expires_at > clock_timestamp())`, [id]);
  return row ? record(row) : undefined;
}

export async function listLive(db: Queryable): Promise<SandboxRecord[]> {
  return (await db.query(`SELECT * FROM ${REGISTRY} WHERE deleted_at IS NULL AND (expires_at IS NULL OR expires_at > clock_timestamp()) ORDER BY created_at, id`)).map(record);
}

/** Marks a sandbox deleted (404 from now on, everywhere); false when there was no live one. */
export async function markDeleted(db: Queryable, id: string): Promise<boolean> {
  return (await db.query(`UPDATE ${REGISTRY} SET deleted_at = clock_timestamp() WHERE id = $1 AND deleted_at IS NULL RETURNING id`, [id])).length > 0;
}

/**
 * Drops the schemas of sandboxes deleted or expired more than `graceMs` ago, a few at a time;
 * each one by one process only (SKIP LOCKED). Returns the ids dropped.
 */
export async function dropEnded(db: Database, graceMs: number, limit = 5): Promise<string[]> {
  // A read first: the sweep runs every second, and a transaction would write (and empty PGlite's
  // read cache) each time for nothing.
  const ENDED = `coalesce(deleted_at, expires_at) < clock_timestamp() - $1 * interval '1 millisecond'`;
  if ((await db.query(`SELECT 1 FROM ${REGISTRY} WHERE ${ENDED} LIMIT 1`, [graceMs])).length === 0) return [];
  return db.transaction(async (tx) => {
    const rows = await tx.query(
      `SELECT id FROM ${REGISTRY}
        WHERE ${ENDED}
        ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [graceMs, limit],
    );
    for (const { id } of rows) {
      if (!SANDBOX_ID.test(id)) continue;
      await tx.query(`DROP SCHEMA IF EXISTS "${id}" CASCADE`, [], { once: true });
      await tx.query(`DELETE FROM ${REGISTRY} WHERE id = $1`, [id]);
    }
    return rows.map((r) => r.id as string);
  });
}

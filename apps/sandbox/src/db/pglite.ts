// PGlite: PostgreSQL compiled to WebAssembly, in this process. A data folder survives restarts
// (and kill -9: each commit is written through to the folder); no folder keeps it in memory.
import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import type { Database, Queryable } from './database.js';

export async function openPGlite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir);
  } catch (error) {
    throw new Error(`The sandbox database in ${dataDir ?? 'memory'} could not be opened (${(error as Error).message}). Is another sandbox using this folder?`);
  }
  const wrap = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query(sql, params) {
      return (await q.query(sql, params as any[])).rows as any[];
    },
  });
  return {
    kind: 'pglite',
    location: dataDir ?? 'memory',
    ...wrap(db),
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    exec: async (sql) => void (await db.exec(sql)),
    close: () => db.close(),
  };
}

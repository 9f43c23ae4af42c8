// PGlite: PostgreSQL compiled to WebAssembly, in this process. A data folder survives restarts
// (and kill -9: each commit is written through to the folder); no folder keeps it in memory.
import { PGlite } from '@electric-sql/pglite';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { quoteSchema, type Database, type Queryable } from './database.js';

export const LOCK_FILE = 'sandbox.lock';

/**
 * One process per data folder: PGlite does not lock its folder, and two writers would corrupt
 * it. The lock file holds our pid; a lock whose process is gone (kill -9) is taken over.
 */
function lockFolder(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(file, 'utf8'));
      // Our own pid in the file is a previous life of this container (kill -9, then PID 1 again).
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new Error(`Another sandbox (pid ${pid}) is using ${dataDir}. Stop it, or give this one another folder (--data) or --memory.`);
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${file}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function openPGlite(dataDir: string | undefined): Promise<Database> {
  let unlock = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockFolder(dataDir);
  }
  let db: PGlite;
  try {
    db = dataDir ? await PGlite.create(dataDir) : await createInMemory();
  } catch (error) {
    unlock();
    throw new Error(`The sandbox database in ${dataDir ?? 'memory'} could not be opened: ${(error as Error).message}`);
  }
  const wrap = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query(sql, params) {
      return (await q.query(sql, params as any[])).rows as any[];
    },
  });
  // PGlite runs on this process's one thread, so a query costs the HTTP side its time (~0.1 ms).
  // Hot reads (a wallet, an offer) are kept until the next write, which clears them all: every
  // write to this database goes through this object, so the cache cannot serve stale rows.
  const reads = new Map<string, any[]>();
  const MAX_CACHED_READS = 2_000;
  // Bumped at the start and end of every write: a read that overlapped a write is not kept.
  let version = 0;
  const wrote = () => {
    version++;
    reads.clear();
  };
  const plain = wrap(db);
  // One connection serves every schema (every sandbox): PGlite runs queries, execs and
  // transactions one at a time in the order they were called, so a schema switch queued right
  // before a query (with no await between) is the one in effect when it runs. `queued` is the
  // schema of the last switch queued.
  let queued = 'public';
  const enter = (schema: string) => {
    if (queued === schema) return;
    queued = schema;
    void db.exec(`SET search_path TO ${quoteSchema(schema)}`).catch(() => {});
  };

  const view = (schema: string, owner: boolean): Database => ({
    kind: 'pglite',
    location: dataDir ?? 'memory',
    schema,
    scoped: (other) => view(other, false),
    async query(sql, params, options) {
      if (!options?.cacheable) {
        if (/^\s*SELECT\b/i.test(sql)) {
          enter(schema);
          return plain.query(sql, params);
        }
        wrote();
        try {
          enter(schema);
          return await plain.query(sql, params);
        } finally {
          wrote();
        }
      }
      const key = `${schema}\u0000${sql}\u0000${JSON.stringify(params ?? [])}`;
      const hit = reads.get(key);
      if (hit) return hit;
      const before = version;
      enter(schema);
      const rows = await plain.query(sql, params);
      if (version === before) {
        if (reads.size >= MAX_CACHED_READS) reads.clear();
        reads.set(key, rows);
      }
      return rows;
    },
    async transaction(work) {
      wrote();
      try {
        enter(schema);
        return await db.transaction((tx) => work(wrap(tx)));
      } finally {
        wrote();
      }
    },
    exec: async (sql) => {
      wrote();
      try {
        enter(schema);
        await db.exec(sql);
      } finally {
        wrote();
      }
    },
    close: owner
      ? async () => {
          try {
            await db.close();
          } finally {
            unlock();
          }
        }
      : async () => {},
  });
  return view('public', true);
}

// In-memory databases after the second start as a copy of an empty cluster: PGlite's initdb
// (about 1.5 s of WebAssembly) runs for the first two only, and each later one loads the copy in
// about 0.5 s. Tests that start a fresh sandbox per test (ours, and our users') pay it twice, not
// every time. The copy (about 40 MB) is made by the second database, before anything is written
// to it, so a process that opens one (`serve --memory`) keeps no copy and every database starts empty.
let opened = 0;
let emptyCluster: Promise<Blob> | undefined;

async function createInMemory(): Promise<PGlite> {
  opened++;
  if (emptyCluster) return PGlite.create({ loadDataDir: await emptyCluster });
  const fresh = await PGlite.create();
  if (opened >= 2 && !emptyCluster) {
    emptyCluster = fresh.dumpDataDir('none');
    // Kept only when it worked: a failed copy is tried again by the next database.
    emptyCluster.catch(() => (emptyCluster = undefined));
    await emptyCluster.catch(() => undefined);
  }
  return fresh;
}

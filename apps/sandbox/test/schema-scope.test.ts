// One pool serves every sandbox: a connection switches schema (search_path) when it serves
// another. What a sandbox's queries see must be its own schema whatever ran on the connection
// before: another sandbox's committed or rolled-back transaction included. One connection in the
// pool, so each step reuses the one before's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.js';
import { startPostgres, type PostgresServer } from '../src/testing/postgres-server.js';

describe.each(['pglite', 'postgres'] as const)('schemas on one connection (%s)', (kind) => {
  let server: PostgresServer | undefined;
  let db: Database;

  beforeAll(async () => {
    if (kind === 'postgres') {
      server = await startPostgres();
      db = await openDatabase({ kind: 'postgres', url: await server.createDatabase(), poolSize: 1 });
    } else {
      db = await openDatabase({ kind: 'memory' });
    }
    for (const schema of ['sbx_aaaaaaaaaaaaaaaaaaaa', 'sbx_bbbbbbbbbbbbbbbbbbbb']) {
      await db.exec(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.owner (name text); INSERT INTO ${schema}.owner VALUES ('${schema}')`);
    }
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await server?.stop();
  });

  const owner = async (schema: string) => (await db.scoped(schema).query<{ name: string; current: string }>('SELECT name, current_schema() AS current FROM owner'))[0];
  const [a, b] = ['sbx_aaaaaaaaaaaaaaaaaaaa', 'sbx_bbbbbbbbbbbbbbbbbbbb'];

  it('a rolled-back transaction of one sandbox leaves the connection in that sandbox, as recorded', async () => {
    expect(await owner(a)).toEqual({ name: a, current: a });
    await expect(
      db.scoped(b).transaction(async (tx) => {
        expect((await tx.query('SELECT name FROM owner'))[0].name).toBe(b);
        throw new Error('refused after reading');
      }),
    ).rejects.toThrow('refused after reading');
    expect(await owner(b)).toEqual({ name: b, current: b });
    expect(await owner(a)).toEqual({ name: a, current: a });
  });

  it('a committed transaction, then queries of both, alternate without mixing', async () => {
    for (let i = 0; i < 5; i++) {
      const [first, second] = i % 2 === 0 ? [a, b] : [b, a];
      await db.scoped(first).transaction(async (tx) => void (await tx.query('SELECT 1')));
      expect((await owner(second)).name).toBe(second);
      expect((await owner(first)).name).toBe(first);
    }
  });
});

// PostgreSQL through node-postgres: a pool, one client per transaction.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { redactUrl, type Database, type Queryable } from './database.js';

// int8 (balances, sums) as numbers: every amount the API carries fits in 2^53.
pg.types.setTypeParser(20, (value) => Number(value));
// numeric (averages) too.
pg.types.setTypeParser(1700, (value) => Number(value));

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client losing its connection must not crash the sandbox; the next query reconnects.
  pool.on('error', () => {});
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw new Error(`PostgreSQL at ${redactUrl(url)} is not reachable: ${(error as Error).message}`);
  }
  // Named statements: each connection parses and plans a statement once, then only binds and
  // executes it (our SQL is a fixed set of texts; parameters carry every value).
  const names = new Map<string, string>();
  const nameOf = (sql: string) => {
    let name = names.get(sql);
    if (!name) names.set(sql, (name = `expys_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`));
    return name;
  };
  const wrap = (q: { query: pg.Pool['query'] }): Queryable => ({
    async query(sql, params) {
      return (await q.query({ name: nameOf(sql), text: sql, values: params as any[] })).rows;
    },
  });
  return {
    kind: 'postgres',
    location: redactUrl(url),
    ...wrap(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => void (await pool.query(sql)),
    close: () => pool.end(),
  };
}

// PostgreSQL through node-postgres: one pool per process, shared by every sandbox it serves. A
// connection runs in one schema at a time (its search_path): before a query for another sandbox
// it is switched, so each sandbox's queries see its own tables only.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { quoteSchema, redactUrl, type Database, type Queryable } from './database.js';

// int8 (balances, sums) as numbers: every amount the API carries fits in 2^53.
pg.types.setTypeParser(20, (value) => Number(value));
// numeric (averages) too.
pg.types.setTypeParser(1700, (value) => Number(value));

/** Distinct SQL texts kept prepared (the sandbox has a few hundred). */
export const MAX_NAMED = 2_000;

/** How many distinct SQL texts `db` has prepared so far (PostgreSQL; for tests that no text varies per call). */
export function preparedTexts(db: Database): number {
  return (db as Database & { [PREPARED]?: () => number })[PREPARED]?.() ?? 0;
}
const PREPARED = Symbol('preparedTexts');

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
  // executes it (our SQL is a fixed set of texts; parameters carry every value). PostgreSQL plans
  // a named statement again when the search_path it runs under changes, so one name serves every schema.
  // Our texts are a fixed set: one that varies per call (a value written into the SQL instead of
  // a parameter) would make every connection parse, plan and keep a new statement per request.
  // Past MAX_NAMED texts, new ones run unnamed, and the first is reported once.
  const names = new Map<string, string>();
  let reported = false;
  const nameOf = (sql: string): string | undefined => {
    let name = names.get(sql);
    if (name) return name;
    if (names.size >= MAX_NAMED) {
      if (!reported) {
        reported = true;
        process.emitWarning(`More than ${MAX_NAMED} distinct SQL texts: one of them varies per call (a value in the text instead of a parameter?), e.g. ${JSON.stringify(sql.slice(0, 120))}`, 'ExpysSandboxWarning');
      }
      return undefined;
    }
    names.set(sql, (name = `expys_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`));
    return name;
  };
  const wrap = (client: pg.PoolClient): Queryable => ({
    async query(sql, params, options) {
      const name = options?.once ? undefined : nameOf(sql);
      return (await client.query(name ? { name, text: sql, values: params as any[] } : { text: sql, values: params as any[] })).rows;
    },
  });
  // The schema each pooled connection is in now, so it is switched only when it serves another.
  const schemaOf = new WeakMap<pg.PoolClient, string>();
  // The switch is a statement of its own, outside any transaction: sent with BEGIN in one query
  // string it would become part of that transaction, and a rollback would silently put the
  // connection back in the previous sandbox's schema.
  const connect = async (schema: string) => {
    const client = await pool.connect();
    if (schemaOf.get(client) !== schema) {
      try {
        await client.query(`SET search_path TO ${quoteSchema(schema)}`);
      } catch (error) {
        client.release(true);
        throw error;
      }
      schemaOf.set(client, schema);
    }
    return client;
  };

  const view = (schema: string, owner: boolean): Database & { [PREPARED]: () => number } => ({
    [PREPARED]: () => names.size,
    kind: 'postgres',
    location: redactUrl(url),
    schema,
    scoped: (other) => view(other, false),
    async query(sql, params, options) {
      const client = await connect(schema);
      try {
        return await wrap(client).query(sql, params, options);
      } finally {
        client.release();
      }
    },
    async transaction(work) {
      const client = await connect(schema);
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
    async exec(sql) {
      const client = await connect(schema);
      try {
        await client.query(sql);
      } finally {
        client.release();
      }
    },
    close: owner ? () => pool.end() : async () => {},
  });
  return view('public', true);
}

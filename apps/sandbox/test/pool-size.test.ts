// --pool-size: how many PostgreSQL connections one sandbox process may open. A team running N
// processes on one server budgets N × n of its max_connections; the flag must really cap them.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from '../src/testing/postgres-server.js';
import { FULL_KEY } from './support/databases.js';
import { runCli, startProcess } from './support/process.js';

describe('serve --pool-size', () => {
  let server: PostgresServer | undefined;
  afterAll(() => server?.stop());

  it('refuses a size outside 1–100, or one given without PostgreSQL, saying why', async () => {
    for (const size of ['0', '101', '2.5', 'many']) {
      const run = await runCli(['serve', '--memory', '--port', '0', '--database-url', 'postgres://127.0.0.1:1/none', '--pool-size', size]);
      expect([run.code, run.stderr.split('\n')[0]]).toEqual([2, `--pool-size must be a whole number from 1 to 100, not ${size}`]);
    }
    const pglite = await runCli(['serve', '--memory', '--port', '0', '--pool-size', '4']);
    expect([pglite.code, pglite.stderr.split('\n')[0]]).toEqual([2, '--pool-size is for PostgreSQL (--database-url): PGlite has one connection.']);
  });

  it('caps the connections a process opens under load; the default opens more under the same load', async () => {
    server = await startPostgres();
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    try {
      const connectionsUnderLoad = async (flags: string[]) => {
        const url = await server!.createDatabase();
        const database = new URL(url).pathname.slice(1);
        const sandbox = await startProcess(['--database-url', url, '--sample-keys', ...flags]);
        try {
          let most = 0;
          const credits = Array.from({ length: 80 }, () =>
            fetch(`${sandbox.url}/v1/points/credit`, {
              method: 'POST',
              headers: { authorization: `Bearer ${FULL_KEY}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
              body: JSON.stringify({ externalUserID: 'user_123', amount: 1, reason: 'pool' }),
            }).then((r) => r.status),
          );
          const watching = (async () => {
            for (let i = 0; i < 20; i++) {
              const { rows } = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [database]);
              most = Math.max(most, rows[0].n);
              await new Promise((r) => setTimeout(r, 25));
            }
          })();
          expect(await Promise.all(credits)).toEqual(Array(80).fill(200));
          await watching;
          const { rows } = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [database]);
          return Math.max(most, rows[0].n);
        } finally {
          await sandbox.stop();
        }
      };
      const capped = await connectionsUnderLoad(['--pool-size', '2']);
      expect(capped).toBeGreaterThanOrEqual(1);
      expect(capped).toBeLessThanOrEqual(2);
      expect(await connectionsUnderLoad([])).toBeGreaterThan(2);
    } finally {
      await admin.end();
    }
  });
});

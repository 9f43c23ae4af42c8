// In-memory databases (PGlite, no folder) after the second start as copies of an empty cluster
// made per process: each must start empty and independent, whatever the databases before it hold.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';

describe('in-memory databases', () => {
  it('each starts empty and apart from the others, whatever was written to those before it', async () => {
    const first = await openDatabase({ kind: 'memory' });
    const second = await openDatabase({ kind: 'memory' });
    try {
      await first.exec('CREATE TABLE written_first (n int); INSERT INTO written_first VALUES (1)');
      await migrate(first);
      await second.exec('CREATE TABLE written_second (n int)');
      const third = await openDatabase({ kind: 'memory' });
      try {
        const [row] = await third.query<{ tables: number }>("SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public'");
        expect(row.tables).toBe(0);
        // A copy is a whole database: migrations run on it as on the first.
        expect((await migrate(third)).length).toBeGreaterThan(0);
        await third.exec('CREATE TABLE written_third (n int)');
        const [seen] = await first.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'written_third'");
        expect(seen.n).toBe(0);
        const fourth = await openDatabase({ kind: 'memory' });
        const [empty] = await fourth.query<{ tables: number }>("SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public'");
        await fourth.close();
        expect(empty.tables).toBe(0);
      } finally {
        await third.close();
      }
    } finally {
      await first.close();
      await second.close();
    }
  });
});

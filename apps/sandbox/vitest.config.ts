import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Files start sandboxes and PostgreSQL servers: two at a time, one per core of the machine
    // the suite is run on (turbo runs one package's tests at a time). The team test (three
    // processes and a load on one PostgreSQL) runs alone afterwards: `npm test` in package.json.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

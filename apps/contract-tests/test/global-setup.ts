// Clears the coverage log before the run; afterwards prints and writes the coverage report and
// fails the run if an operation of the spec was never exercised.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, coverageReport, renderCoverage, resetCoverageLog } from '../src/coverage.js';
import { loadFullBundle, operationsOf } from '../src/spec.js';

let postgres: { stop(): Promise<void> } | undefined;

export async function setup() {
  resetCoverageLog();
  // The sandbox on PostgreSQL: one real server for the run, a fresh database per test file.
  if (process.env.EXPYS_CONTRACT_SANDBOX === 'postgres' && !process.env.EXPYS_CONTRACT_POSTGRES_URL) {
    const { startPostgres } = await import('@expys/sandbox/testing');
    const server = await startPostgres();
    postgres = server;
    process.env.EXPYS_CONTRACT_POSTGRES_URL = server.url;
  }
}

export async function teardown() {
  await postgres?.stop();
  const report = coverageReport(operationsOf(loadFullBundle()));
  const text = renderCoverage(report);
  writeFileSync(path.join(ARTIFACTS, 'contract-coverage.md'), `${text}\n`);
  writeFileSync(path.join(ARTIFACTS, 'contract-coverage.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nContract coverage (artifacts/contract-coverage.md):\n${text}\n`);
  const untested = report.rows.filter((r) => r.exercised.length === 0).map((r) => r.operationId);
  if (!report.complete) {
    console.log('(A partial run: operations.test.ts did not run, so untested operations are not an error.)');
  } else if (untested.length > 0) {
    console.error(`✖ Operations with no contract test: ${untested.join(', ')}`);
    process.exitCode = 1;
  }
}

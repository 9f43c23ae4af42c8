// Which (operation, documented status) pairs the suite really exercised and validated.
// Test files append to a JSON-lines file (they may run in separate workers); the global
// teardown turns it into the report and fails the run if an operation was never exercised.
import { appendFileSync, mkdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Operation } from './spec.js';

/** EXPYS_CONTRACT_ARTIFACTS moves the report (the scale bench keeps its runs out of this one). */
export const ARTIFACTS = path.resolve(process.env.EXPYS_CONTRACT_ARTIFACTS || path.join(import.meta.dirname, '../artifacts'));
const LOG = path.join(ARTIFACTS, 'coverage.jsonl');

export interface Exercise {
  operationId: string;
  status: number;
  /** What drove it: `client` (the per-operation suite), `boundary`, `fuzz`, `journey`. */
  via: string;
  /** The target answered from the spec's examples, not with code (`Expys-Sandbox-Answer: example`). */
  fromExamples?: true;
}

export function resetCoverageLog(): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(LOG, '');
}

export function recordExercise(exercise: Exercise): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  appendFileSync(LOG, `${JSON.stringify(exercise)}\n`);
}

export interface CoverageRow {
  operationId: string;
  mode: string;
  documented: string[];
  exercised: string[];
  missing: string[];
  fuzzed: number;
  /** Some answer came from the spec's examples (the sandbox has no code for it yet): its stateful checks were skipped. */
  fromExamples: boolean;
}

export function coverageReport(operations: Operation[]) {
  const log: Exercise[] = existsSync(LOG)
    ? readFileSync(LOG, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
    : [];
  // Grouped once: filtering the whole log per operation was operations × exchanges.
  const byOperation = new Map<string, Exercise[]>();
  for (const e of log) {
    const list = byOperation.get(e.operationId);
    if (list) list.push(e);
    else byOperation.set(e.operationId, [e]);
  }
  const rows: CoverageRow[] = operations.map((op) => {
    const mine = byOperation.get(op.operationId) ?? [];
    const statuses = new Set(mine.map((e) => String(e.status)));
    const exercised = op.statuses.filter((s) => statuses.has(s));
    return {
      operationId: op.operationId,
      mode: op.mode,
      documented: op.statuses,
      exercised,
      missing: op.statuses.filter((s) => !statuses.has(s)),
      fuzzed: mine.filter((e) => e.via === 'fuzz').length,
      fromExamples: mine.some((e) => e.fromExamples === true),
    };
  });
  const documented = rows.reduce((n, r) => n + r.documented.length, 0);
  const exercised = rows.reduce((n, r) => n + r.exercised.length, 0);
  // The per-operation suite is what guarantees every operation a test; without it the run was partial.
  const complete = log.some((e) => e.via === 'client');
  return { rows, complete, totals: { operations: rows.length, documented, exercised, requests: log.length } };
}

export function renderCoverage(report: ReturnType<typeof coverageReport>): string {
  const fromExamples = report.rows.filter((r) => r.fromExamples).map((r) => r.operationId);
  const lines = [
    '| operation | mode | exercised / documented | not covered | fuzzed inputs |',
    '|---|---|---|---|---|',
    ...report.rows.map(
      (r) => `| ${r.operationId} | ${r.mode} | ${r.exercised.length}/${r.documented.length} | ${r.missing.join(', ') || '—'} | ${r.fuzzed} |`,
    ),
    '',
    `Totals: ${report.totals.exercised}/${report.totals.documented} documented statuses exercised across ${report.totals.operations} operations (${report.totals.requests} validated exchanges).`,
  ];
  if (fromExamples.length > 0) {
    lines.push(
      '',
      `Answered from the spec's examples, not by code (the target has none for them yet; Expys-Sandbox-Answer: example): ${fromExamples.join(', ')}.`,
      'Their answers were checked against the schemas and their boundary refusals for real; the errors only their code could cause were skipped.',
    );
  }
  return lines.join('\n');
}

// `npm run bench`: every performance figure of the repository, measured side by side in one
// run on this machine, written to scripts/bench/benchmarks.json and rendered into
// BENCHMARKS.md and the README's figures. Nothing there is typed by hand.
//
// Each measurement runs as its own process (the per-call and size benches of the member client,
// the throughput bench of the sandbox, the team bench, the scale bench), or is timed here (lint,
// the build cold and from a full cache, the dev loop, the test suite). Options skip the long ones:
//   npm run bench -- [--skip-tests] [--skip-load] [--skip-team] [--skip-scale] [--skip-build] [--skip-baselines] [--skip-before-after]
//                    [--only-before-after] [--only-team]
// (--skip-before-after keeps the last before/after table; --skip-baselines also runs the load bench without its baseline;
// --only-before-after measures the baseline's side alone, next to this tree's suite and build figures of an earlier run today;
// --only-team re-measures the team section alone (apps/sandbox/bench/team.ts, about 3 minutes) and re-renders BENCHMARKS.md
// and the README's figures around it, every other figure as it was.)
// A skipped section keeps its last figures, marked with their date. Two sections measure an
// earlier commit next to this one in the same run (scripts/bench/baseline.ts): the load bench runs
// the mock and sandbox from before the shared credential boundary beside today's, and the last
// section times lint, the cold build and the suite before the documented areas and now.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { copySpec } from '../../apps/dev/src/spec-copy.js';
import { BEFORE_AREAS, BEFORE_GATEWAY, headRev, prepareBaseline } from './baseline.js';
import { BENCHMARKS_JSON, REPO, renderBenchmarks, updateReadme, type BeforeAfter, type Benchmarks } from './render.js';

const { values: args } = parseArgs({
  options: {
    'skip-tests': { type: 'boolean', default: false },
    'skip-load': { type: 'boolean', default: false },
    'skip-team': { type: 'boolean', default: false },
    'skip-scale': { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    'skip-baselines': { type: 'boolean', default: false },
    'skip-before-after': { type: 'boolean', default: false },
    'only-before-after': { type: 'boolean', default: false },
    'only-team': { type: 'boolean', default: false },
  },
});

const previous: Partial<Benchmarks> = existsSync(BENCHMARKS_JSON) ? JSON.parse(readFileSync(BENCHMARKS_JSON, 'utf8')) : {};
for (const [flag, section] of [['skip-build', 'pipeline'], ['skip-load', 'load']] as const) {
  if (args[flag] && !previous[section]) throw new Error(`--${flag}: no earlier figures to keep (scripts/bench/benchmarks.json has no ${section}); run once without it`);
}
const today = new Date().toISOString().slice(0, 10);
const only = args['only-before-after'];
if (only) {
  if (previous.tests?.measuredOn !== today || previous.pipeline?.measuredOn !== today) {
    throw new Error('--only-before-after: this tree\'s suite and build were not measured today (scripts/bench/benchmarks.json); run npm run bench without it');
  }
  Object.assign(args, { 'skip-tests': true, 'skip-load': true, 'skip-team': true, 'skip-scale': true, 'skip-build': true });
}
const PNPM = ['sh', path.join(REPO, 'scripts/pnpm.sh')];

function log(line: string) {
  console.log(`[bench] ${line}`);
}

/** Runs a command to completion (output shown), returning its wall time in ms; throws on failure. */
function timed(command: string[], cwd = REPO, env: NodeJS.ProcessEnv = {}): number {
  const started = performance.now();
  const result = spawnSync(command[0], command.slice(1), { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command.join(' ')} failed (exit ${result.status})`);
  return performance.now() - started;
}

/** Same, output hidden (shown on failure). */
function quietly(command: string[], cwd = REPO): number {
  const started = performance.now();
  const result = spawnSync(command[0], command.slice(1), { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  if (result.status !== 0) throw new Error(`${command.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return performance.now() - started;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

const result: Benchmarks = {
  measuredOn: today,
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.versions.node, platform: `${os.platform()} ${os.release()}` },
  client: previous.client!,
  frontend: previous.frontend,
  pipeline: previous.pipeline!,
  devLoop: previous.devLoop!,
  load: previous.load!,
  team: previous.team,
  scale: previous.scale,
  tests: previous.tests,
  beforeAfter: previous.beforeAfter,
};

// 4b (run below, after the load bench). A sandbox for a team: durable credits per second with 1, 2 and 3
// sandbox processes on one PostgreSQL, next to pgbench on the same server, and sandbox creation.
function measureTeam(): void {
  log('team: credits/s with 1, 2 and 3 sandbox processes on one PostgreSQL, pgbench beside them, sandbox creation');
  timed([...PNPM, '--filter', '@expys/sandbox', 'run', 'bench:team']);
  result.team = { measuredOn: today, ...readJson(path.join(REPO, 'apps/sandbox/artifacts/team.json')) };
}

if (args['only-team']) {
  // This section alone: the page's other sections and its machine line stay as written; the
  // README's figures block is rendered again (it must agree with benchmarks.json), so only its
  // team row changes.
  Object.assign(result, { measuredOn: previous.measuredOn ?? today, machine: previous.machine ?? result.machine });
  measureTeam();
  writeFileSync(BENCHMARKS_JSON, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(path.join(REPO, 'BENCHMARKS.md'), renderBenchmarks(result));
  updateReadme(result);
  log(`written: BENCHMARKS.md, ${path.relative(REPO, BENCHMARKS_JSON)}, README.md figures (the team section)`);
  process.exit(0);
}

// 1. The member client: per call against bare openapi-fetch and raw fetch; app bundle size.
if (!only) {
log('member client: per call and bundle size');
quietly([...PNPM, '--filter', '@expys/member-client', 'run', 'bench:per-call']);
quietly([...PNPM, '--filter', '@expys/member-client', 'run', 'bench:size']);
const perCall = readJson(path.join(REPO, 'packages/member-client/artifacts/per-call.json'));
const size = readJson(path.join(REPO, 'packages/member-client/artifacts/size.json'));
result.client = { measuredOn: today, perCall, size };

// 1b. What frontend teams add: the TanStack Query adapter, the MSW handlers, the example app's
// production build (and the leak scan of it), and the scanner's speed.
log('frontend: adapter and MSW sizes, the example app build, scan speed');
const frontendBenches = [
  ['@expys/member-query', 'bench:size', 'packages/member-query/artifacts/size.json'],
  ['@expys/msw-handlers', 'bench:size', 'packages/msw-handlers/artifacts/size.json'],
  ['@expys/example-web', 'bench:size', 'apps/example-web/artifacts/size.json'],
  ['@expys/leak-scanner', 'bench', 'packages/leak-scanner/artifacts/speed.json'],
] as const;
for (const [pkg, script] of frontendBenches) quietly([...PNPM, '--filter', pkg, 'run', script]);
const [adapter, msw, exampleApp, scan] = frontendBenches.map(([, , file]) => readJson(path.join(REPO, file)));
result.frontend = { measuredOn: today, adapter, msw, exampleApp, scan };
}

// 2. The pipeline: lint, the build with no cache and with a full cache hit.
if (!args['skip-build']) {
  log('pipeline: lint ×3, build cold (turbo --force) and from a full cache');
  const lintMs = median([0, 1, 2].map(() => quietly(['npm', 'run', 'lint'])));
  const coldMs = quietly([...PNPM, 'exec', 'turbo', 'run', 'build', '--force', '--concurrency=2']);
  const cachedMs = median([0, 1, 2].map(() => quietly([...PNPM, 'exec', 'turbo', 'run', 'build'])));
  result.pipeline = { measuredOn: today, lintMs: Math.round(lintMs), buildColdMs: Math.round(coldMs), buildCachedMs: Math.round(cachedMs) };
}

// 3. The dev loop: the real `expys-dev` on a copy of the spec, five edits, time from save to types.
if (!only) {
  log('dev loop: save → bundles → types, five edits');
  result.devLoop = { measuredOn: today, ...(await measureDevLoop()) };
}

// 4. Load: the sandbox, the mock and bare Prism, each its own process (apps/sandbox bench).
if (!args['skip-load']) {
  log('load: sandbox (PGlite, PostgreSQL), mock and bare Prism');
  const baseline = args['skip-baselines'] ? undefined : prepareBaseline(BEFORE_GATEWAY, log);
  timed([...PNPM, '--filter', '@expys/sandbox', 'run', 'bench'], REPO, baseline ? { BENCH_BASELINE_DIR: baseline.dir, BENCH_BASELINE_REV: baseline.rev } : {});
  result.load = { measuredOn: today, ...readJson(path.join(REPO, 'apps/sandbox/artifacts/throughput.json')) };
}

// 4b. A sandbox for a team (measureTeam above).
if (!args['skip-team']) measureTeam();

// 5. Scale: the pipeline at 100, 300 and 1,000 synthetic operations (scripts/scale).
if (!args['skip-scale']) {
  log('scale: 100, 300 and 1,000 operations');
  timed(['npm', 'run', 'bench:scale']);
  result.scale = { measuredOn: today, ...readJson(path.join(REPO, 'scripts/scale/artifacts/scale.json')) };
}

function write(): void {
  mkdirSync(path.dirname(BENCHMARKS_JSON), { recursive: true });
  writeFileSync(BENCHMARKS_JSON, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(path.join(REPO, 'BENCHMARKS.md'), renderBenchmarks(result));
  updateReadme(result);
  log(`written: BENCHMARKS.md, ${path.relative(REPO, BENCHMARKS_JSON)}, README.md figures`);
}

// Written before the test suite runs (it checks that these files agree), then again with its time.
if (!only) write();

// 6. The whole test suite, as CI runs it.
if (!args['skip-tests']) {
  log('tests: npm test');
  // Forced: a cached task would replay in no time and understate what CI spends.
  const ms = timed(['npm', 'test'], REPO, { TURBO_FORCE: 'true' });
  result.tests = { measuredOn: today, ms: Math.round(ms), ...countTests() };
  write();
}

// 7. Before and after: lint, the cold build and the suite on the commit before the documented
// areas, next to this run's figures for this tree.
if (!args['skip-baselines'] && !args['skip-before-after']) {
  const before = prepareBaseline(BEFORE_AREAS, log);
  log(`before/after: lint, cold build${args['skip-tests'] && !only ? '' : ' and the suite'} on ${before.rev}`);
  const lintBefore = median([0, 1, 2].map(() => quietly(['npm', 'run', 'lint'], before.dir)));
  const buildBefore = quietly(['sh', path.join(before.dir, 'scripts/pnpm.sh'), 'exec', 'turbo', 'run', 'build', '--force', '--concurrency=2'], before.dir);
  // An earlier commit's suite may fail a task of its own (f8ae508's scripts typecheck did): it
  // runs on with --continue, so the time still covers every task, and the failures are listed.
  const suiteBefore = args['skip-tests'] && !only ? undefined : suiteRun(before.dir);
  const pipeline = args['skip-build'] && !only ? undefined : result.pipeline;
  const tests = args['skip-tests'] && !only ? undefined : result.tests;
  const rows: BeforeAfter['rows'] = [
    { what: 'operations (HTTP, both audiences)', before: operationCount(before.dir), after: operationCount(REPO), unit: 'count' },
    { what: '`npm run lint` (median of 3)', before: Math.round(lintBefore), after: pipeline?.lintMs ?? null, unit: 'ms' },
    { what: 'build, no turbo cache', before: Math.round(buildBefore), after: pipeline?.buildColdMs ?? null, unit: 'ms' },
    { what: '`npm test`, no turbo cache', before: suiteBefore === undefined ? null : Math.round(suiteBefore.ms), after: tests?.ms ?? null, unit: 'ms' },
    { what: 'tests', before: suiteBefore === undefined ? null : countTests(before.dir).tests, after: tests?.tests ?? null, unit: 'count' },
  ];
  result.beforeAfter = {
    measuredOn: today,
    baseline: { rev: before.rev, subject: before.subject },
    head: headRev(),
    rows,
    ...(suiteBefore?.failed.length ? { failed: { before: suiteBefore.failed } } : {}),
  };
  write();
}

/** `npm test` of a tree with turbo's --continue: its wall time and the tasks that failed (output shown). */
function suiteRun(root: string): { ms: number; failed: string[] } {
  const started = performance.now();
  const result = spawnSync('npm', ['test', '--', '--continue'], { cwd: root, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, TURBO_FORCE: 'true' } });
  const ms = performance.now() - started;
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  const failed = [...(result.stdout ?? '').replace(/\u001b\[[0-9;]*m/g, '').matchAll(/^\s*Failed:\s+(.+)$/gm)].flatMap((m) => m[1].split(/,\s*/).map((t) => t.trim()).filter(Boolean));
  if (result.status !== 0 && failed.length === 0) throw new Error(`npm test in ${root} failed (exit ${result.status}) before turbo ran its tasks`);
  return { ms, failed };
}

/** HTTP operations in a tree's built full bundle. */
function operationCount(root: string): number {
  const doc = readJson(path.join(root, 'packages/openapi/dist/expys.full.json'));
  return Object.values<Record<string, { operationId?: string }>>(doc.paths).reduce((n, item) => n + Object.values(item).filter((op) => op && typeof op === 'object' && 'operationId' in op).length, 0);
}

/** Tests counted from turbo's logs of the last run (vitest's summary line per package). */
function countTests(root = REPO): { tests: number; files: number } {
  const folders = ['packages', 'apps'].flatMap((dir) => readdirSync(path.join(root, dir)).map((name) => path.join(root, dir, name))).concat(path.join(root, 'scripts'));
  let tests = 0;
  let files = 0;
  for (const folder of folders) {
    const logFile = path.join(folder, '.turbo/turbo-test.log');
    if (!existsSync(logFile)) continue;
    const text = readFileSync(logFile, 'utf8').replace(/\u001b\[[0-9;]*m/g, '');
    for (const m of text.matchAll(/Tests\s+(?:\d+ failed \| )?(\d+) passed/g)) tests += Number(m[1]);
    for (const m of text.matchAll(/Test Files\s+(?:\d+ failed \| )?(\d+) passed/g)) files += Number(m[1]);
  }
  return { tests, files };
}

async function measureDevLoop(): Promise<{ editToTypesMs: number[]; medianMs: number; coldStartMs: number }> {
  const work = mkdtempSync(path.join(tmpdir(), 'expys-bench-dev-'));
  let child: ReturnType<typeof spawn> | undefined;
  try {
    const configFile = copySpec(REPO, work);
    for (const audience of ['member', 'server']) {
      mkdirSync(path.join(work, `${audience}-client`));
      writeFileSync(path.join(work, `${audience}-client/package.json`), JSON.stringify({ name: `@expys/${audience}-client`, version: '0.0.0' }));
    }
    const started = performance.now();
    child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'apps/dev/src/cli.ts'), '--config', configFile, '--port', '0', '--no-docs', '--client', `member=${path.join(work, 'member-client')}`, '--client', `server=${path.join(work, 'server-client')}`], { cwd: path.join(REPO, 'apps/dev') });
    let output = '';
    child.stdout!.on('data', (c) => (output += c));
    child.stderr!.on('data', (c) => (output += c));
    const reports = () => output.split('\n').filter((l) => /^[✔✖] /.test(l));
    const waitFor = async (count: number) => {
      for (let i = 0; i < 600 && reports().length < count; i++) await new Promise((r) => setTimeout(r, 50));
      if (reports().length < count) throw new Error(`the dev loop did not report:\n${output}`);
    };
    await waitFor(1);
    const coldStartMs = performance.now() - started;
    const file = path.join(work, 'spec/paths/wallet.yaml');
    const original = readFileSync(file, 'utf8');
    const editToTypesMs: number[] = [];
    for (let i = 1; i <= 5; i++) {
      writeFileSync(file, original.replace("summary: Get the member's wallet", `summary: Get the member's wallet (edit ${i})`));
      await waitFor(1 + i);
      const line = reports()[i];
      const seconds = /(\d+\.\d\d) s after the save/.exec(line);
      if (!line.startsWith('✔') || !seconds || !line.includes('types')) throw new Error(`unexpected dev loop report: ${line}`);
      editToTypesMs.push(Math.round(Number(seconds[1]) * 1000));
      await new Promise((r) => setTimeout(r, 300));
    }
    return { editToTypesMs, medianMs: median(editToTypesMs), coldStartMs: Math.round(coldStartMs) };
  } finally {
    child?.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}

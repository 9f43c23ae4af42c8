// `npm run bench:scale [-- --sizes 100,300,1000]`: the whole pipeline on synthetic specs of N
// operations (scripts/scale/generate-spec.ts), one stage at a time, each in its own process:
// wall time and peak memory (max RSS, from /usr/bin/time) per stage and N. Prints a table and
// the marginal cost per operation (is a stage linear?), writes scripts/scale/artifacts/scale.json.
// Options: --sizes 100,300,1000  --stages lint,bundle,…  --runs 3 (median of 3 per stage)
//          --timeout 240 (seconds per stage run; then it is killed and recorded as a timeout)
//          --keep (keep the temporary folders)  --out <file.json>
//
// Stages, as the build runs them:
//   lint       Redocly with our rules on the multi-file source (`npm run lint`'s first check)
//   bundle     scripts/bundle/cli.ts: lint again, the full/member/server bundles, the audit
//   spectral   Spectral (spectral:oas + OWASP, scripts/lint/spectral.yaml) on the 3 bundles, as
//              `npm run lint` runs it (not part of the build)
//   generate   scripts/generate/client.ts for the member and the server client
//   typecheck  tsc --noEmit on both clients' sources and a consumer program that calls them
//   docs       apps/docs' build (docs copies, boundary checks, two Redocly build-docs, leak check)
//   mock       startMock (gateway + Prism) on the full bundle, until the first 200
//   contract   apps/contract-tests' operations.test.ts on the mock of that bundle, through the
//              generated clients: every documented status of every operation. The bounded
//              subset: fuzz, boundary matrix, pagination, journeys and workflows are not run.
// "pipeline" is bundle + generate + typecheck + docs + mock (lint is inside bundle).
//
// Needs the workspace built once (`npm run build`): the client runtime, the mock and the
// clients' error classes are used from their dist/.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../bundle/redocly.js';
import { describeOperations } from '../generate/describe.js';
import { generateSpec } from './generate-spec.js';

const STAGES = ['lint', 'bundle', 'spectral', 'generate', 'typecheck', 'docs', 'mock', 'contract'] as const;
type Stage = (typeof STAGES)[number];
const PIPELINE: Stage[] = ['bundle', 'generate', 'typecheck', 'docs', 'mock'];

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,300,1000' },
    stages: { type: 'string', default: STAGES.join(',') },
    /** Per stage, in seconds: a stage still running then is killed and recorded as a timeout. */
    timeout: { type: 'string', default: '240' },
    /** Runs per stage: the median time is reported (the machine may be busy with other work). */
    runs: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(REPO_ROOT, 'scripts/scale/artifacts/scale.json') },
  },
});
const sizes = args.sizes!.split(',').map((s) => Number(s.trim()));
if (sizes.some((n) => !Number.isInteger(n) || n < 2)) throw new Error(`--sizes must be whole numbers ≥ 2, not ${args.sizes}`);
const stages = args.stages!.split(',').map((s) => s.trim()) as Stage[];
for (const stage of stages) if (!STAGES.includes(stage)) throw new Error(`unknown stage ${stage}; stages: ${STAGES.join(', ')}`);
const timeoutMs = Number(args.timeout) * 1000;
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1, not ${args.runs}`);

const require = createRequire(import.meta.url);
const bin = (pkg: string, file: string, from = require) => path.join(path.dirname(from.resolve(`${pkg}/package.json`)), file);
const REDOCLY = bin('@redocly/cli', 'bin/cli.js');
const SPECTRAL = bin('@stoplight/spectral-cli', 'dist/index.js');
const TSC = bin('typescript', 'bin/tsc');
const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;
const VITEST = bin('vitest', 'vitest.mjs', createRequire(path.join(REPO_ROOT, 'apps/contract-tests/package.json')));
const TIME = ['/usr/bin/time', '/bin/time'].find((file) => existsSync(file));
const ENV = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1', FORCE_COLOR: '0' };

// ── prerequisites: what the stages use from the built workspace ────────────────────────────
const BUILT = ['packages/client-core/dist/index.js', 'packages/member-client/dist/index.js', 'packages/server-client/dist/index.js', 'apps/mock/dist/index.js'];
const missing = BUILT.filter((file) => !existsSync(path.join(REPO_ROOT, file)));
if (missing.length > 0) {
  console.error(`✖ Build the workspace first (npm run build): missing ${missing.join(', ')}`);
  process.exit(1);
}
const newest = (dir: string): number =>
  Math.max(...readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => statSync(path.join(e.parentPath, e.name)).mtimeMs));
if (newest(path.join(REPO_ROOT, 'apps/mock/src')) > statSync(path.join(REPO_ROOT, 'apps/mock/dist/index.js')).mtimeMs) {
  console.warn('⚠ apps/mock/src is newer than apps/mock/dist: the contract stage runs the built mock (npm run build updates it).');
}
if (!TIME) console.warn('⚠ no /usr/bin/time: peak memory is not measured (apt-get install time).');

// ── one stage = one child process, timed, its max RSS read from /usr/bin/time ──────────────
interface Run {
  seconds: number;
  /** Max RSS of the largest process of the stage's tree, in MB (null without /usr/bin/time). */
  maxRssMB: number | null;
  timedOut?: boolean;
  failed?: string;
  /** Each run's seconds, with `--runs` > 1 (`seconds` is their median). */
  runs?: number[];
  detail?: Record<string, unknown>;
}

function run(command: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Run & { stdout: string }> {
  const rssFile = path.join(os.tmpdir(), `expys-scale-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const argv = TIME ? [TIME, '-f', '%M', '-o', rssFile, ...command] : command;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // Its own process group, so a timeout kills the whole tree (vitest workers, Redocly children).
    const child = spawn(argv[0], argv.slice(1), { cwd: options.cwd, env: { ...ENV, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk) => ((stdout += chunk), (output += chunk)));
    child.stderr.on('data', (chunk) => (output += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      let maxRssMB: number | null = null;
      if (TIME && existsSync(rssFile)) {
        const kb = Number(/(\d+)\s*$/.exec(readFileSync(rssFile, 'utf8'))?.[1]);
        maxRssMB = Number.isFinite(kb) ? Math.round(kb / 1024) : null;
        rmSync(rssFile, { force: true });
      }
      const result: Run & { stdout: string } = { seconds: round(seconds), maxRssMB, stdout };
      if (timedOut) result.timedOut = true;
      else if (code !== 0) result.failed = `exit ${code}: ${output.replace(/^.*[║╔╚].*\n/gm, '').trim().split('\n').slice(-15).join('\n')}`;
      resolve(result);
    });
  });
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;

/** Several processes as one stage: times add up, memory is the largest. */
function combine(runs: Run[]): Run {
  const combined: Run = {
    seconds: round(runs.reduce((s, r) => s + r.seconds, 0)),
    maxRssMB: runs.some((r) => r.maxRssMB === null) ? null : Math.max(...runs.map((r) => r.maxRssMB!)),
  };
  const timedOut = runs.find((r) => r.timedOut);
  const failed = runs.find((r) => r.failed);
  if (timedOut) combined.timedOut = true;
  if (failed) combined.failed = failed.failed;
  return combined;
}

// ── the consumer project: both clients' sources with freshly generated code, plus a program ─
function clientProject(dir: string): void {
  mkdirSync(path.join(dir, 'node_modules/@expys'), { recursive: true });
  mkdirSync(path.join(dir, 'node_modules/@types'), { recursive: true });
  symlinkSync(path.dirname(require.resolve('@types/node/package.json')), path.join(dir, 'node_modules/@types/node'));
  for (const audience of ['member', 'server']) {
    const source = path.join(REPO_ROOT, `packages/${audience}-client`);
    // What the clients import (@expys/client-core, openapi-fetch…): each dependency as the
    // client's own install resolves it.
    const { dependencies = {} } = JSON.parse(readFileSync(path.join(source, 'package.json'), 'utf8'));
    for (const dependency of Object.keys(dependencies)) {
      const link = path.join(dir, 'node_modules', dependency);
      if (existsSync(link)) continue;
      mkdirSync(path.dirname(link), { recursive: true });
      symlinkSync(realpathSync(path.join(source, 'node_modules', dependency)), link);
    }
    const target = path.join(dir, `${audience}-client`);
    cpSync(path.join(source, 'src'), path.join(target, 'src'), { recursive: true, filter: (file) => !file.includes(`${path.sep}generated`) });
    const { name, version } = JSON.parse(readFileSync(path.join(source, 'package.json'), 'utf8'));
    writeFileSync(path.join(target, 'package.json'), JSON.stringify({ name, version, type: 'module', private: true }, null, 2));
  }
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'expys-scale-consumer', private: true, type: 'module' }, null, 2));
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify(
      {
        extends: path.join(REPO_ROOT, 'tsconfig.base.json'),
        compilerOptions: { noEmit: true, lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: ['node'] },
        include: ['consumer.ts', 'member-client/src/**/*.ts', 'server-client/src/**/*.ts'],
      },
      null,
      2,
    ),
  );
}

/** A program calling the first and the last copy of listOffers and getMember, as an app and a backend would. */
function consumerProgram(member: string[], server: string[]): string {
  const last = (ids: string[], base: string) => ids.filter((id) => id === base || new RegExp(`^${base}S\\d+$`).test(id)).at(-1);
  const lines = [
    "import { initialize as memberClient } from './member-client/src/index.js';",
    "import { initialize as serverClient } from './server-client/src/index.js';",
    "const app = memberClient({ environment: 'sandbox', token: 'mt_test_SampleMemberToken0000000000000000004vNQP' });",
    "const backend = serverClient({ environment: 'sandbox', token: process.env.EXPYS_ORG_API_KEY ?? '' });",
  ];
  for (const id of new Set(['listOffers', last(member, 'listOffers')].filter((id) => id && member.includes(id)))) {
    lines.push(`const page_${id} = await app.${id}({ limit: 10 });`, `const first_${id}: string | undefined = page_${id}.data[0]?.id;`);
    lines.push(`for await (const offer of app.${id}()) console.log(first_${id}, offer.title, offer.pointsCost + 1);`);
  }
  for (const id of new Set(['getMember', last(server, 'getMember')].filter((id) => id && server.includes(id)))) {
    lines.push(`const member_${id} = await backend.${id}('user_123');`, `console.log(member_${id}.externalUserID.toUpperCase());`);
  }
  lines.push('export {};');
  return `${lines.join('\n')}\n`;
}

// ── one size ──────────────────────────────────────────────────────────────────────────────
async function measure(n: number): Promise<Partial<Record<Stage, Run>> & { spec: Record<string, unknown> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `expys-scale-${n}-`));
  const results: Partial<Record<Stage, Run>> = {};
  try {
    const started = performance.now();
    const spec = generateSpec({ operations: n, outDir: path.join(dir, 'spec') });
    const specInfo = { ...spec.operations, copies: spec.copies, pathFiles: spec.pathFiles, generateSeconds: round((performance.now() - started) / 1000) };
    console.log(`\n── N = ${n}: ${spec.operations.member} member + ${spec.operations.server} server operations (${spec.copies} copies of spec/), ${dir}`);
    const clients = path.join(dir, 'clients');
    clientProject(clients);
    const bundleJson = (name: 'full' | 'member' | 'server') => spec.bundles[name].replace(/\.yaml$/, '.json');

    const stageRuns: Record<Stage, () => Promise<Run>> = {
      lint: () => run([process.execPath, REDOCLY, 'lint', 'full', '--config', spec.configFile], { cwd: REPO_ROOT }),
      bundle: () => run([process.execPath, '--import', TSX_LOADER, path.join(REPO_ROOT, 'scripts/bundle/cli.ts'), '--config', spec.configFile], { cwd: REPO_ROOT }),
      // As scripts/lint/tools.ts runs it.
      spectral: () =>
        run(
          [process.execPath, SPECTRAL, 'lint', '--ruleset', path.join(REPO_ROOT, 'scripts/lint/spectral.yaml'), '--format', 'stylish', '--fail-severity', 'warn', spec.bundles.full, spec.bundles.member, spec.bundles.server],
          { cwd: REPO_ROOT },
        ),
      generate: async () => {
        const runs: Run[] = [];
        for (const audience of ['member', 'server'] as const) {
          runs.push(
            await run(
              [process.execPath, '--import', TSX_LOADER, path.join(REPO_ROOT, 'scripts/generate/client.ts'), '--audience', audience, '--out', 'src/generated', '--bundle', bundleJson(audience)],
              { cwd: path.join(clients, `${audience}-client`) },
            ),
          );
        }
        const ids = (audience: 'member' | 'server') => describeOperations(JSON.parse(readFileSync(bundleJson(audience), 'utf8'))).map((op) => op.operationId);
        if (runs.every((r) => !r.failed && !r.timedOut)) writeFileSync(path.join(clients, 'consumer.ts'), consumerProgram(ids('member'), ids('server')));
        return { ...combine(runs), detail: { memberSeconds: round(runs[0].seconds), serverSeconds: round(runs[1].seconds) } };
      },
      typecheck: () => run([process.execPath, TSC, '-p', clients], { cwd: clients }),
      docs: () =>
        run([process.execPath, '--import', TSX_LOADER, path.join(REPO_ROOT, 'apps/docs/src/build.ts')], {
          cwd: path.join(REPO_ROOT, 'apps/docs'),
          env: { EXPYS_DOCS_BUNDLES: path.dirname(spec.bundles.full), EXPYS_DOCS_OUT: path.join(dir, 'docs') },
        }),
      mock: async () => {
        const result = await run([process.execPath, '--import', TSX_LOADER, path.join(REPO_ROOT, 'scripts/scale/stages/mock-startup.ts'), '--bundle', bundleJson('full')], { cwd: REPO_ROOT });
        const line = result.stdout.trim().split('\n').at(-1) ?? '';
        return { ...result, stdout: undefined, detail: line.startsWith('{') ? JSON.parse(line) : undefined };
      },
      contract: async () => {
        const result = await run([process.execPath, VITEST, 'run', 'test/operations.test.ts'], {
          cwd: path.join(REPO_ROOT, 'apps/contract-tests'),
          env: {
            EXPYS_CONTRACT_BUNDLE: bundleJson('full'),
            EXPYS_CONTRACT_MEMBER_CLIENT: path.join(clients, 'member-client/src/index.ts'),
            EXPYS_CONTRACT_SERVER_CLIENT: path.join(clients, 'server-client/src/index.ts'),
            EXPYS_CONTRACT_ARTIFACTS: path.join(dir, 'contract'),
          },
        });
        const tests = /Tests\s+(\d+) passed/.exec(result.stdout)?.[1];
        return { ...result, stdout: undefined, detail: tests ? { tests: Number(tests) } : undefined };
      },
    };

    for (const stage of STAGES) {
      if (!stages.includes(stage)) continue;
      // A stage needs the bundles, the clients… of the stages before it.
      const needs: Partial<Record<Stage, Stage[]>> = { spectral: ['bundle'], generate: ['bundle'], typecheck: ['generate'], docs: ['bundle'], mock: ['bundle'], contract: ['generate'] };
      const blocked = (needs[stage] ?? []).find((s) => !results[s] || results[s]!.failed || results[s]!.timedOut);
      if (blocked) {
        console.log(`  ${stage.padEnd(9)} skipped: needs ${blocked}`);
        continue;
      }
      // `--runs` times (the median is kept; peak memory is the largest seen), unless one fails.
      const attempts: Run[] = [];
      for (let i = 0; i < runs; i++) {
        // Keep what the stage printed out of the report.
        const { stdout: _printed, ...attempt } = (await stageRuns[stage]()) as Run & { stdout?: string };
        attempts.push(attempt);
        if (attempt.failed || attempt.timedOut) break;
      }
      const bad = attempts.find((a) => a.failed || a.timedOut);
      const result: Run = bad ?? { ...[...attempts].sort((a, b) => a.seconds - b.seconds)[Math.floor(attempts.length / 2)] };
      if (!bad && attempts.length > 1) {
        result.maxRssMB = attempts.some((a) => a.maxRssMB === null) ? null : Math.max(...attempts.map((a) => a.maxRssMB!));
        result.runs = attempts.map((a) => a.seconds);
      }
      results[stage] = result;
      const status = result.timedOut ? `TIMEOUT after ${args.timeout} s` : result.failed ? `FAILED (${result.failed})` : '';
      console.log(`  ${stage.padEnd(9)} ${result.seconds.toFixed(2).padStart(7)} s ${String(result.maxRssMB ?? '?').padStart(5)} MB ${status}${result.detail ? ` ${JSON.stringify(result.detail)}` : ''}`);
    }
    return { ...results, spec: specInfo };
  } finally {
    if (args.keep) console.log(`  (kept ${dir})`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

// ── all sizes, the table, the JSON ─────────────────────────────────────────────────────────
const all: Record<number, Awaited<ReturnType<typeof measure>>> = {};
const started = performance.now();
const loadBefore = os.loadavg();
for (const n of sizes) all[n] = await measure(n);
const totalSeconds = (performance.now() - started) / 1000;

const cell = (r: Run | undefined) =>
  !r ? '—' : r.timedOut ? `timeout >${args.timeout}s` : r.failed ? 'FAILED' : `${r.seconds.toFixed(1)} s ${r.maxRssMB ?? '?'} MB`;
const pipeline = (n: number) => {
  const runs = PIPELINE.map((s) => all[n][s]);
  return runs.every((r) => r && !r.failed && !r.timedOut) ? runs.reduce((s, r) => s + r!.seconds, 0) : undefined;
};
const width = 22;
console.log(`\n${'stage'.padEnd(11)}${sizes.map((n) => `N = ${n}`.padStart(width)).join('')}   marginal ms/op between sizes`);
for (const stage of stages) {
  const runs = sizes.map((n) => all[n][stage]);
  const marginal = sizes.slice(1).map((n, i) => {
    const [a, b] = [runs[i], runs[i + 1]];
    if (!a || !b || a.failed || b.failed || a.timedOut || b.timedOut) return '—';
    return (((b.seconds - a.seconds) * 1000) / (n - sizes[i])).toFixed(2);
  });
  console.log(`${stage.padEnd(11)}${runs.map((r) => cell(r).padStart(width)).join('')}   ${marginal.join(' → ')}`);
}
if (PIPELINE.every((s) => stages.includes(s))) {
  console.log(`${'pipeline'.padEnd(11)}${sizes.map((n) => (pipeline(n) === undefined ? '—' : `${pipeline(n)!.toFixed(1)} s`).padStart(width)).join('')}   (${PIPELINE.join(' + ')})`);
}
console.log(`\nMeasured in ${totalSeconds.toFixed(0)} s on ${os.cpus().length} cores, Node ${process.version}. Memory: max RSS of the largest process of each stage.`);

/** How each stage is labelled in the report (npm run bench renders these rows under a "total" that is the pipeline). */
const LABELS: Record<Stage, string> = {
  lint: 'lint: Redocly, our rules (bundle runs it again; not in total)',
  bundle: 'bundle: lint, 3 bundles, audit',
  spectral: 'lint: Spectral + OWASP on the 3 bundles (not in total)',
  generate: 'generate: member + server clients',
  typecheck: 'typecheck: both clients + a consumer (tsc)',
  docs: 'docs: 2 pages (build-docs) + boundary checks',
  mock: 'mock: start to first 200',
  contract: 'contract: every documented status (not in total)',
};
const noteOf = (r: Run) => (r.timedOut ? `timeout (> ${args.timeout} s)` : r.failed ? 'failed' : undefined);

const report = {
  // The shape npm run bench reads (scripts/bench/render.ts, ScaleFigures): sizes, stages, totals.
  sizes,
  stages: stages.map((stage) => ({
    stage: LABELS[stage],
    id: stage,
    results: sizes.flatMap((n) => {
      const r = all[n][stage];
      if (!r) return [];
      const ok = !r.failed && !r.timedOut;
      return [{ operations: n, seconds: ok ? r.seconds : null, peakMB: ok ? r.maxRssMB : null, ...(noteOf(r) ? { note: noteOf(r) } : {}), ...(r.detail ? { detail: r.detail } : {}), ...(r.runs ? { runs: r.runs } : {}), ...(r.failed ? { error: r.failed } : {}) }];
    }),
  })),
  /** The pipeline: bundle (with its lint) + generate + typecheck + docs + mock, run one after another. */
  totals: PIPELINE.every((s) => stages.includes(s)) ? sizes.map((n) => ({ operations: n, seconds: pipeline(n) === undefined ? null : round(pipeline(n)!) })) : undefined,
  totalStages: PIPELINE,
  specs: Object.fromEntries(sizes.map((n) => [n, all[n].spec])),
  contractScope: 'apps/contract-tests test/operations.test.ts only: every documented status of every operation through the generated clients; no fuzz, boundary matrix, pagination, journeys or workflows',
  memory: TIME ? 'peak MB: max RSS of the largest process of the stage (GNU time %M)' : 'not measured (no /usr/bin/time)',
  date: new Date().toISOString(),
  machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryMB: Math.round(os.totalmem() / 2 ** 20), node: process.version, platform: `${os.platform()} ${os.release()}` },
  /** 1-minute load average before and after: above 0 means other work shared the cores. */
  loadAverage: { before: loadBefore[0], after: os.loadavg()[0] },
  runsPerStage: runs,
  timeoutSeconds: Number(args.timeout),
  commit: gitHead(),
  measureSeconds: round(totalSeconds),
};
mkdirSync(path.dirname(args.out!), { recursive: true });
writeFileSync(args.out!, `${JSON.stringify(report, null, 2)}\n`);
console.log(`Wrote ${path.relative(process.cwd(), args.out!) || args.out}`);
if (sizes.some((n) => stages.some((s) => all[n][s]?.failed))) process.exitCode = 1;

function gitHead(): { head: string; dirty: boolean } | null {
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' });
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT, encoding: 'utf8' });
  return head.status === 0 ? { head: head.stdout.trim(), dirty: status.stdout.trim() !== '' } : null;
}

// benchmarks.json → BENCHMARKS.md and the README's figures block. Rendering is kept apart from
// measuring so a test can check both files say exactly what the JSON says (no hand edits).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BENCHMARKS_JSON = path.join(REPO, 'scripts/bench/benchmarks.json');
export const README_START = '<!-- figures:start (written by npm run bench from scripts/bench/benchmarks.json; do not edit) -->';
export const README_END = '<!-- figures:end -->';

interface Dated {
  measuredOn: string;
}

export interface Benchmarks {
  measuredOn: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string };
  client: Dated & {
    perCall: { calls: number; rounds: number; node: string; rows: { name: string; microsecondsPerCall: number; ratioToRawFetch: number; ratioToBareOpenapiFetch?: number }[] };
    size: { bundles: Record<string, { min: number; gzip: number; serverNamesFound: string[]; modules?: Record<string, number> }>; serverNamesChecked: number; tarballs: Record<string, { tarball: number; unpacked: number; files: number }> };
  };
  /** Absent until measured once. */
  frontend?: Dated & FrontendFigures;
  pipeline: Dated & { lintMs: number; buildColdMs: number; buildCachedMs: number };
  devLoop: Dated & { editToTypesMs: number[]; medianMs: number; coldStartMs: number };
  /** `baseline`: the earlier commit whose mock and sandboxes ran in the same rounds (targets named `… @ <rev>`). */
  load: Dated & { connections: number; seconds: number; rounds: number; baseline?: string; ratio?: 'median of round ratios'; rows: LoadRow[] };
  /** A sandbox for a team (apps/sandbox/bench/team.ts); absent until measured once. */
  team?: Dated & TeamFigures;
  scale?: Dated & ScaleFigures;
  /** Absent until the suite has been timed once. */
  tests?: Dated & { ms: number; tests: number; files: number };
  /** The same pipeline on an earlier commit, measured in the same run (scripts/bench/baseline.ts). */
  beforeAfter?: Dated & BeforeAfter;
}

/** One target under one request: `vsBaseline` and `cpuVsBaseline` are today's target against the same target of `load.baseline`, run next to it each round. */
export interface LoadRow {
  request: string;
  target: string;
  rps: number;
  p99Ms: number;
  vsPrism: number;
  /** The server's CPU time per request (its process tree, from /proc), µs; absent off Linux and in older figures. */
  cpuUsPerRequest?: number;
  vsBaseline?: number;
  cpuVsBaseline?: number;
}

export interface BeforeAfter {
  baseline: { rev: string; subject: string };
  head: { rev: string; subject: string };
  rows: { what: string; before: number | null; after: number | null; unit: 'ms' | 'count' }[];
  /** Suite tasks that failed on a side (run with turbo --continue, so the rest is still timed). */
  failed?: { before?: string[]; after?: string[] };
}

type Size = { min: number; gzip: number };

/** CPU over a run, in cores (1.0: one core busy the whole run), from /proc. */
export interface TeamCpu {
  seconds: number;
  machineBusy: number;
  sandbox: number;
  postgres: number;
  loadGenerator: number;
  /** The machine's busy time outside the bench's processes: the neighbours on a shared machine. */
  other: number;
  /** Runnable but waiting for a CPU, s per s: the sandbox processes' main threads, PostgreSQL's backends alive through the run. */
  sandboxWaiting?: number;
  postgresWaiting?: number;
  /** Share of the run during which some task waited for a CPU, and for I/O (Linux PSI "some"). */
  cpuPressure?: number;
  ioPressure?: number;
}

/** What apps/sandbox/bench/team.ts writes (artifacts/team.json). */
export interface TeamFigures {
  connections: number;
  seconds: number;
  rounds: number;
  members: number;
  sandboxes: number;
  poolSize: number;
  cpus: number;
  loadAverageAtStart: number;
  /** The commit measured (`+`: with uncommitted changes to the sandbox or the packages); absent in older figures. */
  rev?: string;
  /** Per target (`N process(es)`, `…, through the proxy`, `pgbench, …`): the median round, its CPU shares, every round's figure. */
  rows: { target: string; perSecond: number; runs: number[]; p99Ms?: number; cpu: TeamCpu; cpuUsPer: { sandbox: number; postgres: number; loadGenerator: number }; walBytesPer: number }[];
  /** `backendBytesPerCredit`: what PostgreSQL's backends serving that database kept per credit after the warm-up (a statement prepared per request and never freed shows here). */
  verification: { processes: number; answered200: number; stored: number; inFlightBound: number; failed: number; ok: boolean; backendMemoryGrowthMB?: number; backendBytesPerCredit?: number }[];
  creation: { postgres: TeamCreation; pgliteMemory: TeamCreation };
  bottleneck: string;
  target: { credits: number; pgbench: number; met: boolean };
}

type TeamCreation = { medianMs: number; p95Ms: number; count: number };

/** What the frontend packages' own benches write (artifacts/*.json), collected by run.ts. */
export interface FrontendFigures {
  adapter: { bundles: Record<string, Size> };
  msw: { bundles: Record<string, Size>; tarball: { tarball: number; unpacked: number; files: number } };
  exampleApp: { js: Size; css: Size; scan: { findings: number; files: number; bytes: number } };
  scan: { mb: number; files: number; seconds: number; mbPerSecond: number; runs: number };
}

/** What scripts/scale writes: per operation count, each stage's time and peak memory. */
export interface ScaleFigures {
  sizes: number[];
  stages: { stage: string; results: { operations: number; seconds: number | null; peakMB: number | null; note?: string }[] }[];
  totals?: { operations: number; seconds: number | null }[];
}

const s = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const minutes = (ms: number) => `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
const verdict = (met: boolean) => (met ? '✔ met' : '✖ missed');

/**
 * The one-method app the 5 kB target is about: the lean entry's (createMemberClient + getWallet
 * from @expys/member-client/operations, measured since it exists); older figures have only the
 * app on initialize(), under its earlier name.
 */
export const ONE_METHOD_APP = '@expys/member-client/operations, one method';
const INITIALIZE_ONE_METHOD_APPS = ['@expys/member-client initialize(), one method', '@expys/member-client, one method'];
type AppSize = Benchmarks['client']['size']['bundles'][string];
export function oneMethodApp(b: Benchmarks): { name: string; size: AppSize } | undefined {
  for (const name of [ONE_METHOD_APP, ...INITIALIZE_ONE_METHOD_APPS]) if (b.client.size.bundles[name]) return { name, size: b.client.size.bundles[name] };
  return undefined;
}
/** The same app on initialize() (every method, nothing tree-shakes), when the lean one is the target. */
function initializeOneMethodApp(b: Benchmarks): AppSize | undefined {
  return b.client.size.bundles[ONE_METHOD_APP] ? INITIALIZE_ONE_METHOD_APPS.map((name) => b.client.size.bundles[name]).find(Boolean) : undefined;
}

/** The issue's targets, checked against the figures. */
export function targets(b: Benchmarks): { target: string; figure: string; met: boolean }[] {
  const client = b.client.perCall.rows.find((r) => r.name === '@expys/member-client');
  const app = oneMethodApp(b);
  const oneMethod = app?.size;
  const full = initializeOneMethodApp(b);
  // The floor: raw fetch with the deadline's abort signal alone, which the client has on every call.
  const floor = b.client.perCall.rows.find((r) => r.name === 'raw fetch + deadline signal');
  const underFloor = floor !== undefined && floor.ratioToRawFetch > 1.05;
  const rows = [
    {
      target: 'member client per call ≤ 1.05× raw fetch; if the deadline signal alone is above that, never above bare openapi-fetch',
      figure: client
        ? `${client.ratioToRawFetch.toFixed(2)}× raw fetch${floor ? `; floor (raw fetch + deadline signal) ${floor.ratioToRawFetch.toFixed(2)}×` : ''}${client.ratioToBareOpenapiFetch !== undefined ? `; ${client.ratioToBareOpenapiFetch.toFixed(2)}× bare openapi-fetch` : ''}`
        : 'n/a',
      met: client !== undefined && (client.ratioToRawFetch <= 1.05 || (underFloor && client.ratioToBareOpenapiFetch !== undefined && client.ratioToBareOpenapiFetch <= 1)),
    },
    {
      target: 'app bundle ≤ 5 kB gzip, zero server code',
      figure: oneMethod
        ? `${kB(oneMethod.gzip)}${full ? ` (${app!.name})` : ''}, ${oneMethod.serverNamesFound.length} of ${b.client.size.serverNamesChecked} server names${full ? `; on initialize() ${kB(full.gzip)}` : ''}`
        : 'n/a',
      met: Boolean(oneMethod && oneMethod.gzip <= 5 * 1024 && oneMethod.serverNamesFound.length === 0),
    },
    { target: 'dev loop: save → types ≤ 1 s (real spec)', figure: `${s(b.devLoop.medianMs)} median of ${b.devLoop.editToTypesMs.length}`, met: b.devLoop.medianMs <= 1000 },
    { target: 'full turbo cache hit ≤ 3 s', figure: s(b.pipeline.buildCachedMs), met: b.pipeline.buildCachedMs <= 3000 },
  ];
  // The shared credential boundary must not cost speed: today's mock and sandboxes against the
  // baseline's, run next to them in the same rounds.
  const paired = b.load.rows.filter((r) => r.vsBaseline !== undefined);
  if (b.load.baseline && paired.length > 0) {
    const list = (pick: (r: LoadRow) => number | undefined) => paired.map((r) => `${r.request.split(' ')[0]} ${r.target.replace(/ \(.*\)|sandbox, /g, '')} ${pick(r)?.toFixed(2) ?? 'n/a'}×`).join(', ');
    rows.push({ target: `mock and sandbox req/s no lower than at ${b.load.baseline} (same rounds)`, figure: list((r) => r.vsBaseline), met: paired.every((r) => r.vsBaseline! >= 1) });
    if (paired.every((r) => r.cpuVsBaseline !== undefined)) {
      rows.push({ target: `mock and sandbox CPU per request no higher than at ${b.load.baseline}`, figure: list((r) => r.cpuVsBaseline), met: paired.every((r) => r.cpuVsBaseline! <= 1) });
    }
  }
  if (b.team) {
    const t = b.team.target;
    const best = b.team.rows.filter((r) => /^\d process(es)?$/.test(r.target)).find((r) => r.perSecond === t.credits);
    rows.push({
      target: 'durable creditPoints ≥ 2,000/s on one PostgreSQL, or within 2× of its pgbench ceiling with the bottleneck named',
      figure: `${t.credits.toLocaleString('en')}/s${best ? ` (${best.target})` : ''}; pgbench one-row UPDATE ${t.pgbench.toLocaleString('en')} tps (${(t.pgbench / Math.max(1, t.credits)).toFixed(1)}×)`,
      met: t.met,
    });
  }
  const thousand = b.scale?.totals?.find((t) => t.operations === 1000);
  if (thousand) rows.push({ target: '1,000 operations through the pipeline ≤ 60 s cold', figure: thousand.seconds === null ? 'did not finish' : `${thousand.seconds.toFixed(1)} s`, met: thousand.seconds !== null && thousand.seconds <= 60 });
  return rows;
}

/** What costs what in the one-method app: minified bytes per module (gzip does not split by module). */
function moduleBreakdown(b: Benchmarks): string[] {
  const app = oneMethodApp(b)?.size;
  if (!app?.modules) return [];
  return [
    `What costs what in the one-method app (${initializeOneMethodApp(b) ? `${oneMethodApp(b)!.name}; ` : ''}minified bytes per module, largest first):`,
    '',
    '| module | min |',
    '|---|---|',
    ...Object.entries(app.modules).map(([module, bytes]) => `| ${module} | ${bytes.toLocaleString('en')} B |`),
    '',
  ];
}

export function renderBenchmarks(b: Benchmarks): string {
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);
  push(
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` from \`scripts/bench/benchmarks.json\`; do not edit. Measured on ${b.machine.cpus} × ${b.machine.cpuModel}, ${b.machine.memoryGiB} GiB, Node ${b.machine.node}, ${b.machine.platform}. Each section says when it was measured.`,
    '',
    '## Targets',
    '',
    '| target | figure | |',
    '|---|---|---|',
    ...targets(b).map((t) => `| ${t.target} | ${t.figure} | ${verdict(t.met)} |`),
    '',
    `## The member client (${b.client.measuredOn})`,
    '',
    `Per call: \`getWallet\` on loopback, ${b.client.perCall.calls} sequential calls × ${b.client.perCall.rounds} rounds, median round, contenders rotated each round.`,
    '',
    '| | µs per call | × raw fetch |',
    '|---|---|---|',
    ...b.client.perCall.rows.map((r) => `| ${r.name} | ${r.microsecondsPerCall} | ${r.ratioToRawFetch.toFixed(2)} |`),
    '',
    `App bundle (esbuild, minified, browser ESM); server names searched: every server operationId and server-only path of the full bundle, and \`orgApiKey\` (${b.client.size.serverNamesChecked}).`,
    '',
    '| app | min | min+gzip | server names found |',
    '|---|---|---|---|',
    ...Object.entries(b.client.size.bundles).map(([name, x]) => `| ${name} | ${kB(x.min)} | ${kB(x.gzip)} | ${x.serverNamesFound.length} |`),
    '',
    ...moduleBreakdown(b),
    '| package | tarball | unpacked | files |',
    '|---|---|---|---|',
    ...Object.entries(b.client.size.tarballs).map(([name, x]) => `| ${name} | ${kB(x.tarball)} | ${kB(x.unpacked)} | ${x.files} |`),
    '',
    ...frontendSection(b),
    `## The pipeline (${b.pipeline.measuredOn})`,
    '',
    '| | time |',
    '|---|---|',
    `| \`npm run lint\` (median of 3) | ${s(b.pipeline.lintMs)} |`,
    `| build, no turbo cache (\`turbo run build --force\`) | ${s(b.pipeline.buildColdMs)} |`,
    `| build, full cache hit (median of 3) | ${s(b.pipeline.buildCachedMs)} |`,
    '',
    `## The dev loop (${b.devLoop.measuredOn})`,
    '',
    `\`npm run dev\` on a copy of the real spec: from the save to the regenerated client types, five edits of a summary: ${b.devLoop.editToTypesMs.map((ms) => s(ms)).join(', ')} (median ${s(b.devLoop.medianMs)}). Start-up to the first report: ${s(b.devLoop.coldStartMs)}.`,
    '',
    `## Load: the sandbox, the mock and bare Prism (${b.load.measuredOn})`,
    '',
    `Each target its own process, ${b.load.connections} keep-alive connections, median of ${b.load.rounds} × ${b.load.seconds} s${b.load.ratio ? '; "× bare Prism" is the median of each round\'s ratio' : ''} (apps/sandbox/bench/throughput.ts).` +
      (b.load.baseline ? ` Targets named \`@ ${b.load.baseline}\` are that earlier commit's mock and sandbox (${'`'}scripts/bench/baseline.ts${'`'}), run in the same rounds.` : ''),
    '',
    ...loadTable(b.load),
    '',
    ...teamSection(b.team),
  );
  if (b.scale) {
    push(`## Scale: synthetic specs in our conventions (${b.scale.measuredOn})`, '', `Seconds and peak memory (MB) per stage, by number of operations (scripts/scale).`, '');
    push(`| stage | ${b.scale.sizes.map((n) => `${n.toLocaleString('en')} ops`).join(' | ')} |`, `|---|${b.scale.sizes.map(() => '---').join('|')}|`);
    for (const stage of b.scale.stages) {
      const cells = b.scale.sizes.map((n) => {
        const r = stage.results.find((x) => x.operations === n);
        if (!r) return '';
        if (r.seconds === null) return r.note ?? 'did not finish';
        return `${r.seconds.toFixed(1)} s${r.peakMB === null ? '' : `, ${Math.round(r.peakMB)} MB`}`;
      });
      push(`| ${stage.stage} | ${cells.join(' | ')} |`);
    }
    if (b.scale.totals) push(`| **total** | ${b.scale.sizes.map((n) => { const t = b.scale!.totals!.find((x) => x.operations === n); return t?.seconds == null ? '' : `**${t.seconds.toFixed(1)} s**`; }).join(' | ')} |`);
    push('');
  }
  if (b.tests) push(`## The test suite (${b.tests.measuredOn})`, '', `\`npm test\` (what CI runs): ${minutes(b.tests.ms)}, ${b.tests.tests.toLocaleString('en')} tests in ${b.tests.files} files.`, '');
  if (b.beforeAfter) push(...beforeAfterSection(b.beforeAfter));
  return `${lines.join('\n')}\n`;
}

/** The pipeline before and after, measured in one run: what a change cost the spec author and CI. */
export function beforeAfterSection(ba: Dated & BeforeAfter): string[] {
  const cell = (value: number | null, unit: 'ms' | 'count') => (value === null ? 'n/a' : unit === 'count' ? value.toLocaleString('en') : value >= 60_000 ? minutes(value) : s(value));
  const change = (r: BeforeAfter['rows'][number]) => (r.before && r.after !== null ? `${r.after >= r.before ? '+' : ''}${(((r.after - r.before) / r.before) * 100).toFixed(0)}%` : '');
  return [
    `## Before and after (${ba.measuredOn})`,
    '',
    `The same machine, the same day (\`npm run bench\`, the baseline side by \`--only-before-after\` when the tree's own figures were taken in an earlier run): \`${ba.baseline.subject.slice(0, 90)}\` (before) and \`${ba.head.subject.slice(0, 90)}\` (after), each a clean build of its own tree (scripts/bench/baseline.ts).`,
    '',
    `| | before (${ba.baseline.rev}) | after (${ba.head.rev}) | change |`,
    '|---|---|---|---|',
    ...ba.rows.map((r) => `| ${r.what} | ${cell(r.before, r.unit)} | ${cell(r.after, r.unit)} | ${change(r)} |`),
    '',
    ...(['before', 'after'] as const)
      .filter((side) => ba.failed?.[side]?.length)
      .flatMap((side) => [`Failed ${side} (${side === 'before' ? ba.baseline.rev : ba.head.rev}; the suite ran on with \`--continue\`, so the time covers every task): ${ba.failed![side]!.map((t) => `\`${t}\``).join(', ')}.`, '']),
  ];
}

/** A sandbox for a team: credits per second by process count, next to pgbench, with where the CPU went. */
export function teamSection(team: Benchmarks['team']): string[] {
  if (!team) return [];
  const cores = (x: number) => x.toFixed(2);
  const row = (r: TeamFigures['rows'][number]) =>
    `| ${r.target} | ${r.perSecond.toLocaleString('en')} | ${r.runs.map((n) => n.toLocaleString('en')).join(', ')} | ${r.p99Ms ?? ''} | ${r.cpuUsPer.sandbox.toLocaleString('en')} / ${r.cpuUsPer.postgres.toLocaleString('en')} / ${r.cpuUsPer.loadGenerator.toLocaleString('en')} | ${cores(r.cpu.machineBusy)} / ${cores(r.cpu.sandbox)} / ${cores(r.cpu.postgres)} / ${cores(r.cpu.loadGenerator)} / ${cores(r.cpu.other)} | ${r.cpu.cpuPressure === undefined ? '' : `${Math.round(r.cpu.cpuPressure * 100)}%`} | ${r.walBytesPer.toLocaleString('en')} |`;
  const pg = (r: TeamCreation) => `median ${r.medianMs} ms, p95 ${r.p95Ms} ms`;
  return [
    `## A sandbox for a team: credits on one PostgreSQL (${team.measuredOn})`,
    '',
    `Durable \`creditPoints\` (\`POST /v1/points/credit\`, each request its own Idempotency-Key: a committed ledger transaction, \`synchronous_commit\` on) to a random one of ${team.members.toLocaleString('en')} members of ${team.sandboxes === 1 ? 'one sandbox' : `${team.sandboxes} sandboxes`} made on demand, ${team.connections} connections in all, driven at the processes directly (one autocannon per process with its share of the connections, summed; "through the proxy": cluster.ts's round-robin proxy in the load generator's process). Each process count has its own fresh database on one PostgreSQL; each process a pool of ${team.poolSize} connections. pgbench runs on the same server at the same concurrency (\`-n -c ${team.connections} -j 2 -T ${team.seconds}\`): one random-row \`UPDATE counters SET n = n + 1\` of ${team.members.toLocaleString('en')} rows per transaction, and, for comparison, "credit-shaped": the one statement the sandbox sends for a credit (the balance, the movement, the event and its deliveries, the answer and the Idempotency-Key's row) in SQL alone on a sandbox's tables, prepared (\`-M prepared\`) as node-postgres's named statements are; the sandbox's read of the shared state (clock, credentials' version), shared by the requests that arrive while one is in flight, is left out. Median of ${team.rounds} × ${team.seconds} s, the order of the targets rotated each round; the CPU columns are the median round's (apps/sandbox/bench/team.ts${team.rev ? `, at ${team.rev}` : ''}).`,
    '',
    `The machine was shared (load average ${team.loadAverageAtStart} on ${team.cpus} CPUs at the start): "other" is the CPU the bench's own processes did not use, other people's builds and tests mostly; "CPU pressure" is the share of the run during which some task on the machine was ready to run and waited for a CPU (Linux PSI). CPU per transaction moves much less with the neighbours than transactions per second.`,
    '',
    `| target | per second | rounds | p99 ms | CPU µs per transaction: sandbox / PostgreSQL / load generator | CPU in cores (of ${team.cpus}): machine / sandbox / PostgreSQL / load generator / other | CPU pressure | WAL bytes per transaction |`,
    '|---|---|---|---|---|---|---|---|',
    ...team.rows.map(row),
    '',
    `- **Bottleneck.** ${team.bottleneck}`,
    `- Ledger check: ${team.verification.map((v) => `${v.processes} process${v.processes > 1 ? 'es' : ''} ${v.answered200.toLocaleString('en')} credits answered 200, ${v.stored.toLocaleString('en')} in the ledger${v.failed ? `, ${v.failed} failed` : ''} ${v.ok ? '✔' : '✖'}`).join('; ')} (the ledger may hold up to one unread in-flight request per connection and run more).`,
    ...(team.verification.some((v) => v.backendBytesPerCredit !== undefined)
      ? [`- PostgreSQL's backends serving each database, memory kept since the warm-up: ${team.verification.map((v) => `${v.processes} process${v.processes > 1 ? 'es' : ''} +${v.backendMemoryGrowthMB} MB (${(v.backendBytesPerCredit ?? 0).toLocaleString('en')} B per credit)`).join('; ')}. Near 0 when each statement is prepared once per connection.`]
      : []),
    `- Creating one sandbox (\`POST /_sandbox/sandboxes\`, ${team.creation.postgres.count} one after another): on PostgreSQL ${pg(team.creation.postgres)}; on PGlite in memory ${pg(team.creation.pgliteMemory)}.`,
    '',
  ];
}

function frontendSection(b: Benchmarks): string[] {
  const f = b.frontend;
  if (!f) return [];
  return [
    `## Frontend packages (${f.measuredOn})`,
    '',
    'esbuild, minified, browser ESM, gzip level 9. The adapter with `@tanstack/query-core` and the member client external (an app has them anyway); the MSW handlers with and without `msw`.',
    '',
    '| bundle | min | min+gzip |',
    '|---|---|---|',
    ...Object.entries(f.adapter.bundles).map(([name, x]) => `| \`@expys/member-query\`: ${name} | ${kB(x.min)} | ${kB(x.gzip)} |`),
    ...Object.entries(f.msw.bundles).map(([name, x]) => `| \`@expys/msw-handlers\`: ${name} | ${kB(x.min)} | ${kB(x.gzip)} |`),
    `| example app, production build (JS: React, TanStack Query, the member client, the adapter) | ${kB(f.exampleApp.js.min)} | ${kB(f.exampleApp.js.gzip)} |`,
    '',
    `\`expys-leak-scan\` on the example app's build: ${f.exampleApp.scan.findings} findings in ${f.exampleApp.scan.files} files (${kB(f.exampleApp.scan.bytes)}). Its speed on a generated ${f.scan.mb} MB folder of ${f.scan.files} files (minified JS, source maps with sources, JSON, HTML, CSS): ${f.scan.seconds.toFixed(2)} s, **${f.scan.mbPerSecond} MB/s**, process start included (median of ${f.scan.runs}).`,
    '',
  ];
}

/** The load table; with a baseline, today's targets against it (req/s and CPU per request, each the median of the rounds' ratios). */
function loadTable(load: Benchmarks['load']): string[] {
  const cpu = load.rows.some((r) => r.cpuUsPerRequest !== undefined);
  const vs = load.baseline !== undefined && load.rows.some((r) => r.vsBaseline !== undefined);
  const head = ['request', 'target', 'req/s', 'p99 ms', '× bare Prism', ...(cpu ? ['CPU µs/request'] : []), ...(vs ? [`req/s × ${load.baseline}`, `CPU/request × ${load.baseline}`] : [])];
  const cells = (r: LoadRow) => [
    r.request,
    r.target,
    r.rps.toLocaleString('en'),
    String(r.p99Ms),
    r.vsPrism.toFixed(2),
    ...(cpu ? [r.cpuUsPerRequest === undefined ? '' : String(r.cpuUsPerRequest)] : []),
    ...(vs ? [r.vsBaseline === undefined ? '' : r.vsBaseline.toFixed(2), r.cpuVsBaseline === undefined ? '' : r.cpuVsBaseline.toFixed(2)] : []),
  ];
  const notes = [
    ...(cpu ? ['CPU µs/request: the server process tree\'s user + system time over the run, per request answered: the work a request costs the server, which moves far less with the neighbours than req/s does.'] : []),
    ...(vs ? [`× ${load.baseline}: today's target against the same target of ${load.baseline}, run right next to it each round (which goes first alternates), the median of the rounds' ratios. Above 1.00 for req/s, below 1.00 for CPU, is today doing better.`] : []),
  ];
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...load.rows.map((r) => `| ${cells(r).join(' | ')} |`), ...(notes.length > 0 ? ['', ...notes.map((n) => `- ${n}`)] : [])];
}

/** The README's short figures table. */
export function renderReadmeFigures(b: Benchmarks): string {
  const client = b.client.perCall.rows;
  const byName = (name: string) => client.find((r) => r.name === name);
  const oneMethod = oneMethodApp(b)!.size;
  const full = initializeOneMethodApp(b);
  const bare = b.client.size.bundles['openapi-fetch (bare)'];
  const load = (request: string, target: string) => b.load.rows.find((r) => r.request === request && r.target === target);
  const wallet = (target: string) => {
    const r = load('GET /v1/wallet', target);
    return r ? `${r.rps.toLocaleString('en')} req/s` : 'n/a';
  };
  const rows = [
    ['`npm test` (CI)', b.tests ? `${minutes(b.tests.ms)}, ${b.tests.tests.toLocaleString('en')} tests` : 'not timed yet'],
    ['`npm run lint`', s(b.pipeline.lintMs)],
    ['build: no cache / full cache hit', `${s(b.pipeline.buildColdMs)} / ${s(b.pipeline.buildCachedMs)}`],
    ['`npm run dev`: save → client types', `${s(b.devLoop.medianMs)} (median)`],
    ['member client per call (× raw fetch)', `${byName('@expys/member-client')?.ratioToRawFetch.toFixed(2)}× (bare openapi-fetch ${byName('openapi-fetch (bare)')?.ratioToRawFetch.toFixed(2)}×)`],
    [
      'app bundle with the member client',
      `${kB(oneMethod.gzip)} min+gzip${full ? ' (lean entry)' : ''}, ${oneMethod.serverNamesFound.length} server names${full ? `; on initialize() ${kB(full.gzip)}` : ''} (bare openapi-fetch ${kB(bare.gzip)})`,
    ],
    ['getWallet: sandbox PGlite / mock / bare Prism', `${wallet('sandbox, PGlite on disk')} / ${wallet('mock (gateway + Prism)')} / ${wallet('bare prism mock CLI')}`],
  ];
  if (b.frontend) {
    const adapter = Object.values(b.frontend.adapter.bundles)[0];
    const msw = b.frontend.msw.bundles['member entry, msw external'];
    rows.push(['TanStack adapter / MSW member handlers (gzip)', `${adapter ? kB(adapter.gzip) : 'n/a'} / ${msw ? kB(msw.gzip) : 'n/a'} (msw external)`]);
    rows.push(['example app build: JS gzip, leak-scan findings', `${kB(b.frontend.exampleApp.js.gzip)}, ${b.frontend.exampleApp.scan.findings}`]);
  }
  if (b.team) {
    const perSecond = (target: string) => b.team!.rows.find((r) => r.target === target)?.perSecond.toLocaleString('en') ?? 'n/a';
    rows.push([
      'durable credits/s on one PostgreSQL: 1 / 2 / 3 sandbox processes',
      `${perSecond('1 process')} / ${perSecond('2 processes')} / ${perSecond('3 processes')} (pgbench one-row update ${perSecond('pgbench, one-row UPDATE')} tps)`,
    ]);
  }
  const thousand = b.scale?.totals?.find((t) => t.operations === 1000);
  if (thousand) rows.push(['1,000 operations, whole pipeline', thousand.seconds === null ? 'did not finish' : `${thousand.seconds.toFixed(1)} s`]);
  return [
    README_START,
    `Measured ${b.measuredOn} on ${b.machine.cpus} cores, Node ${b.machine.node}, by \`npm run bench\`; all figures, targets and methods: [BENCHMARKS.md](BENCHMARKS.md).`,
    '',
    '| what | figure |',
    '|---|---|',
    ...rows.map(([what, figure]) => `| ${what} | ${figure} |`),
    README_END,
  ].join('\n');
}

export function readmeWithFigures(readme: string, b: Benchmarks): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start === -1 || end === -1) throw new Error(`README.md has no figures block (${README_START} … ${README_END})`);
  return readme.slice(0, start) + renderReadmeFigures(b) + readme.slice(end + README_END.length);
}

export function updateReadme(b: Benchmarks): void {
  const file = path.join(REPO, 'README.md');
  writeFileSync(file, readmeWithFigures(readFileSync(file, 'utf8'), b));
}

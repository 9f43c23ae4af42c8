// The sandbox against the mock and bare Prism, side by side in one run, each in its own process
// as a developer runs it (so the load generator never shares a thread with a target): a read
// (getWallet) and a write (creditPoints, every request a new credit with its own
// Idempotency-Key, so each one is a real, committed ledger transaction). Loopback only, bounded:
// a fixed duration per run and 10 keep-alive connections (autocannon); rounds alternate targets
// so a noisy neighbour on the shared CPUs hits all alike. Prints medians, p99 and ratios to bare
// Prism. Then the durability check: each sandbox is killed with SIGKILL, restarted, and its
// ledger must hold every credit it answered 200 to.
// Next to requests per second, each target's own CPU time per request (its process tree's
// user + system time over the run, from /proc on Linux): throughput on a shared machine moves
// with the neighbours, the work a request costs the server much less.
//   pnpm --filter @expys/sandbox bench    (BENCH_SECONDS=3 BENCH_ROUNDS=9 by default: a disk-bound write moves ±10% from round to round)
// With BENCH_BASELINE_DIR (a built checkout of an earlier commit, BENCH_BASELINE_REV its name:
// scripts/bench/baseline.ts prepares one), that commit's mock and sandboxes run in the same
// rounds, each right next to today's counterpart (which of the two goes first alternates, and the
// order of the pairs rotates each round), so the cost of a change is read side by side rather
// than against another day's figures: "vs baseline" is the median of the rounds' ratios.
import { SAMPLE_CREDENTIALS as C } from '@expys/gateway';
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPrismCli } from '../../mock/bench/prism-cli.js';
import { defaultBundleFile } from '../src/index.js';
import { freePort, startPostgres } from '../src/testing/postgres-server.js';
import { startProcess, type SandboxProcess } from '../test/support/process.js';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const CONNECTIONS = 10;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const MOCK_CLI = path.join(path.dirname(createRequire(import.meta.url).resolve('@expys/mock/package.json')), 'dist/cli.js');
const BASELINE_DIR = process.env.BENCH_BASELINE_DIR;
const BASELINE_REV = process.env.BENCH_BASELINE_REV ?? 'baseline';

interface Target {
  name: string;
  url: string;
  memberToken: string;
  /** The server's process id (the sandbox's changes when it is restarted). */
  pid: () => number | undefined;
  /** Today's target this one is the baseline's counterpart of. */
  counterpartOf?: string;
  /** Sandboxes: how to start it again after the kill, and what it answered. */
  restart?: () => Promise<SandboxProcess>;
  process?: SandboxProcess;
  credited: number;
  inFlightBound: number;
}

const scenarios = {
  'GET /v1/wallet': (t: Target) => ({ method: 'GET' as const, path: '/v1/wallet', headers: { authorization: `Bearer ${t.memberToken}` } }),
  'POST /v1/points/credit': () => ({
    method: 'POST' as const,
    path: '/v1/points/credit',
    headers: { authorization: `Bearer ${C.fullAccessKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ externalUserID: 'user_123', amount: 1, reason: 'Benchmark' }),
    // A new key per request: a new credit each time, never a replay.
    setupRequest: (request: any) => ({ ...request, headers: { ...request.headers, 'idempotency-key': randomUUID() } }),
  }),
};

interface Run {
  rps: number;
  p99: number;
  ok: number;
  failed: number;
  /** The server's CPU time per request answered, µs; undefined where /proc cannot be read. */
  cpuUs?: number;
}

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

/** User + system CPU time of a process and its descendants so far, in ms (Linux /proc), or undefined. */
export function cpuMsOfTree(pid: number | undefined): number | undefined {
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return undefined;
  const stats = new Map<number, { ppid: number; ms: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name is in parentheses and may hold spaces: fields are read after it.
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ').pop()!.split(' ');
      stats.set(Number(entry), { ppid: Number(fields[1]), ms: (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS });
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  for (const [id, stat] of stats) {
    for (let at: number | undefined = id, hops = 0; at !== undefined && at > 1 && hops < 64; at = stats.get(at)?.ppid, hops++) {
      if (at === pid) {
        total += stat.ms;
        break;
      }
    }
  }
  return total;
}

async function run(target: Target, scenario: ReturnType<(typeof scenarios)[keyof typeof scenarios]>, options: { duration?: number; amount?: number }): Promise<Run> {
  const { setupRequest, ...request } = scenario as typeof scenario & { setupRequest?: (r: unknown) => unknown };
  const before = cpuMsOfTree(target.pid());
  const result = await autocannon({ url: target.url, connections: CONNECTIONS, ...options, requests: [{ ...request, ...(setupRequest ? { setupRequest } : {}) } as autocannon.Request] });
  const after = cpuMsOfTree(target.pid());
  const answered = result.requests.total;
  const cpuUs = before === undefined || after === undefined || answered === 0 ? undefined : ((after - before) * 1000) / answered;
  return { rps: result.requests.average, p99: result.latency.p99, ok: result['2xx'], failed: result.non2xx + result.errors + result.timeouts, cpuUs };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function startMockProcess(cli = MOCK_CLI): Promise<{ url: string; pid: number | undefined; stop(): void }> {
  const port = await freePort();
  const child = spawn(process.execPath, [cli, '--no-rebuild', '--quiet', '--port', String(port), '--rate-limit', '0'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (await fetch(`${url}/v1/wallet`).then(() => true, () => false)) return { url, pid: child.pid, stop: () => child.kill('SIGKILL') };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the mock did not start');
}

async function sandboxTarget(name: string, args: string[], cli?: string): Promise<Target> {
  const proc = await startProcess([...args, '--sample-keys', '--rate-limit', '0'], {}, cli);
  const grant = await fetch(new URL('/_sandbox/tokens', proc.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${C.fullAccessKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ externalUserID: 'user_123' }),
  }).then((r) => r.json());
  const target: Target = {
    name,
    url: proc.url,
    memberToken: grant.token,
    pid: () => target.process?.child.pid,
    process: proc,
    restart: () => startProcess([...args, '--rate-limit', '0'], {}, cli),
    credited: 0,
    inFlightBound: 0,
  };
  return target;
}

async function balanceOf(url: string): Promise<number> {
  const member = await fetch(new URL('/v1/members/user_123', url), { headers: { authorization: `Bearer ${C.fullAccessKey}` } }).then((r) => r.json());
  return member.pointsBalance;
}

const folder = mkdtempSync(path.join(tmpdir(), 'expys-sandbox-bench-'));
const postgres = await startPostgres();
const prism = await startPrismCli(defaultBundleFile());
const mock = await startMockProcess();
const baselineMock = BASELINE_DIR ? await startMockProcess(path.join(BASELINE_DIR, 'apps/mock/dist/cli.js')) : undefined;
const baselineSandbox = BASELINE_DIR ? path.join(BASELINE_DIR, 'apps/sandbox/dist/cli.js') : undefined;
const targets: Target[] = [
  { name: 'bare prism mock CLI', url: prism.url, memberToken: C.memberToken, pid: () => prism.pid, credited: 0, inFlightBound: 0 },
  { name: 'mock (gateway + Prism)', url: mock.url, memberToken: C.memberToken, pid: () => mock.pid, credited: 0, inFlightBound: 0 },
  await sandboxTarget('sandbox, PGlite on disk', ['--data', path.join(folder, 'data')]),
  await sandboxTarget('sandbox, PostgreSQL', ['--database-url', await postgres.createDatabase()]),
  ...(baselineMock && baselineSandbox
    ? [
        { name: `mock @ ${BASELINE_REV}`, url: baselineMock.url, memberToken: C.memberToken, pid: () => baselineMock.pid, counterpartOf: 'mock (gateway + Prism)', credited: 0, inFlightBound: 0 },
        { ...(await sandboxTarget(`sandbox, PGlite on disk @ ${BASELINE_REV}`, ['--data', path.join(folder, 'baseline-data')], baselineSandbox)), counterpartOf: 'sandbox, PGlite on disk' },
        { ...(await sandboxTarget(`sandbox, PostgreSQL @ ${BASELINE_REV}`, ['--database-url', await postgres.createDatabase()], baselineSandbox)), counterpartOf: 'sandbox, PostgreSQL' },
      ]
    : []),
];
// Each of today's targets with its baseline counterpart right after it: the groups a round runs.
const groups: Target[][] = targets.filter((t) => !t.counterpartOf).map((t) => [t, ...targets.filter((b) => b.counterpartOf === t.name)]);
/** Round r's order: the groups rotated by r, and within a pair, which goes first alternates. */
const orderOf = (round: number): Target[] => groups.map((_, i) => groups[(i + round) % groups.length]).flatMap((group) => (round % 2 === 0 ? group : [...group].reverse()));
const startBalances = new Map<string, number>();
for (const t of targets.filter((t) => t.process)) startBalances.set(t.name, await balanceOf(t.url));

try {
  const results = new Map<string, Run[]>();
  for (const [scenarioName, scenario] of Object.entries(scenarios)) {
    const credits = scenarioName.startsWith('POST');
    for (const target of targets) {
      const warm = await run(target, scenario(target), { amount: 300 });
      if (credits) target.credited += warm.ok;
    }
    for (let round = 1; round <= ROUNDS; round++) {
      for (const target of orderOf(round)) {
        const r = await run(target, scenario(target), { duration: SECONDS });
        if (r.failed > 0) throw new Error(`${target.name} ${scenarioName}: ${r.failed} answers were not 2xx`);
        if (credits) {
          target.credited += r.ok;
          // A run that ends on time leaves up to one request per connection unread.
          target.inFlightBound += CONNECTIONS;
        }
        results.set(`${scenarioName}|${target.name}`, [...(results.get(`${scenarioName}|${target.name}`) ?? []), r]);
        console.log(`round ${round}  ${scenarioName.padEnd(24)} ${target.name.padEnd(26)} ${r.rps.toFixed(0).padStart(6)} req/s  p99 ${r.p99} ms${r.cpuUs === undefined ? '' : `  ${r.cpuUs.toFixed(0)} µs CPU/request`}`);
      }
    }
  }

  console.log(`\n| request | target | req/s (median of ${ROUNDS} × ${SECONDS} s) | p99 ms | vs bare Prism | CPU µs/request | vs ${BASELINE_REV} |\n|---|---|---|---|---|---|---|`);
  const rows: { request: string; target: string; rps: number; p99Ms: number; vsPrism: number; cpuUsPerRequest?: number; vsBaseline?: number; cpuVsBaseline?: number }[] = [];
  for (const scenarioName of Object.keys(scenarios)) {
    const runsOf = (name: string) => results.get(`${scenarioName}|${name}`)!;
    const prismRuns = runsOf(targets[0].name);
    for (const target of targets) {
      const runs = runsOf(target.name);
      const rps = median(runs.map((r) => r.rps));
      // The ratio of each round (every target measured in it), then their median: a neighbour
      // that slows the machine for a while slows Prism and the target alike in a round.
      const vsPrism = median(runs.map((r, i) => r.rps / prismRuns[i].rps));
      const cpus = runs.map((r) => r.cpuUs).filter((us): us is number => us !== undefined);
      const cpuUsPerRequest = cpus.length === runs.length ? Math.round(median(cpus)) : undefined;
      // Today's target against its baseline counterpart, measured next to each other each round.
      const baseline = targets.find((t) => t.counterpartOf === target.name);
      const baseRuns = baseline && runsOf(baseline.name);
      const vsBaseline = baseRuns ? Number(median(runs.map((r, i) => r.rps / baseRuns[i].rps)).toFixed(2)) : undefined;
      const cpuVsBaseline = baseRuns && cpuUsPerRequest !== undefined && baseRuns.every((r) => r.cpuUs) ? Number(median(runs.map((r, i) => r.cpuUs! / baseRuns[i].cpuUs!)).toFixed(2)) : undefined;
      rows.push({
        request: scenarioName,
        target: target.name,
        rps: Math.round(rps),
        p99Ms: median(runs.map((r) => r.p99)),
        vsPrism: Number(vsPrism.toFixed(2)),
        ...(cpuUsPerRequest !== undefined ? { cpuUsPerRequest } : {}),
        ...(vsBaseline !== undefined ? { vsBaseline } : {}),
        ...(cpuVsBaseline !== undefined ? { cpuVsBaseline } : {}),
      });
      console.log(
        `| ${scenarioName} | ${target.name} | ${rps.toFixed(0)} | ${median(runs.map((r) => r.p99))} | ×${vsPrism.toFixed(2)} | ${cpuUsPerRequest ?? '–'} | ${vsBaseline === undefined ? '' : `×${vsBaseline.toFixed(2)} req/s, ×${cpuVsBaseline?.toFixed(2) ?? '–'} CPU`} |`,
      );
    }
  }
  // For the repository's benchmark report (scripts/bench), which reads it after this run.
  mkdirSync(path.join(BENCH_DIR, '../artifacts'), { recursive: true });
  writeFileSync(path.join(BENCH_DIR, '../artifacts/throughput.json'), `${JSON.stringify({ connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS, ratio: 'median of round ratios', ...(BASELINE_DIR ? { baseline: BASELINE_REV } : {}), rows }, null, 2)}\n`);

  console.log('\nDurability (kill -9 right after the last run, restart, read the balance):');
  for (const target of targets.filter((t) => t.process)) {
    await target.process!.crash();
    target.process = await target.restart!();
    const gained = (await balanceOf(target.process.url)) - startBalances.get(target.name)!;
    // Every 200 read by the load generator is there; at most the unread in-flight ones more.
    const ok = gained >= target.credited && gained <= target.credited + target.inFlightBound;
    console.log(`  ${target.name}: ${target.credited} credits answered 200, balance up ${gained} after the restart ${ok ? '✔' : '✖'}`);
    if (!ok) process.exitCode = 1;
  }
} finally {
  prism.stop();
  mock.stop();
  baselineMock?.stop();
  for (const target of targets) await target.process?.stop();
  await postgres.stop();
  rmSync(folder, { recursive: true, force: true });
}

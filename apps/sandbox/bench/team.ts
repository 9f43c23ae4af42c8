// A sandbox for a whole team, measured: durable creditPoints per second with 1, 2 and 3 sandbox
// processes on one PostgreSQL, next to that PostgreSQL's own ceiling on this machine (pgbench, one
// one-row UPDATE per transaction, at the same concurrency), and the time to create one sandbox.
// Loopback only, bounded (about 2 minutes on 2 cores):
//
// - One PostgreSQL (startPostgres); per process count N a fresh database of its own, N real
//   sandbox processes on it (startCluster), one sandbox made on demand (POST /_sandbox/sandboxes)
//   with MEMBERS members. Every request is POST /v1/points/credit to a random member with its own
//   Idempotency-Key: each one a committed ledger transaction (synchronous_commit on, its default).
// - The load is driven at the processes directly, round robin on the client side: one autocannon
//   per process with its share of the CONNECTIONS, run together, summed (the Node proxy of
//   cluster.ts, which would share this process's thread, is measured once per N beside it).
// - pgbench on the same server at the same concurrency (-c CONNECTIONS -j 2 -T SECONDS -n): a
//   table of MEMBERS rows, `UPDATE counters SET n = n + 1 WHERE id = :id` (random id) per
//   transaction; and, for the bottleneck's sake, a "credit-shaped" script: the one statement the
//   sandbox sends for a credit (the member's balance, the movement, the event, the answer and the
//   idempotency key) in SQL alone, prepared (-M prepared) as node-postgres's named statements are,
//   on a sandbox's own tables.
// - Rounds rotate the order of the targets, so a neighbour on the shared CPUs slows all alike;
//   each figure is the median of the rounds.
// - CPU over each run from /proc (user + system): this process (the load generator; pgbench's
//   own time for the pgbench runs), the sandbox processes, PostgreSQL (the postmaster's tree,
//   reaped backends included), and the whole machine (/proc/stat), the rest being neighbours.
// - Afterwards, per N: the credits stored in the sandbox's ledger against those answered 200 (a
//   non-2xx or a socket error fails the bench; it never counts as throughput).
// - Sandbox creation: SANDBOX_CREATIONS sequential POST /_sandbox/sandboxes on PostgreSQL (a
//   process of the 1-process cluster) and on PGlite in memory (startSandbox in this process).
//
//   pnpm --filter @expys/sandbox bench:team   (TEAM_BENCH_SECONDS=4 TEAM_BENCH_ROUNDS=3 TEAM_BENCH_CONNECTIONS=32 by default;
//                                              TEAM_BENCH_POOL sets each process's pool, its default 10 otherwise)
// Writes artifacts/team.json for scripts/bench (npm run bench, or npm run bench -- --only-team).
import autocannon from 'autocannon';
import { execFileSync, spawn } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startSandbox } from '../src/index.js';
import { startCluster, type Cluster } from '../src/testing/cluster.js';
import { startPostgres } from '../src/testing/postgres-server.js';
import type { TeamCpu } from '../../../scripts/bench/render.js';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.TEAM_BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.TEAM_BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.TEAM_BENCH_CONNECTIONS ?? 32);
const POOL = process.env.TEAM_BENCH_POOL ? Number(process.env.TEAM_BENCH_POOL) : undefined;
const PROCESS_COUNTS = [1, 2, 3];
const MEMBERS = 1_000;
const SANDBOX_CREATIONS = 20;
const ADMIN_TOKEN = `team-bench-${randomUUID()}-${randomUUID()}`;
const CLOCK_TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux
const started = Date.now();

// ---------------------------------------------------------------------------------------------
// CPU time from /proc

interface ProcStat {
  ppid: number;
  /** utime + stime, ms. */
  ownMs: number;
  /** cutime + cstime: the children it reaped, ms. */
  reapedMs: number;
  /** Its main thread's time runnable but waiting for a CPU so far (/proc/<pid>/schedstat), ms. */
  waitMs: number;
  argv: string[];
}

function readProcs(): Map<number, ProcStat> {
  const procs = new Map<number, ProcStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name is in parentheses and may hold spaces: fields are read after it.
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ').pop()!.split(' ');
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      const waitMs = existsSync(`/proc/${entry}/schedstat`) ? Number(readFileSync(`/proc/${entry}/schedstat`, 'utf8').split(' ')[1]) / 1e6 : 0;
      procs.set(Number(entry), {
        ppid: Number(fields[1]),
        ownMs: (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS,
        reapedMs: (Number(fields[13]) + Number(fields[14])) * CLOCK_TICK_MS,
        waitMs,
        argv,
      });
    } catch {
      // the process ended meanwhile
    }
  }
  return procs;
}

/** CPU ms of `root` and everything below it, the reaped included (a backend that exited counts in its postmaster). */
function treeMs(procs: Map<number, ProcStat>, root: number | undefined): number {
  if (root === undefined) return 0;
  let total = 0;
  for (const [id, stat] of procs) {
    for (let at: number | undefined = id, hops = 0; at !== undefined && at > 1 && hops < 64; at = procs.get(at)?.ppid, hops++) {
      if (at === root) {
        total += stat.ownMs + stat.reapedMs;
        break;
      }
    }
  }
  return total;
}

/** Time spent waiting for a CPU by the processes of `root`'s tree alive over the whole run (pooled backends, sandbox processes), ms. */
function treeWaitMs(before: Map<number, ProcStat>, after: Map<number, ProcStat>, root: number | undefined): number {
  if (root === undefined) return 0;
  let total = 0;
  for (const [id, stat] of after) {
    const earlier = before.get(id);
    if (!earlier) continue;
    for (let at: number | undefined = id, hops = 0; at !== undefined && at > 1 && hops < 64; at = after.get(at)?.ppid, hops++) {
      if (at === root) {
        total += stat.waitMs - earlier.waitMs;
        break;
      }
    }
  }
  return total;
}

/** Pressure stall totals (µs): time at least one task waited for a CPU, and for I/O (/proc/pressure, Linux ≥ 4.20). */
function pressure(): { cpu: number; io: number } {
  const some = (file: string) => (existsSync(file) ? Number(/^some .*total=(\d+)/m.exec(readFileSync(file, 'utf8'))?.[1] ?? 0) : 0);
  return { cpu: some('/proc/pressure/cpu'), io: some('/proc/pressure/io') };
}

/** The whole machine's busy and total jiffies, all CPUs (/proc/stat). */
function machineTicks(): { busy: number; total: number } {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = values.map(Number);
  const busy = user + nice + system + irq + softirq + (steal ?? 0);
  return { busy, total: busy + idle + iowait };
}

/** The postmaster listening on `port` (not the runuser wrapping it). */
function postmasterPid(port: number): number | undefined {
  for (const [pid, stat] of readProcs()) {
    const i = stat.argv.indexOf('-p');
    if (i > 0 && stat.argv[i + 1] === String(port) && path.basename(stat.argv[0]) === 'postgres') return pid;
  }
  return undefined;
}

/** CPU over a run, as benchmarks.json records it (scripts/bench/render.ts); the waits are always measured here. */
type CpuShares = TeamCpu & Required<Pick<TeamCpu, 'sandboxWaiting' | 'postgresWaiting'>>;

interface Snapshot {
  at: number;
  procs: Map<number, ProcStat>;
  machine: { busy: number; total: number };
  self: NodeJS.CpuUsage;
  pressure: { cpu: number; io: number };
}

const snapshot = (): Snapshot => ({ at: performance.now(), procs: readProcs(), machine: machineTicks(), self: process.cpuUsage(), pressure: pressure() });

function shares(before: Snapshot, after: Snapshot, pids: { sandbox: number[]; postgres: number | undefined; loadGenerator: 'self' | 'reaped-children' }): CpuShares {
  const seconds = (after.at - before.at) / 1000;
  const cores = (ms: number) => ms / 1000 / seconds;
  const delta = (f: (s: Snapshot) => number) => f(after) - f(before);
  const sandboxMs = pids.sandbox.reduce((sum, pid) => sum + delta((s) => treeMs(s.procs, pid)), 0);
  const postgresMs = delta((s) => treeMs(s.procs, pids.postgres));
  // This process's own time (autocannon runs in it), or the children it reaped during the run
  // (pgbench, through runuser): no other child of ours ends during a run.
  const loadMs = pids.loadGenerator === 'self' ? (after.self.user + after.self.system - before.self.user - before.self.system) / 1000 : delta((s) => s.procs.get(process.pid)?.reapedMs ?? 0);
  const machineMs = delta((s) => s.machine.busy) * CLOCK_TICK_MS;
  const round2 = (x: number) => Math.round(x * 100) / 100;
  return {
    seconds: round2(seconds),
    machineBusy: round2(cores(machineMs)),
    sandbox: round2(cores(sandboxMs)),
    postgres: round2(cores(postgresMs)),
    loadGenerator: round2(cores(loadMs)),
    other: round2(Math.max(0, cores(machineMs - sandboxMs - postgresMs - loadMs))),
    sandboxWaiting: round2(cores(pids.sandbox.reduce((sum, pid) => sum + treeWaitMs(before.procs, after.procs, pid), 0))),
    postgresWaiting: round2(cores(treeWaitMs(before.procs, after.procs, pids.postgres))),
    ...(existsSync('/proc/pressure/cpu')
      ? { cpuPressure: round2((after.pressure.cpu - before.pressure.cpu) / 1e6 / seconds), ioPressure: round2((after.pressure.io - before.pressure.io) / 1e6 / seconds) }
      : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// The targets

interface Run {
  target: string;
  round: number;
  /** Transactions (credits answered 200, or pgbench's) per second. */
  perSecond: number;
  ok: number;
  failed: number;
  p99Ms?: number;
  cpu: CpuShares;
  /** WAL written per transaction, bytes (the server's, pg_current_wal_lsn). */
  walBytesPer: number;
}

interface Team {
  processes: number;
  databaseUrl: string;
  cluster: Cluster;
  sandboxId: string;
  orgApiKey: string;
  /** Credits in the ledger before the first measured request, and answered 200 since. */
  creditsBefore: number;
  answered: number;
  /** Requests possibly committed without their answer read (a run ends with up to one in flight per connection). */
  inFlightBound: number;
  failed: number;
  /** PostgreSQL's backends serving this team's database: their anonymous memory after the warm-up (kB), and the credits answered by then. */
  backendsKbAfterWarmUp: number;
  answeredAtWarmUp: number;
}

/** Anonymous memory (kB) of the PostgreSQL backends connected to `database` (their process titles name it). */
function backendsKb(database: string): number {
  let kb = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').startsWith(`postgres: postgres ${database} `)) continue;
      kb += Number(/RssAnon:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // ended meanwhile
    }
  }
  return kb;
}

// Set in the run below (after everything that can fail before it, so PostgreSQL never outlives a failed start).
let postgres: Awaited<ReturnType<typeof startPostgres>>;
let admin: pg.Pool;
let postmaster: number | undefined;
const walLsn = async () => Number((await admin.query("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint AS b")).rows[0].b);

async function call(url: string, method: string, token: string, body?: unknown): Promise<any> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

const createSandboxAt = (base: string, label: string) => call(`${base}/_sandbox/sandboxes`, 'POST', ADMIN_TOKEN, { label, ttlSeconds: 3600 }) as Promise<{ id: string; url: string; orgApiKey: string }>;

async function ledgerCredits(databaseUrl: string, schema: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return Number((await client.query(`SELECT count(*)::int AS n FROM "${schema}".wallet_transactions WHERE type = 'credit'`)).rows[0].n);
  } finally {
    await client.end();
  }
}

async function startTeam(processes: number): Promise<Team> {
  const databaseUrl = await postgres.createDatabase(`team_${processes}`);
  // Rate limits off (one client makes all the load); deliveries, if any, to a closed loopback port.
  const cluster = await startCluster({ processes, settings: { databaseUrl, adminToken: ADMIN_TOKEN, rateLimit: 0, forwardTo: 'http://127.0.0.1:9/none', ...(POOL ? { poolSize: POOL } : {}) } });
  const sandbox = await createSandboxAt(cluster.processes[0].url, `team bench, ${processes} processes`);
  // The members, written in SQL (the API's setMember would only add set-up time): the ledger rows
  // the credits move. Each process loads the sandbox at its first request (the warm-up).
  await addMembers(databaseUrl, sandbox.id);
  return { processes, databaseUrl, cluster, sandboxId: sandbox.id, orgApiKey: sandbox.orgApiKey, creditsBefore: await ledgerCredits(databaseUrl, sandbox.id), answered: 0, inFlightBound: 0, failed: 0, backendsKbAfterWarmUp: 0, answeredAtWarmUp: 0 };
}

async function addMembers(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`INSERT INTO "${schema}".members (external_user_id, display_name, tier, balance, created_at, updated_at) SELECT 'bench_' || i, 'Bench ' || i, 'bronze', 0, now(), now() FROM generate_series(0, ${MEMBERS - 1}) i`);
  } finally {
    await client.end();
  }
}

/** Each process's share of the connections (they differ by one at most). */
const sharesOf = (connections: number, processes: number) => Array.from({ length: processes }, (_, i) => Math.floor(connections / processes) + (i < connections % processes ? 1 : 0));

function creditRequest(team: Team): autocannon.Request {
  return {
    method: 'POST',
    path: `/sandboxes/${team.sandboxId}/v1/points/credit`,
    headers: { authorization: `Bearer ${team.orgApiKey}`, 'content-type': 'application/json' },
    // A new key per request (a new credit, never a replay), a random member (as pgbench's random row).
    setupRequest: (request: any) => ({
      ...request,
      headers: { ...request.headers, 'idempotency-key': randomUUID() },
      body: JSON.stringify({ externalUserID: `bench_${randomInt(MEMBERS)}`, amount: 1, reason: 'Team bench' }),
    }),
  } as autocannon.Request;
}

/** Credits at the team's processes: directly (one autocannon per process) or through its proxy. */
async function runCredits(team: Team, options: { round: number; duration?: number; amount?: number; viaProxy?: boolean }): Promise<Run> {
  const { cluster } = team;
  const targets = options.viaProxy ? [{ url: cluster.url, connections: CONNECTIONS }] : cluster.processes.map((p, i) => ({ url: p.url, connections: sharesOf(CONNECTIONS, team.processes)[i] }));
  const walBefore = await walLsn();
  const before = snapshot();
  const results = await Promise.all(
    targets.map((t) =>
      autocannon({
        url: t.url,
        connections: t.connections,
        ...(options.duration ? { duration: options.duration } : { amount: Math.ceil(options.amount! / targets.length) }),
        requests: [creditRequest(team)],
      }),
    ),
  );
  const after = snapshot();
  const walAfter = await walLsn();
  const ok = results.reduce((n, r) => n + r['2xx'], 0);
  const failed = results.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0);
  team.answered += ok;
  team.failed += failed;
  team.inFlightBound += options.duration ? CONNECTIONS : 0;
  const cpu = shares(before, after, { sandbox: cluster.processes.map((p) => p.pid), postgres: postmaster, loadGenerator: 'self' });
  return {
    target: `${team.processes} process${team.processes > 1 ? 'es' : ''}${options.viaProxy ? ', through the proxy' : ''}`,
    round: options.round,
    perSecond: Math.round(ok / cpu.seconds),
    ok,
    failed,
    p99Ms: Math.max(...results.map((r) => r.latency.p99)),
    cpu,
    walBytesPer: ok ? Math.round((walAfter - walBefore) / ok) : 0,
  };
}

// pgbench, as the postgres user when we are root (as postgres-server.ts runs PostgreSQL's programs).
const PGBENCH = (() => {
  const root = '/usr/lib/postgresql';
  const version = readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin/pgbench'))).sort((a, b) => Number(b) - Number(a))[0];
  if (!version) throw new Error('pgbench is not installed (/usr/lib/postgresql/*/bin/pgbench): apt-get install postgresql');
  return path.join(root, version, 'bin/pgbench');
})();
const asRoot = process.getuid?.() === 0;
const scripts = mkdtempSync(path.join(tmpdir(), 'expys-team-bench-'));
chmodSync(scripts, 0o755);

function pgbenchScript(name: string, text: string): string {
  const file = path.join(scripts, `${name}.sql`);
  writeFileSync(file, text);
  chmodSync(file, 0o644);
  return file;
}

async function runPgbench(target: string, database: string, script: string, round: number, mode: 'simple' | 'prepared' = 'simple'): Promise<Run> {
  const args = ['-h', '127.0.0.1', '-p', String(postgres.port), '-U', 'postgres', '-n', '-M', mode, '-c', String(CONNECTIONS), '-j', '2', '-T', String(SECONDS), '-f', script, database];
  const [program, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', PGBENCH, ...args]] : [PGBENCH, args];
  const walBefore = await walLsn();
  const before = snapshot();
  const child = spawn(program, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  const after = snapshot();
  const walAfter = await walLsn();
  if (code !== 0) throw new Error(`pgbench failed (${code}):\n${output}`);
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1]);
  const ok = Number(/number of transactions actually processed: (\d+)/.exec(output)?.[1]);
  const failed = Number(/number of failed transactions: (\d+)/.exec(output)?.[1] ?? 0);
  return { target, round, perSecond: Math.round(tps), ok, failed, cpu: shares(before, after, { sandbox: [], postgres: postmaster, loadGenerator: 'reaped-children' }), walBytesPer: ok ? Math.round((walAfter - walBefore) / ok) : 0 };
}

/** The commit measured, `+` when apps/sandbox or packages have uncommitted changes (the processes run the build of the working tree). */
function revision(): string {
  try {
    const rev = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: BENCH_DIR, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', '../src', '../../../packages'], { cwd: BENCH_DIR, encoding: 'utf8' }).trim();
    return dirty ? `${rev}+` : rev;
  } catch {
    return 'unknown';
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

async function timeCreations(base: string): Promise<{ medianMs: number; p95Ms: number; count: number }> {
  const times: number[] = [];
  for (let i = 0; i < SANDBOX_CREATIONS; i++) {
    const t0 = performance.now();
    await createSandboxAt(base, `creation ${i}`);
    times.push(performance.now() - t0);
  }
  return { medianMs: Math.round(median(times) * 10) / 10, p95Ms: Math.round(percentile(times, 95) * 10) / 10, count: times.length };
}

// ---------------------------------------------------------------------------------------------

const loadAtStart = os.loadavg()[0];
postgres = await startPostgres();
admin = new pg.Pool({ connectionString: postgres.url, max: 2 });
postmaster = postmasterPid(postgres.port);
if (postmaster === undefined) console.warn('[team] the postmaster was not found in /proc: PostgreSQL CPU reads 0');
const teams: Team[] = [];
const runs: Run[] = [];
let pgbenchCreditSchema: string | undefined;
let exitCode = 0;
try {
  console.log(`[team] PostgreSQL on port ${postgres.port}; starting ${PROCESS_COUNTS.join(', ')} processes, one database each (load average ${loadAtStart.toFixed(1)} on ${os.cpus().length} CPUs)`);
  // Started together (set-up time only); a failure stops the ones that started, in \`finally\`.
  const settled = await Promise.allSettled(PROCESS_COUNTS.map((n) => startTeam(n)));
  for (const s of settled) if (s.status === 'fulfilled') teams.push(s.value);
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
  console.log(`[team] clusters up, ${MEMBERS} members in each sandbox (${((Date.now() - started) / 1000).toFixed(1)} s)`);

  // pgbench's table on the same server, and the credit-shaped script on a sandbox's own tables
  // (a second sandbox in the 1-process database, its members made in SQL).
  await postgres.createDatabase('pgbench_counters');
  const counters = new pg.Client({ connectionString: postgres.url.replace(/\/postgres$/, '/pgbench_counters') });
  await counters.connect();
  await counters.query('CREATE TABLE counters (id int PRIMARY KEY, n bigint NOT NULL DEFAULT 0)');
  await counters.query(`INSERT INTO counters (id) SELECT generate_series(1, ${MEMBERS})`);
  await counters.query('VACUUM ANALYZE counters');
  await counters.end();
  const oneRow = pgbenchScript('one-row', `\\set id random(1, ${MEMBERS})\nUPDATE counters SET n = n + 1 WHERE id = :id;\n`);
  const shaped = await createSandboxAt(teams[0].cluster.processes[0].url, 'pgbench credit-shaped');
  pgbenchCreditSchema = shaped.id;
  await addMembers(teams[0].databaseUrl, shaped.id);
  const s = `"${shaped.id}"`;
  const creditShaped = pgbenchScript(
    'credit-shaped',
    [
      `\\set m random(0, ${MEMBERS - 1})`,
      // (No colon before a letter inside a literal: pgbench would take it for a variable.)
      // The credit is one statement (its CTEs: the balance, the movement, the event and its
      // deliveries, the answer, the Idempotency-Key's row), as the sandbox sends it. The sandbox's
      // read of the shared state (clock, credentials' version) is shared by the requests that
      // arrive while one is in flight, so it is not one per credit: left out here.
      `WITH member AS (UPDATE ${s}.members SET balance = balance + 1, updated_at = now() WHERE external_user_id = 'bench_' || :m RETURNING balance), ` +
        `movement AS (INSERT INTO ${s}.wallet_transactions (id, external_user_id, type, amount, balance_after, description, redemption_id, created_at) SELECT 'txn_' || md5(random()::text), 'bench_' || :m, 'credit', 1, balance, 'pgbench', NULL, now() FROM member RETURNING balance_after), ` +
        `event AS (INSERT INTO ${s}.events (id, type, payload, created_at) SELECT 'evt_' || md5(random()::text), 'points.credited', '{"type":"points.credited","data":{"externalUserID":"bench_' || :m || '","amount":1,"balance":' || balance_after || ',"currency":{"code":"PTS","symbol":"pts","name":"Points"}}}', now() FROM movement RETURNING id), ` +
        `deliveries AS (INSERT INTO ${s}.webhook_deliveries (id, event_id, webhook_id, state, next_attempt_at, created_at, updated_at) SELECT 'dlv_' || substr(md5(event.id || w.id), 1, 16), event.id, w.id, 'pending', now(), now(), now() FROM event, ${s}.webhook_endpoints w WHERE w.deleted_at IS NULL AND NOT w.example AND 'points.credited' = ANY(w.events)), ` +
        `answer AS (SELECT 200 AS status, '{"externalUserID":"bench_' || :m || '","transactionId":"txn_0123456789abcdef","amount":1,"balance":' || balance_after || '}' AS body FROM movement), ` +
        `stored AS (INSERT INTO ${s}.idempotency_keys (caller, key, operation_id, request_hash, status, body, created_at) SELECT 'pgbench', md5(random()::text) || md5(random()::text), 'creditPoints', md5(random()::text), status, body, now() FROM answer ON CONFLICT (caller, key) DO NOTHING RETURNING key) ` +
        `SELECT status, body FROM answer WHERE CASE WHEN EXISTS (SELECT 1 FROM stored) THEN true ELSE ${s}.expys_idempotency_key_taken() END;`,
      '',
    ].join('\n'),
  );
  const shapedDbName = new URL(teams[0].databaseUrl).pathname.slice(1);

  // Warm-up: every process has loaded the sandbox and planned its statements.
  for (const team of teams) {
    await runCredits(team, { round: 0, amount: 100 * team.processes });
    team.backendsKbAfterWarmUp = backendsKb(new URL(team.databaseUrl).pathname.slice(1));
    team.answeredAtWarmUp = team.answered;
  }
  console.log(`[team] warmed up (${((Date.now() - started) / 1000).toFixed(1)} s); ${ROUNDS} rounds × ${SECONDS} s, ${CONNECTIONS} connections`);

  type Target = { name: string; run: (round: number) => Promise<Run> };
  const targets: Target[] = [
    ...teams.map((team) => ({ name: `${team.processes}`, run: (round: number) => runCredits(team, { round, duration: SECONDS }) })),
    { name: 'pgbench', run: (round: number) => runPgbench('pgbench, one-row UPDATE', 'pgbench_counters', oneRow, round) },
    { name: 'pgbench-credit', run: (round: number) => runPgbench('pgbench, credit-shaped', shapedDbName, creditShaped, round, 'prepared') },
  ];
  for (let round = 1; round <= ROUNDS; round++) {
    for (let i = 0; i < targets.length; i++) {
      const r = await targets[(i + round) % targets.length].run(round);
      runs.push(r);
      if (r.failed > 0) exitCode = 1;
      const c = r.cpu;
      console.log(
        `round ${round}  ${r.target.padEnd(28)} ${String(r.perSecond).padStart(6)}/s${r.failed ? `  ${r.failed} FAILED` : ''}${r.p99Ms === undefined ? '' : `  p99 ${r.p99Ms} ms`}  CPU (cores): machine ${c.machineBusy}, sandbox ${c.sandbox}, PostgreSQL ${c.postgres}, load generator ${c.loadGenerator}, other ${c.other}; waiting for a CPU: sandbox ${c.sandboxWaiting}, PostgreSQL ${c.postgresWaiting}${c.cpuPressure === undefined ? '' : `, PSI ${Math.round(c.cpuPressure * 100)}%`}; WAL ${r.walBytesPer} B/txn`,
      );
    }
  }
  // Through the proxy in this process, once per N (for comparison only).
  for (const team of teams) {
    const r = await runCredits(team, { round: ROUNDS + 1, duration: SECONDS, viaProxy: true });
    runs.push(r);
    if (r.failed > 0) exitCode = 1;
    console.log(`proxy    ${r.target.padEnd(28)} ${String(r.perSecond).padStart(6)}/s  CPU (cores): machine ${r.cpu.machineBusy}, sandbox ${r.cpu.sandbox}, PostgreSQL ${r.cpu.postgres}, load generator + proxy ${r.cpu.loadGenerator}, other ${r.cpu.other}`);
  }

  // Every credit answered 200 is in the ledger; at most the unread in-flight ones more.
  await new Promise((r) => setTimeout(r, 500));
  const verification = [];
  for (const team of teams) {
    const stored = (await ledgerCredits(team.databaseUrl, team.sandboxId)) - team.creditsBefore;
    const ok = team.failed === 0 && stored >= team.answered && stored <= team.answered + team.inFlightBound;
    if (!ok) exitCode = 1;
    // What the database's backends kept per credit since the warm-up: a statement prepared per
    // request and never freed shows here (about 0 when every statement is prepared once per connection).
    const growthKb = backendsKb(new URL(team.databaseUrl).pathname.slice(1)) - team.backendsKbAfterWarmUp;
    const backendBytesPerCredit = Math.max(0, Math.round((growthKb * 1024) / Math.max(1, team.answered - team.answeredAtWarmUp)));
    verification.push({ processes: team.processes, answered200: team.answered, stored, inFlightBound: team.inFlightBound, failed: team.failed, ok, backendMemoryGrowthMB: Math.round(growthKb / 1024), backendBytesPerCredit });
    console.log(`[team] ${team.processes} process(es): ${team.answered} credits answered 200, ${stored} in the ledger (≤ ${team.inFlightBound} in flight at run ends), ${team.failed} failed ${ok ? '✔' : '✖'}; PostgreSQL backends of its database +${Math.round(growthKb / 1024)} MB since the warm-up (${backendBytesPerCredit.toLocaleString('en')} B per credit)`);
  }

  // Sandbox creation: on PostgreSQL (the 1-process cluster, nothing else running), then PGlite in memory.
  const creationPostgres = await timeCreations(teams[0].cluster.processes[0].url);
  const memory = await startSandbox({ port: 0, adminToken: ADMIN_TOKEN, rateLimit: { limit: 0, windowMs: 60_000 } });
  let creationPglite;
  try {
    creationPglite = await timeCreations(memory.url);
  } finally {
    await memory.stop();
  }
  console.log(`[team] sandbox creation, ${SANDBOX_CREATIONS} sequential: PostgreSQL median ${creationPostgres.medianMs} ms (p95 ${creationPostgres.p95Ms}), PGlite in memory median ${creationPglite.medianMs} ms (p95 ${creationPglite.p95Ms})`);

  // The figures: per target, the median round (its CPU shares are that round's).
  const medianRun = (target: string) => {
    const of = runs.filter((r) => r.target === target);
    const m = median(of.map((r) => r.perSecond));
    return { ...of.find((r) => r.perSecond === m)!, runs: of.map((r) => r.perSecond) };
  };
  // In reading order: 1, 2, 3 processes, the pgbench ceilings, then through the proxy.
  const order = (t: string) => (t.includes('proxy') ? 3 : t === 'pgbench, credit-shaped' ? 2 : t.startsWith('pgbench') ? 1 : 0);
  const names = [...new Set(runs.map((r) => r.target))].sort((x, y) => order(x) - order(y) || x.localeCompare(y));
  const rows = names.map((target) => {
    const r = medianRun(target);
    const per = (cores: number) => (r.perSecond ? Math.round((cores * 1e6) / r.perSecond) : 0);
    return {
      target,
      perSecond: r.perSecond,
      runs: r.runs,
      ...(r.p99Ms === undefined ? {} : { p99Ms: r.p99Ms }),
      cpu: r.cpu,
      cpuUsPer: { sandbox: per(r.cpu.sandbox), postgres: per(r.cpu.postgres), loadGenerator: per(r.cpu.loadGenerator) },
      walBytesPer: r.walBytesPer,
    };
  });
  const direct = rows.filter((r) => /^\d process(es)?$/.test(r.target));
  const best = direct.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  const pgbench = rows.find((r) => r.target === 'pgbench, one-row UPDATE')!;
  const shapedRow = rows.find((r) => r.target === 'pgbench, credit-shaped')!;
  const cores = os.cpus().length;
  const pct = (x: number) => `${Math.round((x / cores) * 100)}%`;
  const c = best.cpu;
  const u = best.cpuUsPer;
  const perCredit = u.sandbox + u.postgres + u.loadGenerator;
  const perPgbench = pgbench.cpuUsPer.postgres + pgbench.cpuUsPer.loadGenerator;
  // What the measured CPU per transaction allows on this machine's cores with nobody else on them.
  const ceiling = (us: number) => (us ? Math.round((cores * 1e6) / us / 10) * 10 : 0);
  const cpuBound = c.machineBusy >= 0.85 * cores;
  const largest = u.sandbox >= u.postgres ? `the sandbox processes' (${u.sandbox} µs of ${perCredit})` : `PostgreSQL's (${u.postgres} µs of ${perCredit})`;
  const bottleneck =
    `${cpuBound ? 'CPU' : 'Not CPU alone'}: at ${best.target} (${best.perSecond.toLocaleString('en')} credits/s) the ${cores} cores were ${pct(c.machineBusy)} busy` +
    (c.cpuPressure === undefined ? '' : `, with some task waiting for a CPU ${Math.round(c.cpuPressure * 100)}% of the time`) +
    ` — sandbox processes ${pct(c.sandbox)}, PostgreSQL ${pct(c.postgres)}, load generator ${pct(c.loadGenerator)}, other work on the machine ${pct(c.other)}; ` +
    `the sandbox processes waited for a CPU ${c.sandboxWaiting} s per second and PostgreSQL's backends ${c.postgresWaiting} s. ` +
    `Per credit: ${u.sandbox} µs of CPU in the sandbox processes + ${u.postgres} µs in PostgreSQL + ${u.loadGenerator} µs in the load generator = ${perCredit} µs, ` +
    `which allows about ${ceiling(perCredit).toLocaleString('en')} credits/s on ${cores} cores to itself, against about ${ceiling(perPgbench).toLocaleString('en')} one-row pgbench transactions/s (${pgbench.cpuUsPer.postgres} + ${pgbench.cpuUsPer.loadGenerator} µs each). ` +
    `PostgreSQL spends ${u.postgres} µs per credit where pgbench's credit-shaped transaction (the same statement, prepared, the same rows written) costs it ${shapedRow.cpuUsPer.postgres} µs. ` +
    (cpuBound ? `The largest cost per credit is ${largest}.` : `Requests wait on something other than CPU (commit flushes, locks or the pool of ${POOL ?? 10} connections per process).`);
  const target = { credits: best.perSecond, pgbench: pgbench.perSecond, met: best.perSecond >= 2000 || best.perSecond * 2 >= pgbench.perSecond };

  console.log(`\n| target | per second (median of ${ROUNDS} × ${SECONDS} s) | rounds | p99 ms | CPU µs per txn: sandbox / PostgreSQL / load generator | machine busy (cores of ${cores}) | CPU pressure | WAL B/txn |`);
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.target} | ${r.perSecond.toLocaleString('en')} | ${r.runs.join(', ')} | ${r.p99Ms ?? ''} | ${r.cpuUsPer.sandbox} / ${r.cpuUsPer.postgres} / ${r.cpuUsPer.loadGenerator} | ${r.cpu.machineBusy} | ${r.cpu.cpuPressure === undefined ? '' : `${Math.round(r.cpu.cpuPressure * 100)}%`} | ${r.walBytesPer} |`);
  console.log(`\nBottleneck: ${bottleneck}`);
  console.log(`Target ≥ 2,000 credits/s or within 2× of pgbench (${pgbench.perSecond.toLocaleString('en')} tps): ${best.perSecond.toLocaleString('en')}/s ${target.met ? '✔ met' : '✖ missed'}`);
  console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s in all)`);

  mkdirSync(path.join(BENCH_DIR, '../artifacts'), { recursive: true });
  writeFileSync(
    path.join(BENCH_DIR, '../artifacts/team.json'),
    `${JSON.stringify(
      {
        connections: CONNECTIONS,
        seconds: SECONDS,
        rounds: ROUNDS,
        members: MEMBERS,
        sandboxes: 1,
        poolSize: POOL ?? 10,
        cpus: cores,
        loadAverageAtStart: Math.round(loadAtStart * 10) / 10,
        rev: revision(),
        rows,
        verification,
        creation: { postgres: creationPostgres, pgliteMemory: creationPglite },
        bottleneck,
        target,
      },
      null,
      2,
    )}\n`,
  );
} finally {
  for (const team of teams) await team.cluster.stop().catch(() => undefined);
  await admin.end().catch(() => undefined);
  await postgres.stop();
  rmSync(scripts, { recursive: true, force: true });
}
process.exitCode = exitCode;

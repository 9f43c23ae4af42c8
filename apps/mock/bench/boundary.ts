// What the boundary layer costs: the same request (GET /v1/offers with a member token) against
// bare Prism and against the mock (boundary → Prism), same bundle, same Prism flags, loopback
// only. Load is bounded: a fixed number of requests per run from a few concurrent keep-alive
// clients, and a run is cut off after a time limit. Runs alternate so a noisy neighbour on the
// shared CPUs hits both sides alike. Latency is timed per request with hrtime (sub-ms).
//   pnpm --filter @expys/mock bench    (or: node --import tsx bench/boundary.ts)
import http from 'node:http';
import { SAMPLE_CREDENTIALS } from '../src/gateway/credentials.js';
import { defaultBundleFile, startMock } from '../src/mock.js';
import { startPrism } from '../src/prism.js';

const PATH = '/v1/offers';
const CONCURRENCY = 10;
const REQUESTS_PER_RUN = Number(process.env.BENCH_REQUESTS ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const RUN_TIME_LIMIT_MS = 30_000;

interface RunResult {
  rps: number;
  p50: number;
  p99: number;
}

function request(agent: http.Agent, url: URL): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.get(
      { agent, host: url.hostname, port: url.port, path: PATH, headers: { authorization: `Bearer ${SAMPLE_CREDENTIALS.memberToken}` } },
      (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`${url.origin}${PATH} answered ${res.statusCode}`));
          else resolve(Number(process.hrtime.bigint() - started) / 1e6);
        });
      },
    );
    req.on('error', reject);
  });
}

async function load(baseUrl: string, amount: number): Promise<RunResult> {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  const deadline = Date.now() + RUN_TIME_LIMIT_MS;
  let issued = 0;
  const started = performance.now();
  const worker = async () => {
    while (issued < amount && Date.now() < deadline) {
      issued++;
      latencies.push(await request(agent, url));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99) };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${value.toFixed(2)} ms`;

const specFile = defaultBundleFile();
const prism = await startPrism({ specFile, dynamic: false });
const mock = await startMock({ port: 0, specFile });
try {
  const targets: [string, string][] = [
    ['bare Prism', prism.url],
    ['boundary → Prism', mock.url],
  ];
  const results = new Map<string, RunResult[]>(targets.map(([name]) => [name, []]));

  for (const [, url] of targets) await load(url, 500); // warm-up: JIT, keep-alive sockets
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [name, url] of targets) {
      const result = await load(url, REQUESTS_PER_RUN);
      results.get(name)!.push(result);
      console.log(`round ${round}  ${name.padEnd(16)} ${result.rps.toFixed(0).padStart(5)} req/s  p50 ${ms(result.p50)}  p99 ${ms(result.p99)}`);
    }
  }

  const summary = [...results].map(([name, runs]) => ({
    name,
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
  }));
  const [bare, guarded] = summary;
  console.log(`\nGET ${PATH} with a member token, ${CONCURRENCY} concurrent clients, ${REQUESTS_PER_RUN} requests × ${ROUNDS} rounds; medians:`);
  for (const s of summary) console.log(`  ${s.name.padEnd(16)} ${s.rps.toFixed(0).padStart(5)} req/s   p50 ${ms(s.p50)}   p99 ${ms(s.p99)}`);
  console.log(
    `  boundary / bare: throughput ×${(guarded.rps / bare.rps).toFixed(2)}, p50 ×${(guarded.p50 / bare.p50).toFixed(2)}, p99 ×${(guarded.p99 / bare.p99).toFixed(2)}`,
  );
} finally {
  await Promise.all([prism.stop(), mock.stop()]);
}

// What the gateway costs, or saves: the same requests against bare `prism mock` (the CLI) and
// against the mock (gateway + Prism in-process), same bundle, loopback only, in one run. A GET
// (listOffers) and a POST with a JSON body (creditPoints). Load is bounded: fixed duration per
// run, a few keep-alive connections (autocannon); rounds alternate so a noisy neighbour on the
// shared CPUs hits both sides alike. Prints medians and ratios.
//   pnpm --filter @expys/mock bench    (or: node --import tsx bench/boundary.ts)
import autocannon from 'autocannon';
import { SAMPLE_CREDENTIALS as C } from '@expys/gateway';
import { defaultBundleFile, startMock } from '../src/mock.js';
import { startPrismCli } from './prism-cli.js';

const CONNECTIONS = 10;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const SCENARIOS = {
  'GET /v1/offers': { method: 'GET' as const, path: '/v1/offers', headers: { authorization: `Bearer ${C.memberToken}` } },
  'POST /v1/points/credit': {
    method: 'POST' as const,
    path: '/v1/points/credit',
    headers: { authorization: `Bearer ${C.fullAccessKey}`, 'content-type': 'application/json', 'idempotency-key': 'bench-key-1' },
    body: JSON.stringify({ externalUserID: 'user_123', amount: 250, reason: 'Benchmark' }),
  },
};

interface Run {
  rps: number;
  p99: number;
  non2xx: number;
}

async function run(url: string, scenario: (typeof SCENARIOS)[keyof typeof SCENARIOS]): Promise<Run> {
  const result = await autocannon({ url: url + scenario.path, connections: CONNECTIONS, duration: SECONDS, ...scenario });
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx + result.errors + result.timeouts };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const specFile = defaultBundleFile();
const prism = await startPrismCli(specFile);
const mock = await startMock({ port: 0, specFile, rateLimit: { limit: 0, windowMs: 60_000 } });
const targets: [string, string][] = [
  ['bare prism mock CLI', prism.url],
  ['gateway + in-process Prism', mock.url],
];
try {
  const results = new Map<string, Run[]>();
  for (const [scenarioName, scenario] of Object.entries(SCENARIOS)) {
    for (const [, url] of targets) await autocannon({ url: url + scenario.path, connections: CONNECTIONS, amount: 500, ...scenario }); // warm-up
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [name, url] of targets) {
        const r = await run(url, scenario);
        if (r.non2xx > 0) throw new Error(`${name} ${scenarioName}: ${r.non2xx} answers were not 2xx`);
        const key = `${scenarioName}|${name}`;
        results.set(key, [...(results.get(key) ?? []), r]);
        console.log(`round ${round}  ${scenarioName.padEnd(24)} ${name.padEnd(28)} ${r.rps.toFixed(0).padStart(6)} req/s  p99 ${r.p99} ms`);
      }
    }
  }
  console.log(`\n| request | target | req/s (median of ${ROUNDS}) | p99 ms | vs bare Prism |\n|---|---|---|---|---|`);
  for (const scenarioName of Object.keys(SCENARIOS)) {
    const base = median(results.get(`${scenarioName}|${targets[0][0]}`)!.map((r) => r.rps));
    for (const [name] of targets) {
      const runs = results.get(`${scenarioName}|${name}`)!;
      const rps = median(runs.map((r) => r.rps));
      console.log(`| ${scenarioName} | ${name} | ${rps.toFixed(0)} | ${median(runs.map((r) => r.p99))} | ×${(rps / base).toFixed(2)} |`);
    }
  }
} finally {
  prism.stop();
  await mock.stop();
}

// What one call costs over plain fetch: the member client against bare openapi-fetch (which it
// runs on) and raw fetch, on the same loopback server, in one run; and raw fetch with an abort
// signal and its timer, which is what the client's per-call deadline costs by itself: the floor
// under the client, which has a deadline on every call (and bare openapi-fetch with the same
// signal and timer: that floor on openapi-fetch). Each round makes CALLS sequential
// getWallet calls per contender, in a rotating order (so warm-up and GC fall on each in turn);
// the table shows µs per call (median round) and the ratios to raw fetch and to bare
// openapi-fetch, each the median of the ratios within a round: rounds are short and many, so a
// machine that slows down or speeds up mid-run moves every contender of a round together.
// The same calls counted in CPU instructions, which a busy machine does not move: bench/per-call-instructions.ts.
// Run `npm run build` first (it measures dist/). Usage: npm run bench:per-call [-- --calls 2000 --rounds 7]
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mintCredential } from '@expys/credentials';
import createClient from 'openapi-fetch';
import type { paths } from '../src/generated/schema.js';

// What ships (dist/, built by `npm run build`), typed by the sources: the type-check runs before a build.
const DIST = '../dist/index.js';
const { initialize } = (await import(DIST)) as typeof import('../src/index.js');

// pnpm 12 passes the `--` of `run bench:per-call -- --rounds 15` on: it is dropped.
const { values } = parseArgs({ args: process.argv.slice(2).filter((arg) => arg !== '--'), options: {
    calls: { type: 'string', default: '250' },
    rounds: { type: 'string', default: '41' },
    // For bench/per-call-instructions.ts: one contender's calls only, no table, no artifact.
    only: { type: 'string' },
  },
});
const CALLS = Number(values.calls);
const ROUNDS = Number(values.rounds);
const TOKEN = mintCredential('member-token', 'sandbox');
const WALLET = JSON.stringify({ externalUserID: 'user_42', balance: 1200, currency: { code: 'PTS', symbol: '★', name: 'Points' }, tier: 'gold', updatedAt: '2026-01-01T00:00:00Z' });

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json', 'request-id': 'req_bench1', 'ratelimit-limit': '600', 'ratelimit-remaining': '599', 'ratelimit-reset': '60' });
    response.end(WALLET);
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const bare = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${TOKEN}` } });
const expys = initialize({ environment: 'sandbox', baseUrl, token: TOKEN });

const contenders: Record<string, () => Promise<unknown>> = {
  'raw fetch': async () => {
    const response = await fetch(`${baseUrl}/v1/wallet`, { headers: { Authorization: `Bearer ${TOKEN}`, Accept: 'application/json' } });
    if (!response.ok) throw new Error(String(response.status));
    return response.json();
  },
  // What the client's per-call deadline costs by itself: raw fetch with an abort signal and a timer.
  'raw fetch + deadline signal': async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 60_000);
    try {
      const response = await fetch(`${baseUrl}/v1/wallet`, { headers: { Authorization: `Bearer ${TOKEN}`, Accept: 'application/json' }, signal: controller.signal });
      if (!response.ok) throw new Error(String(response.status));
      return await response.json();
    } finally {
      clearTimeout(timer);
    }
  },
  'openapi-fetch (bare)': async () => {
    const { data, error } = await bare.GET('/v1/wallet');
    if (error) throw new Error('failed');
    return data;
  },
  // The same floor on openapi-fetch: bare openapi-fetch given the deadline's signal (it goes into
  // the Request openapi-fetch builds, which fetch then copies and links to a signal of its own).
  'openapi-fetch (bare) + deadline signal': async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 60_000);
    try {
      const { data, error } = await bare.GET('/v1/wallet', { signal: controller.signal });
      if (error) throw new Error('failed');
      return data;
    } finally {
      clearTimeout(timer);
    }
  },
  '@expys/member-client': () => expys.getWallet(),
};

const names = values.only === undefined ? Object.keys(contenders) : [values.only];
if (!names.every((name) => name in contenders)) throw new Error(`--only: one of ${Object.keys(contenders).join(', ')}`);
const perCall: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
for (const name of names) for (let i = 0; i < 200; i++) await contenders[name](); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  const order = names.map((_, i) => names[(i + round) % names.length]);
  for (const name of order) {
    const started = performance.now();
    for (let i = 0; i < CALLS; i++) await contenders[name]();
    perCall[name].push(((performance.now() - started) * 1000) / CALLS);
  }
}
server.close();
if (values.only !== undefined) process.exit(0);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const roundRatio = (name: string, to: string) => median(perCall[name].map((us, round) => us / perCall[to][round]));
const rows = names.map((name) => ({
  name,
  microsecondsPerCall: Number(median(perCall[name]).toFixed(1)),
  ratioToRawFetch: Number(roundRatio(name, 'raw fetch').toFixed(3)),
  ratioToBareOpenapiFetch: Number(roundRatio(name, 'openapi-fetch (bare)').toFixed(3)),
}));
console.log(`Per call, getWallet on loopback (${CALLS} sequential calls × ${ROUNDS} rounds; ratios: median of round ratios; Node ${process.versions.node})`);
for (const r of rows) console.log(`  ${r.name.padEnd(40)} ${String(r.microsecondsPerCall).padStart(7)} µs   ${r.ratioToRawFetch.toFixed(2)}× raw fetch   ${r.ratioToBareOpenapiFetch.toFixed(2)}× bare openapi-fetch`);

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../artifacts');
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'per-call.json'), `${JSON.stringify({ calls: CALLS, rounds: ROUNDS, node: process.versions.node, ratio: 'median of round ratios', floor: 'raw fetch + deadline signal', rows }, null, 2)}\n`);

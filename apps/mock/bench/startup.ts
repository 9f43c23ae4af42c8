// Start-up time, measured from the caller's side until the first 200 on GET /v1/offers:
// - startMock() on the existing bundle (what tests pay per mock);
// - the CLI from spawn (what a developer waits for: lint + bundle + Prism), on a private copy
//   of the spec so the shared bundles in packages/openapi/dist are not rewritten.
import net from 'node:net';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { SAMPLE_CREDENTIALS } from '@expys/gateway';
import { startMock } from '../src/mock.js';
import { PACKAGE_ROOT } from '../src/paths.js';
import { copySpec } from '../test/support/spec-copy.js';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 3);
const headers = { authorization: `Bearer ${SAMPLE_CREDENTIALS.memberToken}` };

async function firstOk(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url, { headers })).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no 200 from ${url} in time`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const programmatic: number[] = [];
const cli: number[] = [];

for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  const mock = await startMock({ port: 0 });
  await firstOk(`${mock.url}/v1/offers`, Date.now() + 60_000);
  programmatic.push(performance.now() - started);
  await mock.stop();
}

const spec = copySpec();
try {
  for (let run = 0; run < RUNS; run++) {
    const port = await new Promise<number>((resolve) => { const probe = net.createServer().listen(0, '127.0.0.1', () => { const { port } = probe.address() as net.AddressInfo; probe.close(() => resolve(port)); }); });
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', '--port', String(port), '--quiet', '--spec-config', spec.config], {
      cwd: PACKAGE_ROOT,
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      await firstOk(`http://127.0.0.1:${port}/v1/offers`, Date.now() + 120_000);
      cli.push(performance.now() - started);
    } finally {
      child.kill('SIGINT');
      await exited;
    }
  }
} finally {
  rmSync(spec.dir, { recursive: true, force: true });
}

const fmt = (values: number[]) => `median ${median(values).toFixed(0)} ms (runs: ${values.map((v) => v.toFixed(0)).join(', ')})`;
console.log(`startMock() → first 200:                 ${fmt(programmatic)}`);
console.log(`CLI spawn (lint + bundle + gateway and Prism) → first 200: ${fmt(cli)}`);

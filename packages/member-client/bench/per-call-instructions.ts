// What one call costs in CPU instructions rather than time: a shared or busy machine moves every
// timing (bench/per-call.ts takes ratios within short rounds for that), but not the number of
// instructions a call executes. Each contender of bench/per-call.ts runs alone under valgrind
// (cachegrind, no cache simulation) at two call counts; the difference over the extra calls is
// one call, startup and warm-up cancelling out. The loopback server runs in the same process, so
// its work is counted too (the same for every contender but for the headers each sends).
// Needs valgrind (Debian: apt-get install valgrind); about a minute per run, 2 runs per contender.
// Run `npm run build` first. Usage: npm run bench:per-call-instructions [-- --calls 500,2500]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONTENDERS = ['raw fetch', 'raw fetch + deadline signal', 'openapi-fetch (bare)', 'openapi-fetch (bare) + deadline signal', '@expys/member-client'];
const { values } = parseArgs({ args: process.argv.slice(2).filter((arg) => arg !== '--'), options: { calls: { type: 'string', default: '500,2500' } } });
const [few, many] = values.calls.split(',').map(Number);

try {
  execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
} catch {
  console.error('valgrind is not installed: this bench counts instructions with it (Debian: apt-get install valgrind).');
  process.exit(1);
}

/** Instructions of a whole run of `calls` calls of one contender. */
function instructions(name: string, calls: number): number {
  const args = ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', process.execPath, '--import', 'tsx', path.join(HERE, 'per-call.ts'), '--only', name, '--calls', String(calls), '--rounds', '1'];
  // valgrind reports on stderr.
  const { status, stderr } = spawnSync('valgrind', args, { cwd: path.join(HERE, '..'), encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const refs = /I\s+refs:\s+([\d,]+)/.exec(stderr)?.[1];
  if (status !== 0 || !refs) throw new Error(`no instruction count for ${name} (exit ${status}):\n${stderr}`);
  return Number(refs.replaceAll(',', ''));
}

const perCall: Record<string, number> = {};
for (const name of CONTENDERS) perCall[name] = (instructions(name, many) - instructions(name, few)) / (many - few);
const rows = CONTENDERS.map((name) => ({
  name,
  instructionsPerCall: Math.round(perCall[name]),
  ratioToRawFetch: Number((perCall[name] / perCall['raw fetch']).toFixed(3)),
  ratioToBareOpenapiFetch: Number((perCall[name] / perCall['openapi-fetch (bare)']).toFixed(3)),
  ratioToBareOpenapiFetchWithDeadline: Number((perCall[name] / perCall['openapi-fetch (bare) + deadline signal']).toFixed(3)),
}));
console.log(`Per call, getWallet on loopback, in CPU instructions (valgrind; (${many} − ${few} calls); client and server; Node ${process.versions.node})`);
for (const r of rows) {
  console.log(`  ${r.name.padEnd(40)} ${String(r.instructionsPerCall).padStart(9)}   ${r.ratioToRawFetch.toFixed(3)}× raw fetch   ${r.ratioToBareOpenapiFetch.toFixed(3)}× bare openapi-fetch   ${r.ratioToBareOpenapiFetchWithDeadline.toFixed(3)}× bare openapi-fetch + deadline`);
}
const out = path.join(HERE, '../artifacts');
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'per-call-instructions.json'), `${JSON.stringify({ calls: [few, many], node: process.versions.node, measure: 'instructions per call (valgrind cachegrind), client and loopback server', floor: 'raw fetch + deadline signal', rows }, null, 2)}\n`);

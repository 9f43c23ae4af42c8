// The edit loop as a spec author meets it: the real `expys-dev` process on a copy of the spec,
// the real mock it starts. Each edit is a save to a YAML file; the test reads the report lines,
// the regenerated types and what the mock serves.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copySpec } from '../src/spec-copy.js';

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const MEMBER_TOKEN = 'mt_test_SampleMemberToken0000000000000000004vNQP';

let work: string;
let dev: ChildProcessWithoutNullStreams;
let output = '';
let mockUrl: string;

const spec = (file: string) => path.join(work, 'spec', file);
const generated = () => readFileSync(path.join(work, 'member-client/src/generated/operations.ts'), 'utf8');

/** Waits for the next report line (✔ or ✖) after `from` in the output, with its detail lines. */
async function nextReport(from: number, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const rest = output.slice(from);
    const start = rest.search(/^[✔✖] /m);
    if (start !== -1) {
      const block = rest.slice(start);
      // The report is complete once the next line that is not indented has begun (or a pause).
      await new Promise((r) => setTimeout(r, 150));
      const settled = output.slice(from).slice(start);
      return settled.split('\n').filter((line, i) => i === 0 || line.startsWith('  ')).join('\n') || block;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no report within ${timeoutMs} ms; output so far:\n${output}`);
}

async function save(file: string, edit: (text: string) => string): Promise<string> {
  const from = output.length;
  writeFileSync(spec(file), edit(readFileSync(spec(file), 'utf8')));
  return nextReport(from);
}

/** Saves as editors' safe write and `sed -i` do: a new file next to it, renamed over the original. */
async function saveThroughRename(file: string, edit: (text: string) => string): Promise<string> {
  const from = output.length;
  const temp = `${spec(file)}.tmp-${process.pid}`;
  writeFileSync(temp, edit(readFileSync(spec(file), 'utf8')));
  renameSync(temp, spec(file));
  return nextReport(from);
}

/** The report lines (✔ or ✖) in the output after `from`. */
const reportsSince = (from: number) => output.slice(from).match(/^[✔✖] .*/gm) ?? [];

async function walletBalance(): Promise<number> {
  const response = await fetch(`${mockUrl}/v1/wallet`, { headers: { authorization: `Bearer ${MEMBER_TOKEN}` } });
  return ((await response.json()) as { balance: number }).balance;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'expys-dev-loop-'));
  const configFile = copySpec(REPO, work);
  mkdirSync(path.join(work, 'member-client'));
  writeFileSync(path.join(work, 'member-client/package.json'), JSON.stringify({ name: '@expys/member-client', version: '9.9.9' }));

  dev = spawn(process.execPath, ['--import', TSX, path.join(REPO, 'apps/dev/src/cli.ts'), '--config', configFile, '--port', '0', '--no-docs', '--client', `member=${path.join(work, 'member-client')}`], {
    cwd: work,
    env: { ...process.env, NO_COLOR: '1' },
  });
  dev.stdout.on('data', (chunk) => (output += chunk));
  dev.stderr.on('data', (chunk) => (output += chunk));
  const first = await nextReport(0, 60_000);
  expect(first, output).toMatch(/^✔ .*\(start\) → bundles full, member, server · types @expys\/member-client/);
  mockUrl = /mock serving (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1];
}, 90_000);

afterAll(async () => {
  if (dev && dev.exitCode === null) {
    const exited = new Promise((resolve) => dev.once('exit', resolve));
    dev.kill('SIGTERM');
    await exited;
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm run dev', () => {
  it('a new summary: the member bundle and types are regenerated, the report says what and how long', async () => {
    const report = await save('paths/wallet.yaml', (t) => t.replace("summary: Get the member's wallet", "summary: Get the signed-in member's wallet"));
    expect(report).toMatch(/^✔ \d\d:\d\d:\d\d spec\/paths\/wallet\.yaml → bundles full, member · types @expys\/member-client · mock reloaded · \d+\.\d\d s after the save \(lint /);
    expect(generated()).toContain("Get the signed-in member's wallet");
    expect(generated()).toContain('"@expys/member-client/9.9.9"');
  });

  it('an edited example is served by the running mock at once, on the same URL', async () => {
    expect(await walletBalance()).toBe(1200);
    // The response's named example: what the mock serves (the schema's own one is for the docs).
    const report = await save('paths/wallet.yaml', (t) => t.replace('balance: 1200', 'balance: 4321'));
    expect(report).toContain('mock reloaded');
    expect(await walletBalance()).toBe(4321);
  });

  it('a server-only edit leaves the member client alone', async () => {
    const before = generated();
    const report = await save('paths/points.yaml', (t) => t.replace(/summary: (.*)/, 'summary: $1 (edited)'));
    expect(report).toMatch(/→ bundles full, server ·/);
    expect(report).not.toContain('types @expys/member-client');
    expect(generated()).toBe(before);
  });

  it('broken YAML: an error with file:line, nothing regenerated, the mock keeps serving, the loop goes on', async () => {
    const before = generated();
    const report = await save('paths/wallet.yaml', (t) => t.replace('operationId: getWallet', 'operationId: [getWallet'));
    expect(report).toMatch(/^✖ .* → 1 error; nothing regenerated, the mock keeps the last good spec/);
    // Where the parser noticed: the line of the edit or the next one.
    expect(report).toMatch(/\n {2}spec\/paths\/wallet\.yaml:[34]:\d+ {2}no-unresolved-refs {2}Failed to parse/);
    expect(generated()).toBe(before);
    expect(await walletBalance()).toBe(4321);
    const fixed = await save('paths/wallet.yaml', (t) => t.replace('operationId: [getWallet', 'operationId: getWallet'));
    expect(fixed).toMatch(/^✔ /);
  });

  it('a broken $ref and a broken convention are named with their file and line', async () => {
    const ref = await save('paths/wallet.yaml', (t) => t.replace('../components/schemas/Wallet.yaml', '../components/schemas/Walet.yaml'));
    expect(ref).toMatch(/^✖ /);
    expect(ref).toMatch(/spec\/paths\/wallet\.yaml:\d+:\d+ {2}no-unresolved-refs {2}.*Walet\.yaml/);
    await save('paths/wallet.yaml', (t) => t.replace('../components/schemas/Walet.yaml', '../components/schemas/Wallet.yaml'));

    const mode = await save('paths/wallet.yaml', (t) => t.replace('x-expys-mode: member', 'x-expys-mode: both'));
    expect(mode).toMatch(/spec\/paths\/wallet\.yaml:\d+:\d+ {2}expys\/operation-mode /);
    const fixed = await save('paths/wallet.yaml', (t) => t.replace('x-expys-mode: both', 'x-expys-mode: member'));
    expect(fixed).toMatch(/^✔ /);
    expect(await walletBalance()).toBe(4321);
  });

  it('a spec the client generator refuses: reported, no bundle written, retried on the next save', async () => {
    const bundle = () => readFileSync(path.join(work, 'dist/expys.full.json'), 'utf8');
    const before = bundle();
    const refused = await save('openapi.yaml', (t) => t.replace('x-expys-live: false', 'x-expys-live-typo: false'));
    expect(refused).toMatch(/^✖ .* → 1 error/);
    expect(refused).toMatch(/client-generator {2}.*x-expys-live/);
    expect(bundle()).toBe(before);
    const fixed = await save('openapi.yaml', (t) => t.replace('x-expys-live-typo: false', 'x-expys-live: false'));
    expect(fixed).toMatch(/^✔ /);
  });

  it('saves through rename (safe write, sed -i) are all seen: five in a row, five reports, fresh types each time', async () => {
    const from = output.length;
    for (let i = 1; i <= 5; i++) {
      const report = await saveThroughRename('paths/wallet.yaml', (t) => t.replace(/^( {4}summary: ).*$/m, `$1Get the wallet (rename save ${i})`));
      expect(report, output.slice(from)).toMatch(/^✔ \d\d:\d\d:\d\d spec\/paths\/wallet\.yaml → bundles full, member · types @expys\/member-client/);
      expect(generated()).toContain(`Get the wallet (rename save ${i})`);
    }
    // No pass was lost, and none was doubled (a rename is one save).
    await new Promise((r) => setTimeout(r, 500));
    expect(reportsSince(from), output.slice(from)).toHaveLength(5);
  }, 60_000);

  it('a new file in a new folder and a deleted file are reported', async () => {
    const added = await (async () => {
      const from = output.length;
      mkdirSync(spec('paths/new-folder'));
      writeFileSync(spec('paths/new-folder/x.yaml'), "/x:\n  get:\n    summary: Not in the root's path table\n");
      return nextReport(from);
    })();
    // Referenced from nowhere, so nothing changes (expys/no-orphan-path reads only the files
    // directly under paths/): what matters is that the loop saw it.
    expect(added).toMatch(/^[✔✖] \d\d:\d\d:\d\d spec\/paths\/new-folder\/x\.yaml → /);
    const from = output.length;
    unlinkSync(spec('paths/new-folder/x.yaml'));
    const deleted = await nextReport(from);
    expect(deleted).toMatch(/^✔ \d\d:\d\d:\d\d spec\/paths\/new-folder\/x\.yaml → /);
    // A deleted folder: each spec file in it is reported.
    await (async () => {
      const from = output.length;
      writeFileSync(spec('paths/new-folder/x.yaml'), '/x: {}\n');
      return nextReport(from);
    })();
    const fromRemoval = output.length;
    rmSync(spec('paths/new-folder'), { recursive: true });
    expect(await nextReport(fromRemoval)).toMatch(/^✔ \d\d:\d\d:\d\d spec\/paths\/new-folder\/x\.yaml → /);
  }, 60_000);
});

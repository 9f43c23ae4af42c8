// release:check reads the last build: a build made from other sources is refused, naming what
// changed, instead of answering for a spec that is no longer there. By content: a save that
// changes nothing, or a build replayed from turbo's cache, is not stale.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../src/audiences.js';
import { MANIFESTS, staleOutputs } from '../src/freshness.js';

const root = mkdtempSync(path.join(tmpdir(), 'expys-freshness-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const write = (file: string, text = 'x') => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
};

describe('the freshness of the build the gate reads', () => {
  it('in this repository, after the build that npm test runs first, is current', () => {
    expect(staleOutputs()).toEqual([]);
  });

  it('names the changed, new and removed sources of a copy, and ignores a save that changes nothing', async () => {
    // A copy of the repository's manifests with their sources: current, as the build left them.
    for (const manifest of MANIFESTS) cpSync(path.join(REPO, manifest), path.join(root, manifest));
    for (const entry of ['spec', 'redocly.yaml', 'packages/member-client/src', 'packages/member-client/package.json']) cpSync(path.join(REPO, entry), path.join(root, entry), { recursive: true, filter: (f) => !f.includes('/generated') });
    const mine = (lines: string[]) => lines.filter((l) => l.startsWith('packages/openapi ') || l.startsWith('packages/member-client '));
    // Sources not copied (scripts, client-core) are reported removed for their builds: look at these two.
    const before = mine(staleOutputs(root)).filter((l) => !/ was removed/.test(l));
    expect(before).toEqual([]);

    const wallet = path.join(root, 'spec/paths/wallet.yaml');
    utimesSync(wallet, new Date(), new Date()); // touched, not changed
    expect(mine(staleOutputs(root)).filter((l) => !/ was removed/.test(l))).toEqual([]);

    write('spec/paths/wallet.yaml', 'changed: true\n');
    write('spec/paths/new-file.yaml', 'x: 1\n');
    write('packages/member-client/src/generated/ignored.ts');
    const lines = mine(staleOutputs(root));
    expect(lines.find((l) => l.startsWith('packages/openapi '))).toMatch(/^packages\/openapi was built before spec\/paths\/wallet\.yaml changed, spec\/paths\/new-file\.yaml is new/);
    expect(lines.join('\n')).not.toContain('generated');
  });

  it('says a build is missing when its manifest is', () => {
    rmSync(path.join(root, MANIFESTS[2]));
    expect(staleOutputs(root)).toContain('packages/member-client/dist/build-inputs.json is missing: that package was not built (or built by an older build script)');
  });
});

const MANIFEST_SCRIPT = path.join(REPO, 'scripts/build/inputs-manifest.mjs');
const manifestCli = (args: string[], cwd: string) => promisify(execFile)(process.execPath, [MANIFEST_SCRIPT, ...args], { cwd }).catch((e: { code: number; stdout: string; stderr: string }) => e);

/** The `record` entries of a package's build script. */
function recordedEntries(dir: string): string[] {
  const build: string = JSON.parse(readFileSync(path.join(REPO, 'packages', dir, 'package.json'), 'utf8')).scripts.build;
  const record = /inputs-manifest\.mjs record ([^&]+)&&/.exec(build);
  expect(record, `packages/${dir} build records its inputs first: ${build}`).not.toBeNull();
  expect(build.indexOf('inputs-manifest.mjs record'), `packages/${dir}: record is the first step`).toBe(build.indexOf('inputs-manifest.mjs'));
  expect(build, `packages/${dir}: write is the last step`).toMatch(/inputs-manifest\.mjs write dist\/build-inputs\.json$/);
  return record![1].trim().split(/\s+/).map((e) => e.replace(/^'(.*)'$/, '$1'));
}

describe('what each build records, and when', () => {
  it('hashes the inputs when the build starts: a source saved while it runs leaves the build stale', async () => {
    const copy = mkdtempSync(path.join(root, 'during-'));
    mkdirSync(path.join(copy, 'spec'), { recursive: true });
    mkdirSync(path.join(copy, 'packages/openapi'), { recursive: true });
    writeFileSync(path.join(copy, 'spec/openapi.yaml'), 'openapi: 3.1.0\n');
    const pkg = path.join(copy, 'packages/openapi');
    expect((await manifestCli(['record', '--root', copy, 'spec'], pkg)) as { code?: number }).not.toHaveProperty('code');
    writeFileSync(path.join(copy, 'spec/openapi.yaml'), 'openapi: 3.1.1\n'); // saved during the build
    await manifestCli(['write', 'dist/build-inputs.json'], pkg);
    const check = (await manifestCli(['check', '--root', copy, 'packages/openapi/dist/build-inputs.json'], copy)) as { code: number; stdout: string };
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('packages/openapi was built before spec/openapi.yaml changed');
    // A build that recorded nothing cannot write a manifest claiming anything.
    const unrecorded = (await manifestCli(['write', 'dist/build-inputs.json'], pkg)) as { code: number; stderr: string };
    expect(unrecorded.code).toBe(2);
    expect(unrecorded.stderr).toContain('nothing recorded');
  });

  it('leaves out `!` entries: the spec README and workflows are not inputs of the bundles', async () => {
    const entries = recordedEntries('openapi');
    expect(entries).toEqual(expect.arrayContaining(['spec', '!spec/README.md', '!spec/workflows']));
    const copy = mkdtempSync(path.join(root, 'excluded-'));
    for (const file of ['spec/openapi.yaml', 'spec/README.md', 'spec/workflows/journey.arazzo.yaml']) {
      mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
      writeFileSync(path.join(copy, file), 'x: 1\n');
    }
    const pkg = path.join(copy, 'packages/openapi');
    mkdirSync(pkg, { recursive: true });
    await manifestCli(['record', '--root', copy, 'spec', '!spec/README.md', '!spec/workflows'], pkg);
    await manifestCli(['write', 'dist/build-inputs.json'], pkg);
    expect(Object.keys(JSON.parse(readFileSync(path.join(pkg, 'dist/build-inputs.json'), 'utf8')).files)).toEqual(['spec/openapi.yaml']);
    writeFileSync(path.join(copy, 'spec/README.md'), 'edited\n');
    writeFileSync(path.join(copy, 'spec/workflows/journey.arazzo.yaml'), 'edited: true\n');
    expect(await manifestCli(['check', '--root', copy, 'packages/openapi/dist/build-inputs.json'], copy)).toMatchObject({ stdout: '' });
  });

  it('names the configuration each build is made with: the TypeScript settings, the pinned toolchain (its package.json), the generator’s dependencies', () => {
    expect(recordedEntries('openapi')).toEqual(expect.arrayContaining(['redocly.yaml', 'scripts/bundle', 'scripts/package.json', 'packages/openapi/package.json']));
    expect(recordedEntries('client-core')).toEqual(expect.arrayContaining(['tsconfig.base.json', 'packages/client-core/package.json', 'packages/client-core/tsconfig.build.json', 'packages/client-core/tsconfig.cjs.json', 'packages/credentials/dist', 'packages/credentials/src']));
    for (const audience of ['member', 'server']) {
      expect(recordedEntries(`${audience}-client`)).toEqual(
        expect.arrayContaining(['tsconfig.base.json', `packages/${audience}-client/package.json`, `packages/${audience}-client/tsconfig.build.json`, `packages/${audience}-client/tsconfig.cjs.json`, 'scripts/generate', 'scripts/package.json', `packages/openapi/dist/expys.${audience}.json`, 'packages/client-core/dist']),
      );
    }
    // Nothing turbo does not key the build on: a cached build it replays must match its own record.
    // (The whole lockfile is not: turbo keys a package on its own dependencies, so a lockfile
    // change elsewhere would replay a record that could never match again.)
    for (const dir of ['openapi', 'client-core', 'member-client', 'server-client']) expect(recordedEntries(dir), dir).not.toContain('pnpm-lock.yaml');
  });
});

describe('release check on a stale build', () => {
  it('refuses it and names what changed, before comparing anything', async () => {
    const error = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'check'], {
      cwd: path.join(REPO, 'apps/release'),
      env: { ...process.env, EXPYS_RELEASE_ROOT: root },
    }).catch((e: { code: number; stderr: string }) => e);
    expect((error as { code: number }).code).toBe(1);
    expect((error as { stderr: string }).stderr).toContain('✖ The build is stale');
    expect((error as { stderr: string }).stderr).toContain('spec/paths/wallet.yaml changed');
  }, 30_000);
});

// What an app actually installs: pack @expys/member-client, @expys/client-core and
// @expys/credentials as they would be published, unpack them, and read every file. No server
// operationId, no server-only path and no `orgApiKey` may appear; the forbidden names come from
// the full bundle, not a list here.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignNames } from '../../../scripts/bundle/audit.js';
import { operationsOf } from '../../../scripts/bundle/walk.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bundle = (audience: string) => JSON.parse(readFileSync(path.join(REPO, `packages/openapi/dist/expys.${audience}.json`), 'utf8'));
const full = bundle('full');
const memberOperationIds = operationsOf(bundle('member')).map((e) => String(e.operation.operationId));
const { operationIds: serverOperationIds, paths: serverPaths } = foreignNames(full, 'member');
const forbidden = [...serverOperationIds, ...serverPaths, 'orgApiKey'];

let work: string;
const unpacked: Record<string, Record<string, string>> = {};

function filesUnder(dir: string, root = dir): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) Object.assign(files, filesUnder(file, root));
    else files[path.relative(root, file)] = readFileSync(file, 'utf8');
  }
  return files;
}

/** `pnpm pack`, as publishing does it (workspace: ranges become versions), then untar. */
function packAndUnpack(pkg: string): Record<string, string> {
  const out = path.join(work, pkg);
  mkdirSync(out);
  execFileSync('sh', [path.join(REPO, 'scripts/pnpm.sh'), 'pack', '--pack-destination', out], {
    cwd: path.join(REPO, 'packages', pkg),
    stdio: 'pipe',
  });
  const tarball = readdirSync(out).find((f) => f.endsWith('.tgz'))!;
  execFileSync('tar', ['-xzf', path.join(out, tarball), '-C', out]);
  return filesUnder(path.join(out, 'package'));
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'expys-member-tarball-'));
  for (const pkg of ['member-client', 'client-core', 'credentials']) unpacked[pkg] = packAndUnpack(pkg);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the forbidden names come from the spec', () => {
  it('include the server operations and paths', () => {
    expect(serverOperationIds).toEqual(expect.arrayContaining(['exchangeToken', 'creditPoints', 'createWebhook']));
    expect(serverPaths).toEqual(expect.arrayContaining(['/v1/auth/exchange', '/v1/points/credit']));
  });
});

describe.each(['member-client', 'client-core', 'credentials'])('the packed @expys/%s', (pkg) => {
  it('holds only package.json, README.md and compiled dist files', () => {
    const names = Object.keys(unpacked[pkg]);
    expect(names).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts']));
    expect(names).toEqual(expect.arrayContaining(['dist/cjs/index.js', 'dist/cjs/index.d.ts', 'dist/cjs/package.json']));
    expect(names.filter((n) => !/^(package\.json|README\.md|dist\/.+\.(js|d\.ts)|dist\/cjs\/package\.json)$/.test(n))).toEqual([]);
  });

  it('imports nothing from Node, in the ESM or the CommonJS build: it ships to browsers and React Native', () => {
    const specifiers = (text: string) => [...text.matchAll(/(?:\bfrom\s*|\bimport\(\s*|\brequire\(\s*)["']([^"']+)["']/g)].map((m) => m[1]);
    const nodeImports = Object.entries(unpacked[pkg])
      .filter(([file]) => file.endsWith('.js'))
      .flatMap(([file, text]) => specifiers(text).filter((s) => s.startsWith('node:') || builtinModules.includes(s)).map((s) => `${file}: ${s}`));
    expect(nodeImports).toEqual([]);
    // The scan sees both module syntaxes (so an empty result means something).
    expect(specifiers(unpacked[pkg]['dist/cjs/index.js'])).not.toEqual([]);
    expect(specifiers(unpacked[pkg]['dist/index.js'])).not.toEqual([]);
  });

  it('names no server operation, no server-only path and no orgApiKey, in any file', () => {
    const leaks = Object.entries(unpacked[pkg]).flatMap(([file, text]) =>
      forbidden.filter((name) => text.includes(name)).map((name) => `${file}: ${name}`),
    );
    expect(leaks).toEqual([]);
  });
});

describe('the check itself can fail', () => {
  it('finds every member operation in the member client (so a missing or empty build would fail)', () => {
    const text = Object.values(unpacked['member-client']).join('\n');
    for (const id of memberOperationIds) expect(text, id).toContain(id);
  });

  it('would catch a server name if one were there', () => {
    const sample = 'export const op = { exchangeToken: "/v1/auth/exchange" };';
    expect(forbidden.filter((name) => sample.includes(name))).toEqual(['exchangeToken', '/v1/auth/exchange']);
  });

  it('packs client-core and credentials as real version ranges, not a workspace: protocol', () => {
    const manifest = JSON.parse(unpacked['member-client']['package.json']);
    expect(manifest.dependencies['@expys/client-core']).toMatch(/^\^\d+\.\d+\.\d+/);
    expect(JSON.parse(unpacked['client-core']['package.json']).dependencies['@expys/credentials']).toMatch(/^\^\d+\.\d+\.\d+/);
  });
});

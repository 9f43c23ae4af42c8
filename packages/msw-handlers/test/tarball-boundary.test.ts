// What an app's tests install: the packed @expys/msw-handlers. The member entry, in the ESM and the
// CommonJS build, with every module it reaches (.js and .d.ts), names no server operationId, no
// server-only path and no `orgApiKey`: the forbidden names come from the full bundle, as in
// member-client's tarball test. The server entry ships in the same tarball and is full of them,
// so the check is on the member entry's module graph. (publint and attw: `npm run check:pack`.)
import { rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignNames } from '../../../scripts/bundle/audit.js';
import { filesUnder, packAndUnpack } from './pack.js';
import { bundle } from './support.js';

const { operationIds, paths } = foreignNames(bundle('full'), 'member');
const forbidden = [...operationIds, ...paths, 'orgApiKey', 'appCredentials'];
const memberOperationIds: string[] = Object.values<any>(bundle('member').paths).flatMap((item) => Object.values<any>(item).map((op) => op?.operationId).filter(Boolean));

let dir: string;
let files: Record<string, string>;
beforeAll(() => {
  const packed = packAndUnpack('expys-msw-tarball-');
  dir = packed.dir;
  files = filesUnder(packed.root);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const specifiers = (text: string) => [...text.matchAll(/(?:\bfrom\s*|\bimport\(\s*|\brequire\(\s*)["']([^"']+)["']/g)].map((m) => m[1]);

/** The entry's files and every relative import they reach (.js and its .d.ts), and what they import from outside. */
function moduleGraph(entry: string): { files: Record<string, string>; external: Set<string> } {
  const graph: Record<string, string> = {};
  const external = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (graph[file] !== undefined) continue;
    const declarations = file.replace(/\.js$/, '.d.ts');
    if (files[file] === undefined || files[declarations] === undefined) throw new Error(`${file} or its .d.ts is not in the tarball`);
    graph[file] = files[file];
    graph[declarations] = files[declarations];
    for (const text of [graph[file], graph[declarations]]) {
      for (const specifier of specifiers(text)) {
        if (specifier.startsWith('.')) queue.push(path.posix.join(path.posix.dirname(file), specifier));
        else external.add(specifier);
      }
    }
  }
  return { files: graph, external };
}

const leaks = (graph: Record<string, string>) =>
  Object.entries(graph).flatMap(([file, text]) => forbidden.filter((name) => text.includes(name)).map((name) => `${file}: ${name}`));

describe('the packed @expys/msw-handlers', () => {
  it('holds only package.json, README.md and compiled dist files, ESM and CommonJS', () => {
    const names = Object.keys(files);
    expect(names).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/member.js', 'dist/member.d.ts', 'dist/cjs/member.js', 'dist/cjs/member.d.ts', 'dist/cjs/package.json']));
    expect(names).toEqual(expect.arrayContaining(['dist/index.js', 'dist/server.js', 'dist/cjs/index.js', 'dist/cjs/server.js']));
    expect(names.filter((n) => !/^(package\.json|README\.md|dist\/.+\.(js|d\.ts)|dist\/cjs\/package\.json)$/.test(n))).toEqual([]);
  });

  it('is publishable: not private, msw as a peer, its runtime dependencies as ranges', () => {
    const manifest = JSON.parse(files['package.json']);
    expect(manifest.private).toBeUndefined();
    expect(manifest.peerDependencies).toEqual({ msw: expect.stringMatching(/^\^2\./) });
    // The boundary is @expys/gateway's (the mock's and the sandbox's too); nothing of it is copied here.
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@expys/gateway']);
    expect(JSON.stringify(manifest.dependencies)).not.toContain('workspace:');
    expect(JSON.parse(files['dist/cjs/package.json'])).toEqual({ type: 'commonjs' });
  });

  it('imports nothing from Node in any shipped file: the handlers run in browsers', () => {
    const nodeImports = Object.entries(files)
      .filter(([file]) => file.endsWith('.js'))
      .flatMap(([file, text]) => specifiers(text).filter((s) => s.startsWith('node:') || builtinModules.includes(s)).map((s) => `${file}: ${s}`));
    expect(nodeImports).toEqual([]);
    expect(specifiers(files['dist/cjs/handlers.js'])).toContain('msw');
  });

  describe.each(['dist/member.js', 'dist/cjs/member.js'])('the member entry %s', (entry) => {
    it('reaches the generated member table and the MSW host, not the server table; the boundary is @expys/gateway', () => {
      const { files: graph, external } = moduleGraph(entry);
      const folder = path.posix.dirname(entry);
      expect(Object.keys(graph)).toEqual(expect.arrayContaining(['member.js', 'generated/member.js', 'handlers.js'].map((f) => `${folder}/${f}`)));
      expect(Object.keys(graph)).not.toContain(`${folder}/generated/server.js`);
      expect([...external].sort()).toEqual(['@expys/gateway', 'msw']);
    });

    it('names no server operationId, no server-only path and no orgApiKey, and every member operation', () => {
      expect(forbidden).toEqual(expect.arrayContaining(['exchangeToken', 'creditPoints', '/v1/auth/exchange']));
      const { files: graph } = moduleGraph(entry);
      expect(leaks(graph)).toEqual([]);
      const text = Object.values(graph).join('\n');
      for (const id of memberOperationIds) expect(text, id).toContain(id);
    });
  });

  it('the check can fail: the server entry, in the same tarball, is full of server names', () => {
    expect(leaks(moduleGraph('dist/server.js').files).length).toBeGreaterThan(operationIds.length);
    expect(leaks(moduleGraph('dist/cjs/server.js').files).length).toBeGreaterThan(operationIds.length);
  });
});

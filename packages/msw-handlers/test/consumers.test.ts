// The packed package in fresh consumer projects, the way Node resolves it there: a CommonJS one
// (require(), which must load dist/cjs) and an ESM one (import, dist/). Each starts msw/node's setupServer with the handlers, calls through fetch
// and prints what it got. The tarball is unpacked into node_modules; msw and @expys/gateway are
// linked from this workspace (installing them from a registry is the release tests' job).
import { execFile } from 'node:child_process';
import { mkdirSync, realpathSync, rmSync, symlinkSync, writeFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE, packAndUnpack } from './pack.js';

const run = promisify(execFile);
const require = createRequire(path.join(PACKAGE, 'package.json'));
let dir: string;
let project: string;

/** The folder of an installed package (its package.json's folder, through pnpm's links). */
const packageDir = (name: string) => realpathSync(path.dirname(require.resolve(`${name}/package.json`)));

beforeAll(() => {
  const packed = packAndUnpack('expys-msw-consumer-');
  dir = packed.dir;
  project = path.join(dir, 'project');
  mkdirSync(path.join(project, 'node_modules/@expys'), { recursive: true });
  renameSync(packed.root, path.join(project, 'node_modules/@expys/msw-handlers'));
  for (const name of ['msw', '@expys/gateway']) {
    mkdirSync(path.dirname(path.join(project, 'node_modules', name)), { recursive: true });
    symlinkSync(packageDir(name), path.join(project, 'node_modules', name), 'dir');
  }
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A program that serves both entries and the root with setupServer and prints what fetch got. */
const program = (load: (specifier: string) => string, resolve: string) => `
${load('msw/node')}
${load('@expys/msw-handlers/member')}
${load('@expys/msw-handlers/server')}
${load('@expys/msw-handlers')}
const server = mswNode.setupServer(...handlersMember.memberHandlers, ...handlersServer.serverHandlers);
server.listen({ onUnhandledRequest: 'error' });
const api = 'https://sandbox.api.expys.com';
const call = async (path, token, init = {}) => {
  const response = await fetch(api + path, { ...init, headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json', ...init.headers } });
  const body = await response.json();
  return [response.status, body.code ?? null, (body.errors ?? []).map((e) => e.path)];
};
const out = {
  wallet: await call('/v1/wallet', handlersMember.memberSamples.memberToken),
  badBody: await call('/v1/redemptions', handlersMember.memberSamples.memberToken, { method: 'POST', body: '{"offerId": 1}' }),
  orgKeyOnMember: await call('/v1/wallet', handlersServer.serverSamples.fullAccessKey),
  member: await call('/v1/members/user_123', handlersServer.serverSamples.fullAccessKey),
  rootHasBoth: typeof root.createMemberHandlers === 'function' && typeof root.createServerHandlers === 'function',
  resolved: ${resolve},
};
server.close();
console.log(JSON.stringify(out));
`;

/** The name each program binds a module to. */
const names: Record<string, string> = { 'msw/node': 'mswNode', '@expys/msw-handlers/member': 'handlersMember', '@expys/msw-handlers/server': 'handlersServer', '@expys/msw-handlers': 'root' };

const expected = (resolved: string) => ({
  wallet: [200, null, []],
  badBody: [422, 'validation_failed', ['/body/offerId']],
  orgKeyOnMember: [403, 'org_api_key_not_allowed', []],
  member: [200, null, []],
  rootHasBoth: true,
  resolved: path.join(project, 'node_modules/@expys/msw-handlers', resolved),
});

describe('a fresh consumer project', () => {
  // With Node's default require(esm): msw 2.15's own CommonJS build requires an ESM-only package
  // (rettime), so it cannot load with require(esm) off. What is checked is that require() of
  // this package resolves to, and runs, dist/cjs.
  it('CommonJS: require() loads dist/cjs and the handlers answer and validate', async () => {
    const source = `(async () => {${program((s) => `const ${names[s]} = require(${JSON.stringify(s)});`, "require.resolve('@expys/msw-handlers/member')")}})();`;
    writeFileSync(path.join(project, 'main.cjs'), source);
    const { stdout } = await run(process.execPath, ['main.cjs'], { cwd: project, timeout: 60_000 });
    expect(JSON.parse(stdout.trim())).toEqual(expected('dist/cjs/member.js'));
  });

  it('ESM: import loads dist/ and works the same', async () => {
    const source = program((s) => `import * as ${names[s]} from ${JSON.stringify(s)};`, "(await import('node:url')).fileURLToPath(import.meta.resolve('@expys/msw-handlers/member'))");
    writeFileSync(path.join(project, 'main.mjs'), source);
    const { stdout } = await run(process.execPath, ['main.mjs'], { cwd: project, timeout: 60_000 });
    expect(JSON.parse(stdout.trim())).toEqual(expected('dist/member.js'));
  });
});

// A consumer outside the repository, with plain npm (not pnpm): `npm run pack`'s tarballs, every
// public package at once, installed into a fresh project the way the README shows. npm refuses
// `workspace:` ranges and fails the whole install on a peer it cannot satisfy (ERESOLVE), so
// this is the test that the packed set is installable as a set. Then a program uses the member
// client through @expys/member-query against the real mock.
import { startMock, type RunningMock } from '@expys/mock';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHED } from '../src/audiences.js';
import { packAll, type Packed } from '../src/publish.js';

const run = promisify(execFile);
const work = mkdtempSync(path.join(tmpdir(), 'expys-packed-install-'));
const project = path.join(work, 'consumer');
let packed: Packed[];
let mock: RunningMock;

/** npm as a consumer runs it: none of the variables pnpm or turbo set for this process. */
function consumerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|PNPM|TURBO|NODE_PATH$|INIT_CWD$)/i.test(name) && name !== 'npm_config_registry') continue;
    env[name] = value;
  }
  return { ...env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', npm_config_cache: path.join(tmpdir(), 'expys-npm-cache') };
}

beforeAll(async () => {
  const out = path.join(work, 'packed');
  mkdirSync(out);
  packed = packAll(out);
  mock = await startMock({ port: 0 });
  mkdirSync(project);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }, null, 2));
}, 180_000);

afterAll(async () => {
  await mock?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('npm install ./packed/*.tgz in a fresh project', () => {
  it('packs every public package, with no workspace: range left in any of them', async () => {
    expect(packed.map((p) => p.name).sort()).toEqual(PUBLISHED.map((p) => p.name).sort());
    for (const p of packed) {
      const { stdout } = await run('tar', ['-xOzf', p.tarball, 'package/package.json']);
      expect(stdout, p.name).not.toContain('workspace:');
    }
  });

  it('installs them all with npm, peers included, and npm finds the tree consistent', async () => {
    const tarballs = readdirSync(path.join(work, 'packed')).map((f) => path.join(work, 'packed', f));
    // The peers a consumer adds (README of each package): TanStack's core and MSW.
    await run('npm', ['install', ...tarballs, '@tanstack/query-core@^5.89.0', 'msw@^2.0.0'], { cwd: project, env: consumerEnv(), timeout: 240_000, maxBuffer: 16 * 1024 * 1024 });
    const installed = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')).dependencies;
    for (const p of packed) expect(installed[p.name], p.name).toMatch(/^file:/);
    // Exit 0 only when every dependency and peer is present at a version its range accepts.
    await run('npm', ['ls', '--all'], { cwd: project, env: consumerEnv(), maxBuffer: 16 * 1024 * 1024 });
    for (const p of packed) {
      const manifest = JSON.parse(readFileSync(path.join(project, 'node_modules', p.name, 'package.json'), 'utf8'));
      expect(manifest.version).toBe(p.version);
    }
  }, 300_000);

  it('runs a program with the member client and @expys/member-query against the mock', async () => {
    writeFileSync(
      path.join(project, 'wallet.mjs'),
      `import { initialize } from '@expys/member-client';
import { createExpysQueries } from '@expys/member-query';
import { QueryClient } from '@tanstack/query-core';
const client = initialize({ environment: 'sandbox', baseUrl: process.env.MOCK_URL, token: 'mt_test_SampleMemberToken0000000000000000004vNQP' });
const q = createExpysQueries(client);
const queryClient = new QueryClient();
const wallet = await queryClient.fetchQuery(q.getWallet.queryOptions());
const offers = await queryClient.fetchInfiniteQuery(q.listOffers.infiniteQueryOptions({ limit: 2 }));
console.log(JSON.stringify({ balance: wallet.balance, offers: offers.pages[0].data.length, key: q.getWallet.queryKey()[0] }));
`,
    );
    const { stdout } = await run(process.execPath, ['wallet.mjs'], { cwd: project, env: { ...consumerEnv(), MOCK_URL: mock.url } });
    expect(JSON.parse(stdout.trim())).toEqual({ balance: 1200, offers: 2, key: 'expys' });
  }, 60_000);
});

// Issue 23, the registry round trip with openapi-fetch's ecosystem: both clients (and what they
// depend on) packed as the release packs them and published to a real registry started here
// (Verdaccio on loopback, the public packages proxied as a consumer gets them); a fresh project
// installs them by version with plain npm, together with openapi-fetch, openapi-react-query and
// TanStack Query; a program runs queries through openapi-react-query on the member client's
// `fetchClient` against the mock: the member token goes out, a backend secret put into the query
// is refused before anything reaches the mock. One openapi-fetch in the tree (the clients' and
// openapi-react-query's peer are the same), and a strict TypeScript consumer type-checks the
// queries against the clients' paths.
import { SAMPLE_CREDENTIALS, startMock, type RequestLogEntry, type RunningMock } from '@expys/mock';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../src/audiences.js';
import { publishAll, type Packed } from '../src/publish.js';
import { TSC } from './support/consumers.js';
import { consumerEnv, publishedClosure } from './support/packed.js';
import { startRegistry, type Registry } from './support/registry.js';
import { sharedPackedOf } from './support/shared-pack.js';

const run = promisify(execFile);

/** What the consumer installs besides our clients: the versions this repository tests with. */
const ECOSYSTEM = {
  'openapi-fetch': '0.17.0',
  'openapi-react-query': '0.5.4',
  '@tanstack/react-query': '5.108.4',
  react: '19.3.1',
  '@types/react': '19.3.0',
} as const;
const CLIENTS = ['@expys/member-client', '@expys/server-client'] as const;

const work = mkdtempSync(path.join(tmpdir(), 'expys-openapi-ecosystem-'));
const project = path.join(work, 'consumer');
let registry: Registry;
let mock: RunningMock;
let packed: Packed[] = [];
const log: RequestLogEntry[] = [];

/** Both clients and the published packages they depend on, packed with `pnpm pack` in dependency order (the run's shared tarballs). */
const packClients = (): Promise<Packed[]> => sharedPackedOf(CLIENTS.flatMap((name) => publishedClosure(name).map((p) => p.name)));

beforeAll(async () => {
  registry = await startRegistry();
  mock = await startMock({ port: 0, onRequest: (entry) => log.push(entry) });
  packed = await packClients();
  await publishAll(packed, registry.url, registry.userconfig);
  mkdirSync(project);
  const dependencies = { ...Object.fromEntries(CLIENTS.map((name) => [name, packed.find((p) => p.name === name)!.version])), ...ECOSYSTEM };
  writeFileSync(path.join(project, 'package.json'), `${JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module', dependencies }, null, 2)}\n`);
  writeFileSync(path.join(project, '.npmrc'), `registry=${registry.url}\n`);
  // The registry proxies the public packages: a failed upstream fetch is a 404 for that one
  // request, so the install is tried again before the test gives up.
  for (let attempt = 1; ; attempt++) {
    try {
      await run('npm', ['install', '--registry', registry.url, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project, env: consumerEnv(), timeout: 240_000, maxBuffer: 16 * 1024 * 1024 });
      break;
    } catch (error) {
      if (attempt === 3) throw new Error(`${(error as Error).message}\nRegistry log:\n${registry.log()}`);
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
}, 600_000);

afterAll(async () => {
  await mock?.stop();
  await registry?.stop();
  rmSync(work, { recursive: true, force: true });
});

const installedVersion = (name: string) => JSON.parse(readFileSync(path.join(project, 'node_modules', name, 'package.json'), 'utf8')).version;

describe('the clients, openapi-fetch and openapi-react-query installed together from a registry', () => {
  it('installs our packages at their versions from the registry and one openapi-fetch that the clients and openapi-react-query share', async () => {
    for (const p of packed) expect(installedVersion(p.name), p.name).toBe(p.version);
    for (const [name, version] of Object.entries(ECOSYSTEM)) expect(installedVersion(name), name).toBe(version);
    // Exit 0 only when every dependency and peer is present at a version its range accepts.
    await run('npm', ['ls', '--all'], { cwd: project, env: consumerEnv(), maxBuffer: 16 * 1024 * 1024 });
    const { stdout } = await run('npm', ['ls', 'openapi-fetch', '--all', '--json'], { cwd: project, env: consumerEnv(), maxBuffer: 16 * 1024 * 1024 });
    const versions = new Set<string>();
    const walk = (deps: Record<string, { version?: string; dependencies?: object }> = {}) => {
      for (const [name, dep] of Object.entries(deps)) {
        if (name === 'openapi-fetch' && dep.version) versions.add(dep.version);
        walk(dep.dependencies as never);
      }
    };
    walk(JSON.parse(stdout).dependencies);
    expect([...versions]).toEqual([ECOSYSTEM['openapi-fetch']]);
    // The clients depend on it themselves (not only this project).
    for (const name of CLIENTS) {
      const manifest = JSON.parse(readFileSync(path.join(project, 'node_modules', name, 'package.json'), 'utf8'));
      const deps = { ...manifest.dependencies, ...manifest.peerDependencies };
      const core = JSON.parse(readFileSync(path.join(project, 'node_modules/@expys/client-core/package.json'), 'utf8'));
      expect(deps['openapi-fetch'] ?? (deps['@expys/client-core'] && core.dependencies?.['openapi-fetch']), `${name} depends on openapi-fetch`).toBeTruthy();
    }
  });

  it('runs queries through openapi-react-query on the member client’s fetchClient against the mock, through our guards', async () => {
    writeFileSync(
      path.join(project, 'program.mjs'),
      `import { initialize } from '@expys/server-client';
import { initialize as initializeApp, CredentialError, ExpysError } from '@expys/member-client';
import createQueryHooks from 'openapi-react-query';
import { QueryClient } from '@tanstack/react-query';
const baseUrl = process.env.EXPYS_BASE_URL;
const key = process.env.EXPYS_ORG_API_KEY;
// The backend mints a member token with the Org-API-Key; the app queries with it.
const grant = await initialize({ baseUrl, environment: 'sandbox', token: key }).exchangeToken({ externalUserID: 'user_42' });
const app = initializeApp({ baseUrl, environment: 'sandbox', token: grant.token, maxRetries: 0 });
const seen = [];
app.fetchClient.use({ onRequest({ request }) { seen.push(request.headers.get('authorization')?.slice(0, 15)); } });
const $api = createQueryHooks(app.fetchClient);
const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
const wallet = await queries.fetchQuery($api.queryOptions('get', '/v1/wallet'));
const offers = await queries.fetchQuery($api.queryOptions('get', '/v1/offers', { params: { query: { limit: 2 } } }));
const sent = seen.splice(0);
const refusal = (init, path = '/v1/wallet') =>
  queries.fetchQuery($api.queryOptions('get', path, init)).then(
    () => 'sent',
    (e) => (e instanceof CredentialError || e instanceof ExpysError) && !String(e.message).includes(key.slice(11)) ? e.name : 'unclear: ' + String(e),
  );
const refused = {
  header: await refusal({ headers: { Authorization: 'Bearer ' + key } }),
  query: await refusal({ params: { query: { cursor: key } } }, '/v1/offers'),
  path: await refusal({ params: { path: { offerId: key } } }, '/v1/offers/{offerId}'),
};
console.log(JSON.stringify({ balance: typeof wallet.balance, offers: offers.data.length, seen: sent, refused }));
`,
    );
    log.length = 0;
    // Asynchronously: the mock answers from this process, which must stay free to serve it.
    const { stdout } = await run(process.execPath, ['program.mjs'], { cwd: project, env: { ...consumerEnv(), EXPYS_BASE_URL: mock.url, EXPYS_ORG_API_KEY: SAMPLE_CREDENTIALS.fullAccessKey }, encoding: 'utf8', timeout: 60_000 });
    const out = JSON.parse(stdout.trim());
    expect(out).toMatchObject({ balance: 'number', offers: 2, seen: ['Bearer mt_test_', 'Bearer mt_test_'] });
    expect(out.refused).toEqual({ header: 'CredentialError', query: 'CredentialError', path: 'CredentialError' });
    // The mock saw the token exchange and the two queries, nothing of the refused ones.
    expect(log.map((e) => [e.method, e.url.replace(/\?.*$/, ''), e.status])).toEqual([
      ['POST', '/v1/auth/exchange', 200],
      ['GET', '/v1/wallet', 200],
      ['GET', '/v1/offers', 200],
    ]);
  }, 60_000);

  it('type-checks openapi-react-query on fetchClient in a strict TypeScript consumer: paths and results come from the client', async () => {
    const dir = path.join(project, 'ts');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'ES2022',
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          typeRoots: [path.join(REPO, 'apps/release/node_modules/@types')],
          types: ['node'],
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          // openapi-react-query's and TanStack's own declarations are theirs to check.
          skipLibCheck: true,
          noEmit: true,
        },
        include: ['*.ts'],
      }),
    );
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(
      path.join(dir, 'queries.ts'),
      `import { initialize as initializeApp } from '@expys/member-client';
import createQueryHooks from 'openapi-react-query';
import type { Middleware } from 'openapi-fetch';
import { QueryClient } from '@tanstack/react-query';

export async function walletBalance(token: string): Promise<number> {
  const app = initializeApp({ environment: 'sandbox', token });
  const logging: Middleware = { onRequest({ request }) { void request.url; } };
  app.fetchClient.use(logging);
  const $api = createQueryHooks(app.fetchClient);
  const queries = new QueryClient();
  const wallet = await queries.fetchQuery($api.queryOptions('get', '/v1/wallet'));
  const offer = await queries.fetchQuery($api.queryOptions('get', '/v1/offers/{offerId}', { params: { path: { offerId: 'off_1' } } }));
  // @ts-expect-error not a member path
  $api.queryOptions('get', '/v1/points/credit');
  // @ts-expect-error the path parameter is required
  $api.queryOptions('get', '/v1/offers/{offerId}', {});
  const id: string = offer.id;
  void id;
  return wallet.balance;
}
`,
    );
    await run(process.execPath, [TSC, '-p', dir], { cwd: dir, timeout: 120_000 }).catch((e: { stdout: string; stderr: string }) => {
      throw new Error(`tsc failed on the consumer:\n${e.stdout}${e.stderr}`);
    });
  }, 150_000);
});

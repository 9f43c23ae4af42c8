// A consumer outside the repository, with plain npm (not pnpm), exactly as README.md ("Until the
// packages are on a registry") tells one to do it: `npm run pack`'s CLI writes every public
// package into a folder, and the README's own `npm install …/packed/*.tgz …` line (read from the
// README, so the two cannot drift apart) installs the set into a fresh project. npm refuses
// `workspace:` ranges and fails the whole install on a peer it cannot satisfy (ERESOLVE), so this
// is the test that the packed set is installable as a set. Then one program uses every package
// (the server client mints a member token against the real mock, the member client uses it
// through @expys/member-query, @expys/credentials checks it, the MSW member handlers answer
// in-process, loaded with import and with require(); @expys/sdk, the documentation's name for the
// server client, mints one too, its classes the server client's), the leak scanner's bin runs, and a strict
// TypeScript consumer compiles against what npm installed.
import { startMock, type RunningMock } from '@expys/mock';
import { exec, execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHED, REPO } from '../src/audiences.js';
import { TSC } from './support/consumers.js';
import { consumerEnv } from './support/packed.js';

const run = promisify(execFile);
const shell = promisify(exec);
const work = mkdtempSync(path.join(tmpdir(), 'expys-packed-install-'));
/** Stands for the README's `/path/to/expys-api`: the tarballs go to its `packed/`. */
const checkout = path.join(work, 'expys-api');
const packed = path.join(checkout, 'packed');
const project = path.join(work, 'consumer');
const ORG_API_KEY = 'expys_test_SandboxFullAccessKey0000004LgBmQ';
let packOutput: string;
let mock: RunningMock;

/** The install line of README.md under "Until the packages are on a registry", without its comment. */
export function readmeInstallCommand(): string {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const at = readme.indexOf('Until the packages are on a registry');
  if (at === -1) throw new Error('README.md has no "Until the packages are on a registry" paragraph');
  const block = /```sh\n([^\n]+)\n```/.exec(readme.slice(at));
  if (!block) throw new Error('README.md has no ```sh block after "Until the packages are on a registry"');
  return block[1].replace(/\s+#.*$/, '').trim();
}

const tarballs = () => readdirSync(packed).filter((f) => f.endsWith('.tgz'));

beforeAll(async () => {
  // A folder with something else in it, and a tarball an earlier pack left: the CLI replaces that one only.
  mkdirSync(packed, { recursive: true });
  writeFileSync(path.join(packed, 'keep.txt'), 'not a tarball\n');
  writeFileSync(path.join(packed, 'expys-openapi-0.0.1.tgz'), 'an earlier pack\n');
  // `npm run pack` is `npm run build` (done: this test runs after the build), then this CLI.
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'pack', '--out', packed], { cwd: path.join(REPO, 'apps/release'), timeout: 240_000, maxBuffer: 16 * 1024 * 1024 });
  packOutput = stdout;
  mock = await startMock({ port: 0 });
  mkdirSync(project);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }, null, 2));
}, 300_000);

afterAll(async () => {
  await mock?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('npm run pack, then the README’s npm install in a fresh project', () => {
  it('packs every public package into the folder, replacing only its own earlier tarball, with no workspace: range left', async () => {
    expect(existsSync(path.join(packed, 'keep.txt'))).toBe(true);
    expect(existsSync(path.join(packed, 'expys-openapi-0.0.1.tgz'))).toBe(false);
    const names: string[] = [];
    for (const file of tarballs()) {
      const { stdout } = await run('tar', ['-xOzf', path.join(packed, file), 'package/package.json']);
      expect(stdout, file).not.toContain('workspace:');
      names.push(JSON.parse(stdout).name);
    }
    expect(names.sort()).toEqual(PUBLISHED.map((p) => p.name).sort());
    expect(packOutput).toContain(`npm install ${packed}/*.tgz`);
  });

  it('installs them all with the README’s command and plain npm, peers included, and npm finds the tree consistent', async () => {
    const command = readmeInstallCommand();
    expect(command).toMatch(/^npm install \/path\/to\/expys-api\/packed\/\*\.tgz /);
    await shell(command.replace('/path/to/expys-api', checkout), { cwd: project, env: consumerEnv(), timeout: 240_000, maxBuffer: 16 * 1024 * 1024 });
    const installed = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')).dependencies;
    for (const { name } of PUBLISHED) expect(installed[name], name).toMatch(/^file:/);
    // Exit 0 only when every dependency and peer is present at a version its range accepts.
    await run('npm', ['ls', '--all'], { cwd: project, env: consumerEnv(), maxBuffer: 16 * 1024 * 1024 });
    for (const { name, dir } of PUBLISHED) {
      const manifest = JSON.parse(readFileSync(path.join(project, 'node_modules', name, 'package.json'), 'utf8'));
      expect(manifest.version).toBe(JSON.parse(readFileSync(path.join(REPO, dir, 'package.json'), 'utf8')).version);
    }
  }, 300_000);

  it('runs a program using the server client, the SDK, the member client through member-query, credentials and the MSW handlers (import and require)', async () => {
    writeFileSync(
      path.join(project, 'program.mjs'),
      `import { createRequire } from 'node:module';
import { initialize, CredentialError } from '@expys/server-client';
import { initialize as initializeSdk, CredentialError as SdkCredentialError } from '@expys/sdk';
import { initialize as initializeApp } from '@expys/member-client';
import { createExpysQueries } from '@expys/member-query';
import { verifyCredential } from '@expys/credentials';
import { memberHandlers, memberSamples } from '@expys/msw-handlers/member';
import { QueryClient } from '@tanstack/query-core';
import { setupServer } from 'msw/node';
const require = createRequire(import.meta.url);
const baseUrl = process.env.MOCK_URL;
// The documentation's package: the same client, the same error classes.
const sdkGrant = await initializeSdk({ environment: 'sandbox', baseUrl, token: process.env.ORG_API_KEY }).exchangeToken({ externalUserID: 'user_42' });
// The backend mints a member token against the mock with the Org-API-Key.
const backend = initialize({ environment: 'sandbox', baseUrl, token: process.env.ORG_API_KEY });
const grant = await backend.exchangeToken({ externalUserID: 'user_123' });
const check = verifyCredential(grant.token);
// The app uses it through TanStack Query.
const q = createExpysQueries(initializeApp({ environment: 'sandbox', baseUrl, token: grant.token }));
const queryClient = new QueryClient();
const wallet = await queryClient.fetchQuery(q.getWallet.queryOptions());
const offers = await queryClient.fetchInfiniteQuery(q.listOffers.infiniteQueryOptions({ limit: 2 }));
// A unit test's setup: the MSW member handlers answer in-process, no server.
const server = setupServer(...memberHandlers);
server.listen({ onUnhandledRequest: 'error' });
const offline = await initializeApp({ environment: 'sandbox', token: memberSamples.memberToken }).getWallet();
server.close();
const cjs = require('@expys/msw-handlers/member');
console.log(JSON.stringify({
  token: { kind: check?.kind, checksumValid: check?.checksumValid },
  balance: wallet.balance, offers: offers.pages[0].data.length, key: q.getWallet.queryKey()[0],
  msw: { balance: offline.balance, commonjs: cjs.memberHandlers.length === memberHandlers.length && cjs.memberSamples.memberToken === memberSamples.memberToken },
  sdk: { token: verifyCredential(sdkGrant.token)?.kind, sameErrors: SdkCredentialError === CredentialError, commonjs: typeof require('@expys/sdk').initialize },
}));
`,
    );
    const { stdout } = await run(process.execPath, ['program.mjs'], { cwd: project, env: { ...consumerEnv(), MOCK_URL: mock.url, ORG_API_KEY } });
    expect(JSON.parse(stdout.trim())).toEqual({
      token: { kind: 'member-token', checksumValid: true },
      balance: 1200,
      offers: 2,
      key: 'expys',
      msw: { balance: 1200, commonjs: true },
      sdk: { token: 'member-token', sameErrors: true, commonjs: 'function' },
    });
  }, 60_000);

  it('runs the expys-leak-scan bin npm installed: a clean folder passes, a server path in it fails', async () => {
    const build = path.join(project, 'app-build');
    mkdirSync(build);
    writeFileSync(path.join(build, 'main.js'), 'console.log("hello");\n');
    const bin = path.join(project, 'node_modules/.bin/expys-leak-scan');
    const clean = await run(bin, [build], { cwd: project, env: consumerEnv() });
    expect(clean.stdout).not.toMatch(/expys-server-path/);
    writeFileSync(path.join(build, 'main.js'), 'fetch("/v1/points/credit", { method: "POST" });\n');
    const leaked = await run(bin, [build], { cwd: project, env: consumerEnv() }).catch((e: { code: number; stdout: string }) => e);
    expect((leaked as { code: number }).code).toBe(1);
    expect((leaked as { stdout: string }).stdout).toMatch(/expys-server-path/);
  }, 60_000);

  it('compiles a strict TypeScript consumer of every package against what npm installed', async () => {
    const dir = path.join(project, 'ts-consumer');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'ES2022', lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [], strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false, noEmit: true },
        include: ['*.ts'],
      }),
    );
    writeFileSync(
      path.join(dir, 'consumer.ts'),
      `import { initialize, type ServerClient, type WebhookEvent } from '@expys/server-client';
import { initialize as initializeSdk, type KeyProvider } from '@expys/sdk';
import { initialize as initializeApp, ExpysError, type MemberClient } from '@expys/member-client';
import { createExpysQueries } from '@expys/member-query';
import { verifyCredential, type CredentialCheck } from '@expys/credentials';
import { memberHandlers, memberSamples } from '@expys/msw-handlers/member';
import { scanText } from '@expys/leak-scanner';
import { QueryClient } from '@tanstack/query-core';
import type { RequestHandler } from 'msw';

export async function consumer(key: string): Promise<number> {
  const backend: ServerClient = initialize({ environment: 'sandbox', token: key });
  const rotating: KeyProvider = async () => key;
  const sdk: ServerClient = initializeSdk({ environment: 'sandbox', token: rotating });
  void sdk;
  const grant = await backend.exchangeToken({ externalUserID: 'user_123' });
  const check: CredentialCheck | undefined = verifyCredential(grant.token);
  const app: MemberClient = initializeApp({ environment: 'sandbox', token: check?.checksumValid ? grant.token : memberSamples.memberToken });
  const wallet = await new QueryClient().fetchQuery(createExpysQueries(app).getWallet.queryOptions());
  const handlers: readonly RequestHandler[] = memberHandlers;
  const onEvent = (event: WebhookEvent): string => event.type;
  void onEvent;
  void scanText;
  try {
    return wallet.balance + handlers.length;
  } catch (error) {
    if (error instanceof ExpysError) return -1;
    throw error;
  }
}
`,
    );
    await run(process.execPath, [TSC, '-p', dir], { cwd: dir }).catch((e: { stdout: string; stderr: string }) => {
      throw new Error(`tsc failed on the consumer:\n${e.stdout}${e.stderr}`);
    });
  }, 120_000);
});

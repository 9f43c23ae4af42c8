// The documentation's backend example (test/fixtures/documented-backend-example.ts: the
// documentation's text byte for byte, plus `main();` so it runs), as a new user meets it:
// `@expys/sdk` and what it depends on, packed as the release packs them and installed with plain
// npm into a fresh project; compiled by tsc with strict and module/moduleResolution nodenext; run
// to its end against the mock, the sandbox on PGlite and the sandbox on PostgreSQL, with only
// EXPYS_ORG_API_KEY and EXPYS_BASE_URL set. Its first call mints a token for user_42, a member
// nobody created: exchangeToken enrols.
import { startMock, type RunningMock } from '@expys/mock';
import { startSandbox, type RunningSandbox } from '@expys/sandbox';
import { noDnsInTests, startPostgres, type PostgresServer } from '@expys/sandbox/testing';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../src/audiences.js';
import { TSC } from './support/consumers.js';
import { consumerEnv, packThirdPartyDependencies, packWithDependencies, publishedClosure } from './support/packed.js';

const run = promisify(execFile);
const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/documented-backend-example.ts');
/** sha256 of the documentation's example as published (1965 bytes, ending "}\n"): the fixture is that, then "main();\n". */
const DOCUMENTED_SHA256 = '4c582b55c13f7836f269719295a1b52f524234ce9101f31b36a5115e78c77a77';
/** The mock's sample full-access Org-API-Key (@expys/gateway's samples; the mock's banner lists it). */
const MOCK_ORG_API_KEY = 'expys_test_SandboxFullAccessKey0000004LgBmQ';

const work = mkdtempSync(path.join(tmpdir(), 'expys-documented-example-'));
const project = path.join(work, 'backend');
let installed: string[] = [];
let compiled: Promise<void> | undefined;

beforeAll(async () => {
  const tarballs = await packWithDependencies('@expys/sdk');
  installed = tarballs.map((t) => path.basename(t));
  // What ours depend on from the registry (openapi-fetch…), from this workspace's copies: the install stays offline.
  const thirdParty = await packThirdPartyDependencies(publishedClosure('@expys/sdk').map((p) => p.name), path.join(work, 'third-party'));
  mkdirSync(project);
  writeFileSync(path.join(project, 'package.json'), `${JSON.stringify({ name: 'documented-backend', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`);
  // Only our tarballs: their dependencies are each other, so npm needs no registry.
  await run('npm', ['install', '--offline', ...tarballs, ...thirdParty], { cwd: project, env: consumerEnv(), timeout: 240_000, maxBuffer: 16 * 1024 * 1024 });
  copyFileSync(FIXTURE, path.join(project, 'main.ts'));
  writeFileSync(
    path.join(project, 'tsconfig.json'),
    `${JSON.stringify(
      {
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'ES2022',
          lib: ['ES2022'],
          // A backend's types: Node's (this workspace's @types/node, as a backend installs it), no DOM.
          typeRoots: [path.join(REPO, 'apps/release/node_modules/@types')],
          types: ['node'],
          strict: true,
          skipLibCheck: false,
          outDir: 'dist',
        },
        files: ['main.ts'],
      },
      null,
      2,
    )}\n`,
  );
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** tsc once, for every test that needs the program. */
const compile = () =>
  (compiled ??= run(process.execPath, [TSC, '-p', project], { cwd: project }).then(
    () => undefined,
    (e: { stdout: string; stderr: string }) => {
      throw new Error(`tsc failed on the documented example:\n${e.stdout}${e.stderr}`);
    },
  ));

/** Runs the compiled example as the documentation says: EXPYS_ORG_API_KEY and EXPYS_BASE_URL, nothing else of ours. */
async function runExample(baseUrl: string, orgApiKey: string): Promise<string[]> {
  await compile();
  const env: NodeJS.ProcessEnv = { ...consumerEnv(), EXPYS_ORG_API_KEY: orgApiKey, EXPYS_BASE_URL: baseUrl };
  delete env.EXPYS_EXTERNAL_USER_ID; // its default, user_42
  const result = await run(process.execPath, ['dist/main.js'], { cwd: project, env, timeout: 60_000 }).catch((e: { code: number; stdout: string; stderr: string }) => {
    throw new Error(`the example exited with ${e.code}:\n${e.stdout}${e.stderr}`);
  });
  expect(result.stderr).toBe('');
  return result.stdout.trim().split('\n');
}

/**
 * Its five lines, in order: every call answered and every field it reads was there. The mock
 * answers from the spec's examples (its member is the example's); the sandbox keeps state.
 */
function expectRanToTheEnd(lines: string[], stateful: boolean): void {
  expect(lines).toHaveLength(5);
  expect(lines[0]).toMatch(/^minted member token expiring at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  if (stateful) expect(lines[1]).toBe('member user_42 is now tier=gold');
  else expect(lines[1]).toMatch(/^member user_\w+ is now tier=(bronze|silver|gold|platinum)$/);
  // A fresh sandbox: user_42 is the member the example enrolled, then credited 100.
  expect(lines[2]).toMatch(stateful ? /^new balance: 100 \S+$/ : /^new balance: \d+ \S+$/);
  expect(lines[2]).not.toMatch(/undefined/);
  expect(lines[3]).toMatch(/^webhook \S+ secret: whsec_\S+$/);
  expect(lines[4]).toMatch(/^members: \d+, minted: \d+$/);
}

describe('the documented backend example, verbatim, installed from packed tarballs', () => {
  it("is the documentation's text byte for byte, with main(); appended", () => {
    const fixture = readFileSync(FIXTURE);
    const tail = Buffer.from('main();\n');
    expect(fixture.subarray(fixture.length - tail.length).equals(tail)).toBe(true);
    expect(createHash('sha256').update(fixture.subarray(0, fixture.length - tail.length)).digest('hex')).toBe(DOCUMENTED_SHA256);
  });

  it('installs @expys/sdk and its dependencies, nothing else of ours, with plain npm', () => {
    expect(installed.map((t) => t.replace(/-\d+\.\d+\.\d+(-[\w.-]+)?\.tgz$/, '')).sort()).toEqual(['expys-client-core', 'expys-credentials', 'expys-sdk', 'expys-server-client']);
    const manifest = JSON.parse(readFileSync(path.join(project, 'node_modules/@expys/sdk/package.json'), 'utf8'));
    expect(JSON.stringify(manifest)).not.toContain('workspace:');
  });

  it('compiles with tsc: strict, module and moduleResolution nodenext, skipLibCheck off', async () => {
    await compile();
  }, 120_000);

  describe('runs to the end', () => {
    let mock: RunningMock | undefined;
    let sandbox: RunningSandbox | undefined;
    let postgres: PostgresServer | undefined;
    afterAll(async () => {
      await mock?.stop();
      await sandbox?.stop();
      await postgres?.stop();
    });

    it('against the mock, with its sample Org-API-Key', async () => {
      mock = await startMock({ port: 0 });
      expectRanToTheEnd(await runExample(mock.url, MOCK_ORG_API_KEY), false);
    }, 120_000);

    it('against the sandbox on PGlite, with the Org-API-Key its first start created', async () => {
      const dataDir = path.join(work, 'sandbox-data');
      sandbox = await startSandbox({ port: 0, database: { kind: 'pglite', dataDir }, webhooks: { resolve: noDnsInTests } });
      expectRanToTheEnd(await runExample(sandbox.url, sandbox.createdKeys[0]!.key), true);
      await sandbox.stop();
      sandbox = undefined;
    }, 120_000);

    it('against the sandbox on PostgreSQL, with the Org-API-Key its first start created', async () => {
      postgres = await startPostgres();
      sandbox = await startSandbox({ port: 0, database: { kind: 'postgres', url: await postgres.createDatabase() }, webhooks: { resolve: noDnsInTests } });
      expectRanToTheEnd(await runExample(sandbox.url, sandbox.createdKeys[0]!.key), true);
    }, 180_000);
  });
});

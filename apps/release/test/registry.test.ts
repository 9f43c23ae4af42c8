// The release, end to end, against a real npm registry started here (Verdaccio, loopback):
// the publish step re-checks the packed packages and publishes every package; then a fresh consumer
// project installs @expys/member-client and @expys/server-client by version from that registry
// and runs the documented backend program, and the app call it enables, against the mock.
// Next to it, projects of every module kind (CommonJS and ESM, JavaScript and TypeScript with
// node16 / nodenext / bundler resolution) type-check the README quickstarts and run against the
// mock on Node 20, 22 and the toolchain's Node (24).
import { SAMPLE_CREDENTIALS, startMock, type RunningMock } from '@expys/mock';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHED } from '../src/audiences.js';
import { checkPacked, publishAll, type Packed } from '../src/publish.js';
import { PROJECTS, TSC, writeProject } from './support/consumers.js';
import { startRegistry, type Registry } from './support/registry.js';
import { sharedPacked } from './support/shared-pack.js';

const run = promisify(execFile);

let registry: Registry;
let mock: RunningMock;
let consumer: string;
let packed: Packed[];

beforeAll(async () => {
  registry = await startRegistry();
  mock = await startMock({ port: 0 });
  consumer = mkdtempSync(path.join(tmpdir(), 'expys-consumer-'));
});
afterAll(async () => {
  await mock?.stop();
  await registry?.stop();
  if (consumer) rmSync(consumer, { recursive: true, force: true });
});

/** The registry's document for a package (retried once: an idle keep-alive socket may have been closed meanwhile). */
async function packageDocument(name: string): Promise<any> {
  const url = `${registry.url}${name.replace('/', '%2f')}`;
  return fetch(url)
    .catch(() => fetch(url))
    .then((r) => r.json());
}

/** This environment without NODE_PATH, which pnpm sets and CommonJS resolution would honour. */
function cleanEnv(): NodeJS.ProcessEnv {
  const { NODE_PATH: _ignored, ...env } = process.env;
  return env;
}

const version = (name: string) => packed.find((p) => p.name === name)!.version;

describe('publishing to a real registry', () => {
  it('re-checks the packed packages, then publishes every one at its version', async () => {
    await checkPacked();
    // What the release's packAll made of this tree, once for the run (test/support/shared-pack.ts).
    packed = await sharedPacked();
    expect(packed.map((p) => p.name)).toEqual(PUBLISHED.map((p) => p.name));
    await publishAll(packed, registry.url, registry.userconfig);
    for (const p of packed) {
      const document = await packageDocument(p.name);
      expect(document['dist-tags'].latest, p.name).toBe(p.version);
      // What was published names real versions, never the workspace protocol.
      expect(JSON.stringify(document.versions[p.version].dependencies ?? {}), p.name).not.toContain('workspace:');
    }
  }, 300_000);

  it('a fresh project installs both clients by version from it and runs the backend program against the mock', async () => {
    const member = version('@expys/member-client');
    const server = version('@expys/server-client');
    writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { '@expys/member-client': member, '@expys/server-client': server } }, null, 2));
    writeFileSync(path.join(consumer, '.npmrc'), `registry=${registry.url}\n`);
    // The registry proxies the public packages (openapi-fetch…): a failed upstream fetch is a
    // 404 for that one request, so the install is tried again before the test gives up.
    for (let attempt = 1; ; attempt++) {
      try {
        await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: consumer, timeout: 240_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw new Error(`${(error as Error).message}\nRegistry log:\n${registry.log()}`);
        await new Promise((r) => setTimeout(r, 3000));
      }
    }
    const installed = (name: string) => JSON.parse(readFileSync(path.join(consumer, 'node_modules', name, 'package.json'), 'utf8')).version;
    expect([installed('@expys/member-client'), installed('@expys/server-client'), installed('@expys/client-core')]).toEqual([member, server, version('@expys/client-core')]);

    // The server client's quickstart, as its README writes it, then the app side with the minted token.
    writeFileSync(
      path.join(consumer, 'backend.mjs'),
      `import { initialize } from '@expys/server-client';
import { initialize as initializeApp } from '@expys/member-client';
const baseUrl = process.env.EXPYS_BASE_URL;
const expys = initialize({ baseUrl, environment: 'sandbox', token: process.env.EXPYS_ORG_API_KEY });
const member = await expys.setMember('user_42', { displayName: 'Ada Lovelace', tier: 'gold' });
const grant = await expys.exchangeToken({ externalUserID: 'user_42' });
const credited = await expys.creditPoints({ amount: 100, externalUserID: 'user_42', reason: 'welcome bonus' });
const summary = await expys.analyticsSummary();
const app = initializeApp({ baseUrl, environment: 'sandbox', token: grant.token });
const offers = await app.listOffers({ limit: 2 });
console.log(JSON.stringify({ tier: member.tier, token: grant.token.slice(0, 8), balance: credited.balance, members: summary.memberCount, offers: offers.data.length, hasServerMethod: 'creditPoints' in app }));
`,
    );
    // Asynchronously: the mock answers from this process, which must stay free to serve it.
    const { stdout: output } = await run(process.execPath, ['backend.mjs'], { cwd: consumer, env: { ...process.env, EXPYS_BASE_URL: mock.url, EXPYS_ORG_API_KEY: SAMPLE_CREDENTIALS.fullAccessKey }, encoding: 'utf8', timeout: 60_000 });
    expect(JSON.parse(output.trim())).toEqual({ tier: 'gold', token: 'mt_test_', balance: expect.any(Number), members: expect.any(Number), offers: 2, hasServerMethod: false });
  }, 300_000);

  describe.each(PROJECTS)('a fresh $name consumer of the published clients', (project) => {
    let dir: string;
    beforeAll(() => {
      dir = writeProject(consumer, project);
    });

    it('resolves both clients from its own install, in the format its package.json asks for', async () => {
      // Each resolution the way Node does it for this project: a passing run must not come
      // from a workspace folder or NODE_PATH (pnpm sets one for its scripts).
      const format = project.type === 'commonjs' ? 'cjs' : 'index';
      for (const name of ['@expys/server-client', '@expys/member-client']) {
        const resolved =
          project.type === 'commonjs'
            ? (await run(process.execPath, ['-p', `require.resolve(${JSON.stringify(name)})`], { cwd: dir, env: cleanEnv() })).stdout.trim()
            : fileURLToPath((await run(process.execPath, ['--input-type=module', '-e', `console.log(import.meta.resolve(${JSON.stringify(name)}))`], { cwd: dir, env: cleanEnv() })).stdout.trim());
        expect(resolved).toBe(path.join(consumer, 'node_modules', name, 'dist', format === 'cjs' ? 'cjs/index.js' : 'index.js'));
      }
    });

    if (project.typescript) {
      it(`type-checks the program and both README quickstarts (module ${project.typescript.module}, strict, exactOptionalPropertyTypes, no skipLibCheck)`, async () => {
        await run(process.execPath, [TSC, '-p', dir], { cwd: dir, timeout: 120_000 }).catch((error: { stdout?: string; message: string }) => {
          throw new Error(`tsc failed in ${project.name}:\n${error.stdout ?? error.message}`);
        });
      }, 150_000);
    }

    if (!project.typescript || project.typescript.emit) {
      // The clients support Node ≥ 20 whatever Node the toolchain runs on (24): each line is run.
      const toolchain = process.versions.node.split('.')[0];
      const nodes = [
        ['Node 20', 'npx', ['--yes', 'node@20'], '20'],
        ['Node 22', 'npx', ['--yes', 'node@22'], '22'],
        [`Node ${toolchain} (the toolchain's)`, process.execPath, [], toolchain],
      ] as const;
      it.each(nodes)('runs against the mock on %s (require() or import of the published build)', async (_label, command, prefix, major) => {
        const entry = path.join(dir, project.typescript ? 'out/main.js' : 'main.js');
        // A CommonJS project runs with require(esm) off: it must load the CommonJS build, not
        // get by on Node's ability to require the ESM one.
        const flags = project.type === 'commonjs' ? ['--no-experimental-require-module'] : [];
        // Outside the consumer folder, so npx fetches Node from the usual registry, not the test one.
        const { stdout } = await run(command, [...prefix, ...flags, entry], {
          cwd: path.resolve(consumer, '..'),
          env: { ...cleanEnv(), EXPYS_BASE_URL: mock.url, EXPYS_ORG_API_KEY: SAMPLE_CREDENTIALS.fullAccessKey },
          encoding: 'utf8',
          timeout: 120_000,
        });
        expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({ offers: 2, refused: 'wrong_credential', node: major });
      }, 150_000);
    }
  });
});

// The README's promise, kept: a spec author adds an operation to the YAML and edits nothing else.
// On a copy of the spec with two new operations (listOfferReviews for members, getReviewStats for
// backends; neither has code anywhere), what the repository derives from the spec carries them:
// every linter passes (ours, the second validator, Spectral/OWASP), the bundles split them by
// mode, the mock serves them, the sandbox answers them from their examples (marked), both clients
// are regenerated with a typed, working method for their own audience's operation only, the MSW
// handlers serve the member one, the leak scanner counts the server one as a server name, and the
// docs document each on its audience's page with its samples. (@expys/member-query derives its
// options from the member client's generated operation table at run time; its own tests show it.)
import { startMock, type RunningMock } from '@expys/mock';
import { startSandbox, type RunningSandbox } from '@expys/sandbox';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEW_MEMBER_OPERATION, NEW_SERVER_OPERATION, addNewOperations } from '../../../scripts/testing/new-operations.js';
import { getResponse } from 'msw';
import { foreignNames } from '../../../scripts/bundle/audit.js';
import { secondValidator, spectral } from '../../../scripts/lint/tools.js';
import { describeAudience } from '../../../packages/msw-handlers/generator/describe.js';
import { createHandlers } from '../../../packages/msw-handlers/src/handlers.js';
import { DevPipeline, type PassReport } from '../src/pipeline.js';
import { copySpec } from '../src/spec-copy.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const MEMBER_TOKEN = 'mt_test_SampleMemberToken0000000000000000004vNQP';
const ORG_API_KEY = 'expys_test_SandboxFullAccessKey0000004LgBmQ';
const OFFER = 'off_7Hq2LmN4pX9rT1vB';

let work: string;
let report: PassReport;
let pipeline: DevPipeline;
let mock: RunningMock;
let sandbox: RunningSandbox;
const bundle = (name: string) => JSON.parse(readFileSync(path.join(work, `dist/expys.${name}.json`), 'utf8'));
const ids = (doc: any) => Object.values<any>(doc.paths).flatMap((item) => Object.values<any>(item).map((op) => op?.operationId).filter(Boolean));

/** A copy of a client package whose `src/generated` the pipeline writes; its dependencies are the workspace's. */
function clientCopy(name: 'member-client' | 'server-client'): string {
  const dir = path.join(work, name);
  mkdirSync(dir);
  for (const entry of ['package.json', 'src']) cpSync(path.join(REPO, 'packages', name, entry), path.join(dir, entry), { recursive: true, filter: (f) => !f.includes(`${path.sep}generated`) });
  symlinkSync(path.join(REPO, 'packages', name, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: path.join(REPO, 'tsconfig.base.json'), include: ['src'] }));
  return dir;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'expys-new-operation-'));
  const configFile = copySpec(REPO, work);
  addNewOperations(work);
  pipeline = new DevPipeline({
    configFile,
    clients: [
      { audience: 'member', packageDir: clientCopy('member-client') },
      { audience: 'server', packageDir: clientCopy('server-client') },
    ],
  });
  report = await pipeline.run();
  if (report.ok) {
    mock = await startMock({ port: 0, specFile: pipeline.fullBundleFile });
    sandbox = await startSandbox({ database: { kind: 'memory' }, sampleKeys: true, specFile: pipeline.fullBundleFile, port: 0 });
  }
}, 120_000);

afterAll(async () => {
  await Promise.allSettled([mock?.stop(), sandbox?.stop()]);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('two new operations, and no other edit', () => {
  it('lint: our rules and Redocly find nothing to say', () => {
    expect(report.errors, JSON.stringify(report.errors, null, 2)).toEqual([]);
    expect(report.warnings, JSON.stringify(report.warnings, null, 2)).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it("lint: the second validator (the multi-file source) and Spectral with OWASP (the bundles) find nothing either", async () => {
    const quiet = console.log;
    console.log = () => {};
    try {
      const second = await secondValidator(path.join(work, 'spec/openapi.yaml'));
      expect(second.ok, second.output).toBe(true);
      const spectralRun = spectral(['full', 'member', 'server'].map((name) => path.join(work, `dist/expys.${name}.json`)), { source: path.join(work, 'spec/openapi.yaml') });
      expect(spectralRun.ok, spectralRun.output).toBe(true);
    } finally {
      console.log = quiet;
    }
  }, 120_000);

  it('build: each audience bundle gets its own new operation, and only that one', () => {
    expect(ids(bundle('full'))).toEqual(expect.arrayContaining([NEW_MEMBER_OPERATION.operationId, NEW_SERVER_OPERATION.operationId]));
    expect(ids(bundle('member'))).toContain(NEW_MEMBER_OPERATION.operationId);
    expect(ids(bundle('member'))).not.toContain(NEW_SERVER_OPERATION.operationId);
    expect(JSON.stringify(bundle('member'))).not.toContain(NEW_SERVER_OPERATION.path);
    expect(ids(bundle('server'))).toContain(NEW_SERVER_OPERATION.operationId);
    expect(ids(bundle('server'))).not.toContain(NEW_MEMBER_OPERATION.operationId);
  });

  it("mock: serves both from the spec's examples, behind the credential boundary", async () => {
    const reviews = await fetch(`${mock.url}/v1/offers/${OFFER}/reviews`, { headers: { authorization: `Bearer ${MEMBER_TOKEN}` } });
    expect(reviews.status).toBe(200);
    expect(((await reviews.json()) as { data: unknown[] }).data).toHaveLength(1);
    const stats = await fetch(`${mock.url}${NEW_SERVER_OPERATION.path}`, { headers: { authorization: `Bearer ${ORG_API_KEY}` } });
    expect(await stats.json()).toEqual({ reviewCount: 1284, averageRating: 4.3 });
    const wrong = await fetch(`${mock.url}${NEW_SERVER_OPERATION.path}`, { headers: { authorization: `Bearer ${MEMBER_TOKEN}` } });
    expect(wrong.status).toBe(403);
  });

  it('sandbox: starts, answers both from their examples, marked and named', async () => {
    expect(sandbox.exampleOperations.sort()).toEqual([NEW_SERVER_OPERATION.operationId, NEW_MEMBER_OPERATION.operationId].sort());
    const stats = await fetch(`${sandbox.url}${NEW_SERVER_OPERATION.path}`, { headers: { authorization: `Bearer ${ORG_API_KEY}` } });
    expect(stats.status).toBe(200);
    expect(stats.headers.get('expys-sandbox-answer')).toBe('example');
    const wallet = await fetch(`${sandbox.url}/v1/wallet`, { headers: { authorization: `Bearer ${(await sandbox.context.credentials.mintToken('user_123')).token}` } });
    expect(wallet.status).toBe(200);
    expect(wallet.headers.get('expys-sandbox-answer')).toBeNull();
  });

  it('clients: each regenerated with a working method for its own audience only', async () => {
    expect(report.clients.sort()).toEqual(['@expys/member-client', '@expys/server-client']);
    const member = await import(pathToFileURL(path.join(work, 'member-client/src/index.ts')).href);
    const server = await import(pathToFileURL(path.join(work, 'server-client/src/index.ts')).href);
    const app = member.initialize({ environment: 'sandbox', baseUrl: mock.url, token: MEMBER_TOKEN });
    const backend = server.initialize({ environment: 'sandbox', baseUrl: mock.url, token: ORG_API_KEY });
    const page = await app.listOfferReviews(OFFER);
    expect(page.data[0]).toMatchObject({ rating: 5 });
    // Paginated like every list: `for await` reaches the last page and stops.
    const all: unknown[] = [];
    for await (const review of app.listOfferReviews(OFFER)) all.push(review);
    expect(all).toHaveLength(2);
    expect(await backend.getReviewStats()).toEqual({ reviewCount: 1284, averageRating: 4.3 });
    expect(app.getReviewStats).toBeUndefined();
    expect(backend.listOfferReviews).toBeUndefined();
    expect(readFileSync(path.join(work, 'member-client/src/generated/operations.ts'), 'utf8')).not.toContain(NEW_SERVER_OPERATION.operationId);
  });

  it('clients: the new methods are typed (a consumer compiles), and neither client has the other side', () => {
    const consumer = path.join(work, 'consumer.ts');
    writeFileSync(
      consumer,
      `import { initialize as member, type ListOfferReviewsResult } from './member-client/src/index.js';
import { initialize as server, type GetReviewStatsResult } from './server-client/src/index.js';
const app = member({ environment: 'sandbox', token: 't' });
const backend = server({ environment: 'sandbox', token: 'k' });
export async function use(): Promise<number> {
  const page: ListOfferReviewsResult = await app.listOfferReviews('off_1', { limit: 10 });
  const stats: GetReviewStatsResult = await backend.getReviewStats();
  // @ts-expect-error the member client has no server operation
  app.getReviewStats;
  // @ts-expect-error the server client has no member operation
  backend.listOfferReviews;
  // @ts-expect-error a rating is a number
  const text: string = page.data[0].rating;
  return page.data.length + stats.reviewCount + text.length;
}
`,
    );
    const program = ts.createProgram([consumer], { strict: true, noEmit: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true, types: [] });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? path.relative(work, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    expect(diagnostics).toEqual([]);
    // A type check of both clients' sources: seconds, more on a busy machine.
  }, 60_000);

  it("MSW handlers: the member table carries the new operation, answered from its example behind the boundary", async () => {
    const table = { ...describeAudience(bundle('member'), 'member'), credentials: { revokedKeys: [], expiredTokens: {}, restrictedKeys: {}, samples: {} } };
    expect(table.operations.map((op) => op.operationId)).toContain(NEW_MEMBER_OPERATION.operationId);
    expect(JSON.stringify(table)).not.toContain(NEW_SERVER_OPERATION.operationId);
    const handlers = createHandlers(table as never);
    const answer = await getResponse(handlers, new Request(`https://sandbox.api.expys.com/v1/offers/${OFFER}/reviews`, { headers: { authorization: `Bearer ${MEMBER_TOKEN}` } }));
    expect(answer?.status).toBe(200);
    expect(((await answer!.json()) as { data: unknown[] }).data).toHaveLength(1);
    const refused = await getResponse(handlers, new Request(`https://sandbox.api.expys.com/v1/offers/${OFFER}/reviews`, { headers: { authorization: `Bearer ${ORG_API_KEY}` } }));
    expect(refused?.status).toBe(403);
  });

  it('leak scanner: the new server operation and path are server names an app build must not hold', () => {
    const { operationIds, paths } = foreignNames(bundle('full'), 'member');
    expect(operationIds).toContain(NEW_SERVER_OPERATION.operationId);
    expect(paths).toContain(NEW_SERVER_OPERATION.path);
    expect(operationIds).not.toContain(NEW_MEMBER_OPERATION.operationId);
  });

  it('docs: each page documents its own new operation and never the other side', () => {
    const out = path.join(work, 'docs');
    const build = spawnSync(process.execPath, ['--import', TSX, path.join(REPO, 'apps/docs/src/build.ts')], {
      cwd: path.join(REPO, 'apps/docs'),
      env: { ...process.env, EXPYS_DOCS_BUNDLES: path.join(work, 'dist'), EXPYS_DOCS_OUT: out },
      encoding: 'utf8',
    });
    expect(build.status, build.stderr).toBe(0);
    const page = (name: string) => readFileSync(path.join(out, 'dist', name), 'utf8');
    expect(page('member.html')).toContain(NEW_MEMBER_OPERATION.summary);
    // With its samples: the SDK call and curl.
    expect(page('member.html')).toContain(`${NEW_MEMBER_OPERATION.operationId}(`);
    expect(page('member.html')).toMatch(/curl[^<]*\/v1\/offers\/[^<]*\/reviews/);
    expect(page('server.html')).toContain(`${NEW_SERVER_OPERATION.operationId}(`);
    expect(page('member.html')).not.toContain(NEW_SERVER_OPERATION.operationId);
    expect(page('server.html')).toContain(NEW_SERVER_OPERATION.summary);
    expect(page('server.html')).not.toContain(NEW_MEMBER_OPERATION.summary);
  }, 120_000);
});

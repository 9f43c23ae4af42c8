// A spec author adds an operation and runs the sandbox before anyone writes its code: the sandbox
// starts, answers it from the spec's examples behind the same gateway (credentials, mode,
// validation unchanged), marks every such answer with `Expys-Sandbox-Answer: example`, and names
// it at start-up. The spec is a copy with one new member operation, linted and bundled by the
// dev loop's pipeline, exactly as `npm run dev` does it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevPipeline } from '../../dev/src/pipeline.js';
import { copySpec } from '../../dev/src/spec-copy.js';
import { addNewOperations } from '../../../scripts/testing/new-operations.js';
import { startSandbox, type RunningSandbox } from '../src/index.js';
import { runCli, startProcess } from './support/process.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const MARKER = 'expys-sandbox-answer';

let work: string;
let bundleFile: string;
let sandbox: RunningSandbox;
let memberToken: string;
const ORG_API_KEY = 'expys_test_SandboxFullAccessKey0000004LgBmQ';
const REVIEWS = '/v1/offers/off_7Hq2LmN4pX9rT1vB/reviews';

function exampleOf(name: 'firstPage' | 'lastPage'): unknown {
  const doc = JSON.parse(readFileSync(bundleFile, 'utf8'));
  return doc.paths['/v1/offers/{offerId}/reviews'].get.responses['200'].content['application/json'].examples[name].value;
}

const get = (url: string, headers: Record<string, string> = {}) => fetch(new URL(url, sandbox.url), { headers });
const asMember = (url: string, headers: Record<string, string> = {}) => get(url, { authorization: `Bearer ${memberToken}`, ...headers });

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'expys-sandbox-examples-'));
  const configFile = copySpec(REPO, work);
  addNewOperations(work, { server: false });

  const pipeline = new DevPipeline({ configFile, clients: [] });
  const report = await pipeline.run();
  expect(report.errors, JSON.stringify(report.errors, null, 2)).toEqual([]);
  expect(report.ok).toBe(true);
  bundleFile = pipeline.fullBundleFile;

  sandbox = await startSandbox({ database: { kind: 'memory' }, sampleKeys: true, specFile: bundleFile, port: 0 });
  memberToken = (await sandbox.context.credentials.mintToken('user_123')).token;
}, 120_000);

afterAll(async () => {
  await sandbox?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('an operation the sandbox has no code for', () => {
  it('starts, and names exactly the new operation', () => {
    expect(sandbox.exampleOperations).toEqual(['listOfferReviews']);
  });

  it("answers the spec's example, marked Expys-Sandbox-Answer: example, with the gateway's headers", async () => {
    const answer = await asMember(REVIEWS);
    expect(answer.status).toBe(200);
    expect(answer.headers.get(MARKER)).toBe('example');
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.headers.get('request-id')).toMatch(/^req_/);
    expect(answer.headers.get('ratelimit-limit')).toBe('6000');
    expect(await answer.json()).toEqual(exampleOf('firstPage'));
  });

  it('as the mock does: a cursor gets the last page, Prefer picks a documented answer (marked too)', async () => {
    const next = await asMember(`${REVIEWS}?cursor=eyJpZCI6InJldl80VGc3SGsyTG1ROXBYMXZCIn0`);
    expect(next.status).toBe(200);
    expect(next.headers.get(MARKER)).toBe('example');
    expect(await next.json()).toEqual(exampleOf('lastPage'));

    const notFound = await asMember(REVIEWS, { prefer: 'code=404' });
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get(MARKER)).toBe('example');
    expect(notFound.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await notFound.json()).code).toBe('not_found');
  });

  it('the gateway is still in front: Org-API-Key 403, no token 401, bad query or path 422, unmarked', async () => {
    const orgKey = await get(REVIEWS, { authorization: `Bearer ${ORG_API_KEY}` });
    expect({ status: orgKey.status, code: (await orgKey.json()).code }).toEqual({ status: 403, code: 'org_api_key_not_allowed' });
    expect(orgKey.headers.get(MARKER)).toBeNull();

    const anonymous = await get(REVIEWS);
    expect({ status: anonymous.status, code: (await anonymous.json()).code }).toEqual({ status: 401, code: 'unauthenticated' });
    expect(anonymous.headers.get(MARKER)).toBeNull();

    const badLimit = await asMember(`${REVIEWS}?limit=0`);
    const limitProblem = await badLimit.json();
    expect({ status: badLimit.status, code: limitProblem.code }).toEqual({ status: 422, code: 'validation_failed' });
    expect(limitProblem.errors.map((e: { path: string }) => e.path)).toEqual(['/query/limit']);
    expect(badLimit.headers.get(MARKER)).toBeNull();

    const badId = await asMember('/v1/offers/bad!/reviews');
    const idProblem = await badId.json();
    expect({ status: badId.status, code: idProblem.code }).toEqual({ status: 422, code: 'validation_failed' });
    expect(new Set(idProblem.errors.map((e: { path: string }) => e.path))).toEqual(new Set(['/path/offerId']));
  });

  it('the marker is readable from a browser app (Access-Control-Expose-Headers)', async () => {
    const answer = await asMember(REVIEWS, { origin: 'http://localhost:5173' });
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(answer.headers.get('access-control-expose-headers')?.split(', ')).toContain('Expys-Sandbox-Answer');
  });

  it('implemented operations are unchanged: computed from stored data, no marker, Prefer ignored', async () => {
    const wallet = await asMember('/v1/wallet');
    expect(wallet.status).toBe(200);
    expect(wallet.headers.get(MARKER)).toBeNull();
    const offers = await asMember('/v1/offers', { prefer: 'code=404' });
    expect(offers.status).toBe(200);
    expect(offers.headers.get(MARKER)).toBeNull();
    const member = await get('/v1/members/user_123', { authorization: `Bearer ${ORG_API_KEY}` });
    expect(member.status).toBe(200);
    expect(member.headers.get(MARKER)).toBeNull();
  });
});

describe('the CLI (expys-sandbox --spec <bundle>)', () => {
  it('prints one start-up line naming the operations answered from examples, and serves them', async () => {
    const data = path.join(work, 'cli-data');
    const cli = await startProcess(['--data', data, '--spec', bundleFile]);
    try {
      const line = cli.output().split('\n').find((l) => l.includes("answered from the spec's examples"));
      expect(line).toBe("  1 operation answered from the spec's examples (no sandbox code yet; header Expys-Sandbox-Answer: example): listOfferReviews");
      const token = await runCli(['token', 'user_123', '--url', cli.url, '--data', data]);
      expect(token.code, token.stderr).toBe(0);
      const answer = await fetch(new URL(REVIEWS, cli.url), { headers: { authorization: `Bearer ${token.stdout.split('\n')[0]}` } });
      expect(answer.status).toBe(200);
      expect(answer.headers.get(MARKER)).toBe('example');
    } finally {
      await cli.stop();
    }
  });
});

// createFetchHandler, the boundary as `(Request) => Promise<Response>`, run on its built files
// under Node (here, in this process) and under Bun (a second runtime, from npm: test/scenarios.mjs
// in a Bun process, also serving once through Bun.serve on loopback). Both must give the answers
// below, which are the mock's: the same core decides.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript shared with the Bun run
import { runScenarios } from './scenarios.mjs';

const require = createRequire(import.meta.url);
const bundleFile = require.resolve('@expys/openapi/full.json');
const doc = JSON.parse(readFileSync(bundleFile, 'utf8'));
const BUN = path.join(path.dirname(require.resolve('bun/package.json')), 'bin', 'bun.exe');

/** What both runtimes must answer. */
function expectTheBoundary(r: Record<string, any>) {
  const code = (name: string) => [r[name].status, r[name].json?.code];
  expect(code('missing')).toEqual([401, 'unauthenticated']);
  expect(r.missing.headers['www-authenticate']).toBe('Bearer');
  expect(r.missing.headers['request-id']).toBe(r.missing.json.requestId);
  expect(code('orgKeyOnMember')).toEqual([403, 'org_api_key_not_allowed']);
  expect(code('memberTokenOnServer')).toEqual([403, 'member_token_not_allowed']);
  expect([r.wallet.status, r.wallet.json]).toEqual([200, { operationId: 'getWallet', kind: 'member-token', query: {}, body: null }]);
  expect(r.wallet.headers['ratelimit-limit']).toBe('4');
  expect(code('badQuery')).toEqual([422, 'validation_failed']);
  expect(r.badQuery.json.errors[0].path).toBe('/query/limit');
  expect(code('tooLarge')).toEqual([413, 'payload_too_large']);
  expect(code('wrongMedia')).toEqual([415, 'unsupported_media_type']);
  expect(code('badBody')).toEqual([422, 'validation_failed']);
  expect(r.badBody.json.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['/body/amount', '/body/externalUserID']));
  expect([r.credit.status, r.credit.json.body]).toEqual([200, { externalUserID: 'user_123', amount: 10, reason: 'Order 1' }]);
  expect([...code('methodNotAllowed'), r.methodNotAllowed.headers.allow]).toEqual([405, 'method_not_allowed', 'GET']);
  expect(code('notFound')).toEqual([404, 'not_found']);
  expect([r.preflight.status, r.preflight.headers['access-control-allow-origin']]).toEqual([204, 'http://localhost:5173']);
  expect(code('liveKey')).toEqual([401, 'environment_mismatch']);
  expect([r.app.status, r.app.json.operationId, r.app.json.kind]).toEqual([200, 'getApp', 'app-credentials']);
  expect(code('appWithBearer')).toEqual([403, 'app_credentials_required']);
  expect(code('appMissing')).toEqual([401, 'unauthenticated']);
  expect(r.appMissing.headers['www-authenticate']).toMatch(/^Basic realm=/);
  expect(code('basicOnServer')).toEqual([401, 'unauthenticated']);
  expect(r.basicOnServer.headers['www-authenticate']).toBe('Bearer');
  expect(code('appSecretAsBearer')).toEqual([403, 'app_secret_not_allowed']);
  expect(code('apiKeyWithoutScope')).toEqual([403, 'insufficient_scope']);
  expect(r.apiKeyWithoutScope.json.detail).toContain('analytics_read');
  expect(code('expiredApiKey')).toEqual([401, 'api_key_expired']);
  expect(code('deadline')).toEqual([500, 'internal_error']);
  expect(r.deadline.json.detail).toContain('concierge: the operation did not answer within 0.2 s');
  expect(r.sameBudget).toEqual([429, 429, 429]);
}

describe('createFetchHandler', () => {
  it('under Node: the boundary, answer by answer', async () => {
    expectTheBoundary(await runScenarios(doc));
  });

  it('under Bun: the same answers, and it serves through Bun.serve on loopback', async () => {
    const { stdout } = await promisify(execFile)(BUN, [path.join(import.meta.dirname, 'scenarios.mjs'), bundleFile], { cwd: path.join(import.meta.dirname, '..'), timeout: 60_000 });
    const { runtime, results, served } = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(runtime).toMatch(/^bun 1\./);
    expectTheBoundary(results);
    expect([served.status, served.json.operationId]).toEqual([200, 'getWallet']);
  }, 90_000);
});

// The credentials as documented, one table for every host: every server operation × {the
// Org-API-Key, an API key with its scope, one without it, the App Secret as a bearer, a member
// token, live keys, an expired and a revoked API key, Basic application credentials}, and every
// application operation × who may and may not manage keys (src/credentials-table.ts). The mock,
// the sandbox on PGlite and on PostgreSQL, and the MSW handlers each answer every row as the
// table says. Runs once, in the default run (it starts every host itself).
import { SAMPLE_CREDENTIALS as S } from '@expys/mock';
import { createMemberHandlers } from '@expys/msw-handlers/member';
import { createServerHandlers } from '@expys/msw-handlers/server';
import { setupServer } from 'msw/node';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsFor, type HostCredentials } from '../src/credentials-table.js';
import { exampleRequest, requestUrl } from '../src/requests.js';
import { documentedCodes, endingLast, loadFullBundle, operationsOf, type Operation } from '../src/spec.js';

const doc = loadFullBundle();
// Calls that end a credential go last: once user_123 is removed its member token is unknown (401,
// not 403), and the example rotation ends the sample App Secret at once.
const operations = endingLast(operationsOf(doc).filter((op) => op.mode === 'server'));
const scopes = [...new Set(operations.map((op) => op.scope).filter((s): s is string => !!s)), 'member_read'];

interface Host {
  url: string;
  /** 2xx only for an authorized call (a stateless host answers the example). */
  stateless: boolean;
  stop(): Promise<void>;
}

const skipAll = !!process.env.EXPYS_CONTRACT_SANDBOX || !!process.env.EXPYS_CONTRACT_TARGET;

const hosts: Record<string, () => Promise<Host>> = {
  mock: async () => {
    const { startMock } = await import('@expys/mock');
    const mock = await startMock({ port: 0, rateLimit: { limit: 0, windowMs: 60_000 } });
    return { url: mock.url, stateless: true, stop: () => mock.stop() };
  },
  'sandbox on PGlite': async () => sandboxHost({ kind: 'memory' }),
  'sandbox on PostgreSQL': async () => {
    const { startPostgres, createDatabase } = await import('@expys/sandbox/testing');
    const postgres = await startPostgres();
    const host = await sandboxHost({ kind: 'postgres', url: await createDatabase(postgres.url), poolSize: 4 });
    return { ...host, stop: async () => (await host.stop(), await postgres.stop()) };
  },
  'MSW handlers': async () => {
    // A loopback base that nothing listens on: an unhandled request fails here, never leaves the machine.
    const url = 'http://127.0.0.1:9';
    const server = setupServer(...createServerHandlers({ baseUrl: url }), ...createMemberHandlers({ baseUrl: url }));
    server.listen({ onUnhandledRequest: 'error' });
    return { url, stateless: true, stop: async () => server.close() };
  },
};

async function sandboxHost(database: import('@expys/sandbox').DatabaseOptions): Promise<Host> {
  const { startSandbox } = await import('@expys/sandbox');
  const { noDnsInTests } = await import('@expys/sandbox/testing');
  const sandbox = await startSandbox({ database, sampleKeys: true, rateLimit: { limit: 0, windowMs: 60_000 }, webhooks: { resolve: noDnsInTests } });
  return { url: sandbox.url, stateless: false, stop: () => sandbox.stop() };
}

const basic = `Basic ${btoa(`${S.app.appId}:${S.app.appSecret}`)}`;

async function call(host: Host, op: Pick<Operation, 'method'> & { urlPath: string }, authorization: string | undefined, body?: unknown, idempotent = false) {
  const response = await fetch(new URL(op.urlPath, host.url), {
    method: op.method,
    headers: {
      ...(authorization ? { authorization } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(idempotent ? { 'idempotency-key': randomUUID() } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** The host's credentials: API keys per scope are made on the host itself, with the application's Basic credentials. */
async function credentialsOf(host: Host): Promise<HostCredentials> {
  const made = new Map<string, string>();
  for (const scope of scopes) {
    const created = await call(host, { method: 'POST', urlPath: '/v1/app/keys' }, basic, { name: `matrix ${scope}`, scopes: [scope] }, true);
    expect(created.status, `createApiKey(${scope}): ${JSON.stringify(created.body)}`).toBe(201);
    made.set(scope, created.body.key);
  }
  const grant = await call(host, { method: 'POST', urlPath: '/v1/auth/exchange' }, `Bearer ${S.fullAccessKey}`, { externalUserID: 'user_123' }, true);
  expect(grant.status).toBe(200);
  return {
    orgApiKey: S.fullAccessKey,
    apiKeyWith: (scope) => made.get(scope)!,
    // The sample keys: the token minter has token_write only, the members reader member_read only.
    apiKeyWithout: (scope) => (scope === 'token_write' ? S.apiKeys.membersReader.key : S.apiKeys.tokenMinter.key),
    appId: S.app.appId,
    appSecret: S.app.appSecret,
    memberToken: grant.body.token,
    liveOrgApiKey: S.liveKey,
    liveApiKey: S.liveApiKey,
    expiredApiKey: S.expiredApiKey,
    revokedApiKey: S.revokedApiKey,
  };
}

describe.skipIf(skipAll).each(Object.keys(hosts))('%s', (hostName) => {
  let host: Host;
  let credentials: HostCredentials;
  beforeAll(async () => {
    host = await hosts[hostName]();
    credentials = await credentialsOf(host);
  }, 120_000);
  afterAll(() => host?.stop());

  const cases = operations.flatMap((op) => rowsFor(op).map((row) => [op.operationId, row.credential, op, row] as const));
  it.each(cases)('%s with %s', async (_id, _credential, op, row) => {
    const request = exampleRequest(doc, op);
    const answer = await call(host, { method: op.method, urlPath: requestUrl('http://x', request).slice('http://x'.length) }, row.authorization(credentials), request.body, op.idempotent);
    if ('authorized' in row.expected) {
      expect(op.statuses, `${answer.status} ${JSON.stringify(answer.body)}`).toContain(String(answer.status));
      expect([401, 403], `${JSON.stringify(answer.body)}`).not.toContain(answer.status);
      if (host.stateless) expect(answer.status).toBeLessThan(300);
    } else {
      expect({ status: answer.status, code: answer.body?.code }).toEqual(row.expected);
      expect(documentedCodes(doc, op, row.expected.status)).toContain(row.expected.code);
    }
  });
});

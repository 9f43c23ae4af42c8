// Issue 21's access table, derived from the built bundle: every operation of the spec × every kind
// of credential, sent as a real Request through the built fetch handler (the boundary every host
// runs), asserting status and problem code. An allowed call must reach the operation handler, so
// each request is the spec's own example (path parameters, required query, headers, body).
import { credentialFromEntropy, randomBase62 } from '@expys/credentials';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { API_KEY_SCOPES, buildRoutes, createFetchHandler, deref, knownCredentials, KNOWN_SAMPLES, rateKey, SAMPLE_CREDENTIALS as C, type Route } from '../dist/index.js';

const doc = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@expys/openapi/full.json'), 'utf8'));
const routes = buildRoutes(doc);
const serverOps = routes.filter((r) => r.mode === 'server' && !r.application);
const appOps = routes.filter((r) => r.application);
const memberOps = routes.filter((r) => r.mode === 'member');

// Per scope, an API key that has exactly it and one that has every other scope (minted here, so
// the table does not lean on which scopes the samples happen to have).
const mint = () => credentialFromEntropy('api-key', 'sandbox', randomBase62(26));
const withScope = Object.fromEntries(API_KEY_SCOPES.map((scope) => [scope, mint()]));
const withoutScope = Object.fromEntries(API_KEY_SCOPES.map((scope) => [scope, mint()]));
const otherSecret = credentialFromEntropy('app-secret', 'sandbox', randomBase62(26));

const handle = createFetchHandler({
  doc,
  authenticate: knownCredentials({
    ...KNOWN_SAMPLES,
    apiKeys: {
      ...KNOWN_SAMPLES.apiKeys,
      ...Object.fromEntries(API_KEY_SCOPES.map((scope) => [withScope[scope], [scope]])),
      ...Object.fromEntries(API_KEY_SCOPES.map((scope) => [withoutScope[scope], API_KEY_SCOPES.filter((s) => s !== scope)])),
    },
  }),
  access: { productionUrl: 'https://api.expys.com' },
  rateLimit: false,
  handler: async (request) => ({ status: 200, body: { operationId: request.route.operationId, kind: request.credential.kind } }),
});

function exampleOf(node: any, what: string): unknown {
  const schema = deref(doc, node.schema ?? {});
  const named = node.examples ? deref(doc, Object.values<any>(node.examples)[0])?.value : undefined;
  const value = node.example ?? named ?? schema.example ?? schema.examples?.[0] ?? schema.default ?? schema.enum?.[0];
  if (value === undefined) throw new Error(`the spec gives no example for ${what}`);
  return value;
}

/** The operation's example request: path parameters, required query, header parameters, body. */
function exampleRequest(route: Route, authorization: string | undefined): Request {
  const operation = doc.paths[route.template][route.method];
  const parameters = [...(doc.paths[route.template].parameters ?? []), ...(operation.parameters ?? [])].map((p: unknown) => deref(doc, p));
  const path = route.template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(exampleOf(parameters.find((p: any) => p.in === 'path' && p.name === name), `${route.operationId} ${name}`))));
  const query = new URLSearchParams();
  const headers: Record<string, string> = authorization ? { authorization } : {};
  for (const p of parameters) {
    if (p.in === 'query' && p.required) query.set(p.name, String(exampleOf(p, `${route.operationId} ${p.name}`)));
    if (p.in === 'header') headers[p.name] = String(exampleOf(p, `${route.operationId} ${p.name}`));
  }
  let body: string | undefined;
  const media = deref(doc, operation.requestBody)?.content?.['application/json'];
  if (media && deref(doc, operation.requestBody).required) {
    body = JSON.stringify(exampleOf(media, `${route.operationId} body`));
    headers['content-type'] = 'application/json';
  }
  return new Request(`http://127.0.0.1:9${path}${query.size > 0 ? `?${query}` : ''}`, { method: route.method.toUpperCase(), headers, body });
}

async function call(route: Route, authorization: string | undefined) {
  const response = await handle(exampleRequest(route, authorization));
  const json = (await response.json()) as { code?: string; operationId?: string; detail?: string };
  return { status: response.status, code: response.status === 200 ? json.operationId : json.code, detail: json.detail, challenge: response.headers.get('www-authenticate') };
}

const bearer = (credential: string) => `Bearer ${credential}`;
const basic = (appId: string, appSecret: string) => `Basic ${btoa(`${appId}:${appSecret}`)}`;
const SAMPLE_APP = basic(C.app.appId, C.app.appSecret);

type Row = [label: string, authorization: (route: Route) => string | undefined, status: number, code: (route: Route) => string];
const is = (code: string) => () => code;
const allowed = (route: Route) => route.operationId;

const SERVER_ROWS: Row[] = [
  ['Org-API-Key', () => bearer(C.fullAccessKey), 200, allowed],
  ['API key with its scope', (r) => bearer(withScope[r.apiKeyScopes![0]]), 200, allowed],
  ['API key without it', (r) => bearer(withoutScope[r.apiKeyScopes![0]]), 403, is('insufficient_scope')],
  ['App Secret as bearer', () => bearer(C.app.appSecret), 403, is('app_secret_not_allowed')],
  ['member token', () => bearer(C.memberToken), 403, is('member_token_not_allowed')],
  ['live Org-API-Key (expys_live_)', () => bearer(C.liveKey), 401, is('environment_mismatch')],
  ['live API key (prod_sk_)', () => bearer(C.liveApiKey), 401, is('environment_mismatch')],
  ['expired API key', () => bearer(C.expiredApiKey), 401, is('api_key_expired')],
  ['revoked API key', () => bearer(C.revokedApiKey), 401, is('invalid_api_key')],
  ['revoked Org-API-Key', () => bearer(C.revokedKey), 401, is('invalid_api_key')],
  ['Basic sample App ID:App Secret', () => SAMPLE_APP, 401, is('unauthenticated')],
  ['no credential', () => undefined, 401, is('unauthenticated')],
];

const APP_ROWS: Row[] = [
  ['Basic sample App ID:App Secret', () => SAMPLE_APP, 200, allowed],
  ['Basic with a wrong App Secret', () => basic(C.app.appId, otherSecret), 401, is('invalid_app_credentials')],
  ['Basic with an unknown App ID', () => basic('app_SomeOtherApp0000', C.app.appSecret), 401, is('invalid_app_credentials')],
  ['Basic with a mistyped App Secret (checksum)', () => basic(C.app.appId, `${C.app.appSecret.slice(0, -1)}X`), 401, is('invalid_app_credentials')],
  ['Org-API-Key bearer', () => bearer(C.fullAccessKey), 403, is('app_credentials_required')],
  ['API key bearer', () => bearer(C.apiKeys.loyaltyJob.key), 403, is('app_credentials_required')],
  ['App Secret as bearer', () => bearer(C.app.appSecret), 403, is('app_credentials_required')],
  ['member token', () => bearer(C.memberToken), 403, is('member_token_not_allowed')],
  ['live API key (identity first)', () => bearer(C.liveApiKey), 401, is('environment_mismatch')],
  ['no credential', () => undefined, 401, is('unauthenticated')],
];

const MEMBER_ROWS: Row[] = [
  ['member token', () => bearer(C.memberToken), 200, allowed],
  ['Org-API-Key', () => bearer(C.fullAccessKey), 403, is('org_api_key_not_allowed')],
  ['API key', () => bearer(C.apiKeys.membersReader.key), 403, is('api_key_not_allowed')],
  ['App Secret as bearer', () => bearer(C.app.appSecret), 403, is('app_secret_not_allowed')],
  ['Basic sample App ID:App Secret', () => SAMPLE_APP, 401, is('unauthenticated')],
  ['live member token', () => bearer(C.liveMemberToken), 401, is('environment_mismatch')],
  ['expired API key (identity first)', () => bearer(C.expiredApiKey), 401, is('api_key_expired')],
];

function table(ops: Route[], rows: Row[]) {
  const cases = ops.flatMap((route) => rows.map(([label, authorization, status, code]) => ({ name: `${route.operationId} × ${label}`, route, authorization, status, code })));
  it.each(cases)('$name', async ({ route, authorization, status, code }) => {
    const answer = await call(route, authorization(route));
    expect([answer.status, answer.code], answer.detail).toEqual([status, code(route)]);
  });
}

describe('the bundle the table is derived from', () => {
  it('has bearer server operations that each name one API-key scope, application operations, member operations', () => {
    expect(serverOps.length).toBeGreaterThanOrEqual(11);
    expect(appOps.map((r) => r.operationId).sort()).toEqual(['createApiKey', 'getApiKey', 'getApp', 'listApiKeys', 'revokeApiKey', 'rotateAppSecret']);
    expect(appOps.every((r) => r.mode === 'server' && r.apiKeyScopes === undefined)).toBe(true);
    for (const route of serverOps) expect(route.apiKeyScopes, route.operationId).toHaveLength(1);
    expect(memberOps.length).toBeGreaterThan(0);
  });

  it('API_KEY_SCOPES is the spec\'s ApiKeyScope enum', () => {
    expect([...API_KEY_SCOPES].sort()).toEqual([...doc.components.schemas.ApiKeyScope.enum].sort());
  });
});

describe('every bearer server operation × credential', () => table(serverOps, SERVER_ROWS));
describe('every application operation × credential', () => table(appOps, APP_ROWS));
describe('every member operation × credential', () => table(memberOps, MEMBER_ROWS));

describe('the details say what to do', () => {
  const [getMember] = serverOps.filter((r) => r.operationId === 'getMember');
  const [getApp] = appOps.filter((r) => r.operationId === 'getApp');

  it('insufficient_scope names the scope needed and the key\'s scopes', async () => {
    const answer = await call(getMember, bearer(C.apiKeys.tokenMinter.key));
    expect(answer.detail).toContain('needs the member_read scope');
    expect(answer.detail).toContain('the API key has token_write');
  });

  it('application operations challenge with Basic; bearer operations with Bearer', async () => {
    expect((await call(getApp, undefined)).challenge).toMatch(/^Basic realm="/);
    expect((await call(getApp, undefined)).detail).toContain('Authorization: Basic base64(<App ID>:<App Secret>)');
    expect((await call(getMember, SAMPLE_APP)).challenge).toBe('Bearer');
    expect((await call(getMember, SAMPLE_APP)).detail).toContain('takes a bearer credential');
  });

  it('a member operation called with no credential is told about the member token only, as the member bundle says', async () => {
    const [getWallet] = memberOps.filter((r) => r.operationId === 'getWallet');
    const member = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@expys/openapi/member.json'), 'utf8'));
    const documented = member.components.responses.Unauthorized.content['application/problem+json'].examples.missingToken.value;
    expect(documented.code).toBe('unauthenticated');
    expect((await call(getWallet, undefined)).detail).toBe(documented.detail);
    expect(documented.detail).toContain('Bearer <member token>');
    expect(documented.detail).not.toMatch(/API key|App ID|App Secret/i);
    // A server operation keeps the spec's words, which name every credential of the backend.
    expect((await call(getMember, undefined)).detail).toContain('Org-API-Key');
  });

  it('app_credentials_required and api_key_expired tell the fix', async () => {
    expect((await call(getApp, bearer(C.fullAccessKey))).detail).toContain('Authorization: Basic');
    expect((await call(getMember, bearer(C.expiredApiKey))).detail).toContain(C.expiredApiKeyExpiresAt);
  });

  it('the mock\'s samples: any other well-formed test_sk_ key has every scope; the sample scoped keys only theirs', async () => {
    const samples = createFetchHandler({ doc, authenticate: knownCredentials(KNOWN_SAMPLES), access: { productionUrl: 'https://api.expys.com' }, rateLimit: false, handler: async () => ({ status: 200, body: {} }) });
    const status = async (route: Route, authorization: string) => (await samples(exampleRequest(route, authorization))).status;
    for (const route of serverOps) expect(await status(route, bearer(mint())), route.operationId).toBe(200);
    const byId = Object.fromEntries(serverOps.map((r) => [r.operationId, r]));
    expect(await status(byId.exchangeToken, bearer(C.apiKeys.tokenMinter.key))).toBe(200);
    expect(await status(byId.getMember, bearer(C.apiKeys.tokenMinter.key))).toBe(403);
    expect(await status(byId.creditPoints, bearer(C.apiKeys.loyaltyJob.key))).toBe(200);
    expect(await status(byId.analyticsSummary, bearer(C.apiKeys.loyaltyJob.key))).toBe(403);
  });
});

describe('rate-limit key', () => {
  it('Basic credentials count against the App ID; bearer spellings are one credential', () => {
    expect(rateKey({ kind: 'app-credentials', appId: C.app.appId, valid: true }, SAMPLE_APP)).toBe(`app-credentials:${C.app.appId}`);
    const key = { kind: 'api-key', environment: 'sandbox', scopes: [], revoked: false } as const;
    expect(rateKey(key, `bearer  ${C.apiKeys.loyaltyJob.key}\t`)).toBe(rateKey(key, `Bearer ${C.apiKeys.loyaltyJob.key}`));
  });
});

describe('knownCredentials with only the required fields (revoked keys, expired tokens)', () => {
  const bare = knownCredentials({ revokedKeys: [], expiredTokens: {} });
  it('knows no API key scope and no application: fail closed', () => {
    expect(bare(bearer(C.apiKeys.loyaltyJob.key))).toEqual({ kind: 'api-key', environment: 'sandbox', scopes: [], revoked: false });
    expect(bare(SAMPLE_APP)).toEqual({ kind: 'app-credentials', appId: C.app.appId, valid: false });
    expect(bare(bearer(C.fullAccessKey))).toEqual({ kind: 'org-api-key', environment: 'sandbox', revoked: false });
  });
});

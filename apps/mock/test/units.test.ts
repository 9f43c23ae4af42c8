// The pieces of the boundary on their own: credential formats, the spec → route matcher, the
// problem catalog and the origin check.
import { APP_ID_PATTERN, credentialFromEntropy, mintAppId, mintCredential, verifyCredential } from '@expys/credentials';
import { describe, expect, it } from 'vitest';
import { BOUNDARY_CODES, buildRoutes, checkAccess, CREDENTIAL_FORMATS, isLocalOrigin, KNOWN_SAMPLES, knownCredentials, matchRoute, methodsForPath, problemCatalog, SAMPLE_CREDENTIALS as C } from '@expys/gateway';
import { loadBundle } from '@expys/gateway-fastify';
import { DEFAULT_SPEC_CONFIG, fullBundleOf } from '../src/bundle.js';
import { defaultBundleFile } from '../src/mock.js';

/** How the mock reads a bearer credential: its format, and the samples' fixed meanings. */
const classifyCredential = knownCredentials(KNOWN_SAMPLES);
import { operationsOf } from './support/contract.js';

const doc = loadBundle(defaultBundleFile());
const routes = buildRoutes(doc);

describe('sample credentials', () => {
  const keys: [string, 'org-api-key' | 'api-key' | 'member-token'][] = [
    [C.fullAccessKey, 'org-api-key'],
    [C.revokedKey, 'org-api-key'],
    [C.memberToken, 'member-token'],
    [C.expiredMemberToken, 'member-token'],
    [C.expiredApiKey, 'api-key'],
    [C.revokedApiKey, 'api-key'],
    ...Object.values(C.apiKeys).map((k): [string, 'api-key'] => [k.key, 'api-key']),
  ];
  const sandbox = keys.map(([key]) => key);

  it.each(keys)('%s is a well-formed sandbox %s', (credential, kind) => {
    const { sandbox: prefix, length } = CREDENTIAL_FORMATS[kind];
    expect(credential).toMatch(new RegExp(`^${prefix}[A-Za-z0-9]{${length}}$`));
    expect(classifyCredential(`Bearer ${credential}`)).toMatchObject({ kind, environment: 'sandbox' });
  });

  it.each([...sandbox, C.liveKey, C.liveApiKey, C.liveMemberToken, C.app.appSecret])('%s carries a valid checksum', (credential) => {
    expect(verifyCredential(credential)).toMatchObject({ wellFormed: true, checksumValid: true });
  });

  it('live samples are well-formed production credentials', () => {
    expect(classifyCredential(`Bearer ${C.liveKey}`)).toMatchObject({ kind: 'org-api-key', environment: 'production' });
    expect(classifyCredential(`Bearer ${C.liveApiKey}`)).toMatchObject({ kind: 'api-key', environment: 'production' });
    expect(classifyCredential(`Bearer ${C.liveMemberToken}`)).toMatchObject({ kind: 'member-token', environment: 'production' });
  });

  it('the sample application: an App ID (public, app_ + 16) and its App Secret', () => {
    expect(C.app.appId).toMatch(APP_ID_PATTERN);
    expect(classifyCredential(`Basic ${btoa(`${C.app.appId}:${C.app.appSecret}`)}`)).toEqual({ kind: 'app-credentials', appId: C.app.appId, valid: true });
    expect(classifyCredential(`Bearer ${C.app.appSecret}`)).toEqual({ kind: 'app-secret', appId: C.app.appId });
  });

  it('API keys only name scopes the spec has, and each server operation names one', () => {
    const specScopes = new Set(doc.components.schemas.ApiKeyScope.enum);
    for (const { scopes } of Object.values(C.apiKeys)) for (const scope of scopes) expect(specScopes).toContain(scope);
    for (const route of routes.filter((r) => r.mode === 'server' && !r.application)) for (const scope of route.apiKeyScopes ?? []) expect(specScopes).toContain(scope);
  });

  it('are all different', () => {
    expect(new Set(sandbox).size).toBe(sandbox.length);
  });
});

describe('classifyCredential', () => {
  it.each([
    [undefined, 'missing'],
    ['', 'missing'],
    ['Bearer', 'malformed'],
    ['Bearer ', 'malformed'],
    ['Basic dXNlcjpwYXNz', 'malformed'],
    [`Token ${C.memberToken}`, 'malformed'],
    [`Bearer ${C.memberToken}x`, 'malformed'],
    [`Bearer ${C.fullAccessKey.replace(/.$/, '-')}`, 'malformed'],
    [`Bearer ${C.fullAccessKey.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'))}`, 'malformed'],
    ['Bearer sk_test_123', 'malformed'],
    [`bearer ${C.memberToken}`, 'member-token'],
    [`Bearer ${C.fullAccessKey}`, 'org-api-key'],
    [`Bearer ${C.apiKeys.loyaltyJob.key}`, 'api-key'],
    [`Bearer ${C.app.appSecret}`, 'app-secret'],
    [`basic ${btoa(`${C.app.appId}:${C.app.appSecret}`)}`, 'app-credentials'],
  ])('%j is %s', (header, kind) => {
    expect(classifyCredential(header).kind).toBe(kind);
  });

  it('knows the scoped, revoked and expired samples; any other test key has full access, any other API key every scope', () => {
    expect(classifyCredential(`Bearer ${C.apiKeys.membersReader.key}`)).toMatchObject({ kind: 'api-key', scopes: ['member_read'] });
    expect(classifyCredential(`Bearer ${C.revokedKey}`)).toMatchObject({ revoked: true });
    expect(classifyCredential(`Bearer ${C.revokedApiKey}`)).toMatchObject({ kind: 'api-key', revoked: true });
    expect(classifyCredential(`Bearer ${C.expiredApiKey}`)).toMatchObject({ kind: 'api-key', expiredAt: C.expiredApiKeyExpiresAt });
    expect(classifyCredential(`Bearer ${C.expiredMemberToken}`)).toMatchObject({ expiredAt: C.expiredMemberTokenExpiresAt });
    expect(classifyCredential(`Bearer ${mintCredential('org-api-key', 'sandbox')}`)).toEqual({ kind: 'org-api-key', environment: 'sandbox', revoked: false });
    expect(classifyCredential(`Bearer ${mintCredential('api-key', 'sandbox')}`)).toMatchObject({ kind: 'api-key', scopes: doc.components.schemas.ApiKeyScope.enum, revoked: false });
  });

  it('accepts Basic only for the sample App ID with its App Secret', () => {
    const basic = (id: string, secret: string) => classifyCredential(`Basic ${btoa(`${id}:${secret}`)}`);
    expect(basic(C.app.appId, mintCredential('app-secret', 'sandbox'))).toMatchObject({ kind: 'app-credentials', valid: false });
    expect(basic(mintAppId(), C.app.appSecret)).toMatchObject({ kind: 'app-credentials', valid: false });
    expect(basic(C.app.appId, `${C.app.appSecret}x`)).toMatchObject({ kind: 'malformed', scheme: 'basic' });
  });
});

describe('the checksum', () => {
  it.each([
    ['a one-character typo', `${C.memberToken.slice(0, 20)}${C.memberToken[20] === 'x' ? 'y' : 'x'}${C.memberToken.slice(21)}`],
    ['the old format without a checksum', `expys_test_${'q'.repeat(32)}`],
    ['a test key edited into a live one', C.fullAccessKey.replace('expys_test_', 'expys_live_')],
    ['a live token edited into a test one', C.liveMemberToken.replace('mt_live_', 'mt_test_')],
  ])('makes %s malformed, saying the checksum does not match', (_, credential) => {
    const result = classifyCredential(`Bearer ${credential}`);
    expect(result).toMatchObject({ kind: 'malformed' });
    expect(result.kind === 'malformed' && result.reason).toMatch(/checksum of this (expys|mt)_(test|live)_… credential does not match/);
  });

  it('accepts any credential with a valid checksum, readable fixtures included', () => {
    const token = credentialFromEntropy('member-token', 'sandbox', 'AnyOtherMemberToken000000000000000');
    expect(classifyCredential(`Bearer ${token}`)).toMatchObject({ kind: 'member-token', environment: 'sandbox' });
  });
});

describe('routes from the bundle', () => {
  it('hold every operation under paths, with its mode, scopes, API-key scopes and whether it takes application credentials', () => {
    const byId = Object.fromEntries(routes.map((r) => [r.operationId, r]));
    for (const op of operationsOf(doc)) {
      expect(byId[op.id]).toMatchObject({ mode: op.mode, scopes: op.scopes, method: op.method.toLowerCase(), template: op.template, application: op.application });
      expect(byId[op.id].apiKeyScopes, op.id).toEqual(op.apiKeyScopes);
    }
    expect(routes).toHaveLength(operationsOf(doc).length);
  });

  it.each([
    ['GET', '/v1/offers', 'listOffers'],
    ['GET', '/v1/offers/off_123', 'getOffer'],
    ['GET', '/v1/offers/off_123/eligibility', 'checkEligibility'],
    ['PUT', '/v1/members/user_123', 'setMember'],
    ['delete', '/v1/members/user%2F123', 'removeMember'],
    ['GET', '/v1/offers/', 'getOffer'], // an empty id still addresses getOffer, so its credential is checked
    ['GET', '/v1/offers/off_1/eligibility/x', undefined],
    ['PATCH', '/v1/offers', undefined],
    ['POST', '/v1/members/user_123', undefined],
  ])('%s %s → %s', (method, path, operationId) => {
    expect(matchRoute(routes, method, path)?.operationId).toBe(operationId);
  });

  it('prefers a literal path over a template that also matches', () => {
    const op = (id: string) => ({ operationId: id, 'x-expys-mode': 'member', security: [{ memberToken: [] }], responses: {} });
    const synthetic = buildRoutes({ paths: { '/a/{id}': { get: op('byId') }, '/a/me': { get: op('me') } } });
    expect(matchRoute(synthetic, 'GET', '/a/me')?.operationId).toBe('me');
    expect(matchRoute(synthetic, 'GET', '/a/42')?.operationId).toBe('byId');
  });

  it('finds, through its segment index, the route and methods a scan of every template finds', () => {
    const op = (id: string) => ({ operationId: id, 'x-expys-mode': 'member', security: [{ memberToken: [] }], responses: {} });
    const synthetic = buildRoutes({
      paths: {
        '/a/{id}': { get: op('byId'), put: op('putById') },
        '/a/me': { get: op('me') },
        '/a/{id}.json': { get: op('json') },
        '/a/{id}/b/{x}': { get: op('deep') },
        '/a/me/b/c': { delete: op('literal') },
        '/': { get: op('root') },
        '/a/': { get: op('slash') },
      },
    });
    const paths = ['/', '/a', '/a/', '/a/me', '/a/42', '/a/42.json', '/a/.json', '/a/me/b/c', '/a/me/b/', '/a/x/b/c', '/a/x/b/c/d', '//', 'a/me', '/b/me'];
    for (const list of [synthetic, routes]) {
      for (const path of [...paths, '/v1/offers/', '/v1/offers/o/eligibility', '/v1/members/u', '/v1/webhooks/w']) {
        for (const method of ['get', 'put', 'delete', 'post']) {
          const scanned = list.find((route) => route.method === method && route.pattern.test(path));
          expect(matchRoute(list, method, path), `${method} ${path}`).toBe(scanned);
        }
        const scannedMethods = [...new Set(list.filter((route) => route.pattern.test(path)).map((route) => route.method.toUpperCase()))];
        expect(methodsForPath(list, path), path).toEqual(scannedMethods);
      }
    }
  });

  it('refuses an operation without a valid mode instead of serving it unguarded', () => {
    expect(() => buildRoutes({ paths: { '/x': { get: { operationId: 'x', 'x-expys-mode': 'Member' } } } })).toThrow(/x-expys-mode "Member"/);
  });
});

describe('problems', () => {
  const catalog = problemCatalog(doc);

  it('take type, title and status from the examples the bundle documents', () => {
    for (const code of BOUNDARY_CODES) {
      const problem = catalog.create(code);
      expect(problem.type).toBe(`https://docs.expys.com/errors/${code}`);
      expect(problem.code).toBe(code);
      expect(problem.requestId).toMatch(/^req_[A-Za-z0-9]{16}$/);
    }
    expect(catalog.documented.insufficient_scope.status).toBe(403);
    expect(catalog.documented.environment_mismatch.status).toBe(401);
  });

  it('refuse a bundle that does not document a code the boundary answers with', () => {
    const stripped = structuredClone(doc);
    delete stripped.components.responses.ServerForbidden.content['application/problem+json'].examples.missingScope;
    expect(() => problemCatalog(stripped)).toThrow(/insufficient_scope/);
  });
});

describe('access decisions', () => {
  const route = (id: string) => routes.find((r) => r.operationId === id)!;
  const context = { productionUrl: 'https://api.expys.com' };
  const decide = (id: string, credential: string) => checkAccess(route(id), classifyCredential(`Bearer ${credential}`), context);

  it('authenticates before it authorizes', () => {
    expect(decide('getMember', C.expiredMemberToken)?.code).toBe('token_expired');
    expect(decide('listOffers', C.liveKey)?.code).toBe('environment_mismatch');
    expect(decide('listApiKeys', C.expiredApiKey)?.code).toBe('api_key_expired');
  });

  it('names the missing scope and the production URL from the spec', () => {
    expect(decide('analyticsSummary', C.apiKeys.loyaltyJob.key)?.detail).toContain('needs the analytics_read scope');
    expect(decide('analyticsSummary', C.liveKey)?.detail).toContain('https://api.expys.com');
  });

  it('lets an API key call what its scopes cover, and the Org-API-Key everything but member and application operations', () => {
    expect(decide('creditPoints', C.apiKeys.loyaltyJob.key)).toBeUndefined();
    expect(decide('exchangeToken', C.apiKeys.tokenMinter.key)).toBeUndefined();
    expect(decide('analyticsSummary', C.fullAccessKey)).toBeUndefined();
    expect(decide('getApp', C.fullAccessKey)?.code).toBe('app_credentials_required');
    expect(decide('getWallet', C.apiKeys.membersReader.key)?.code).toBe('api_key_not_allowed');
  });
});

describe('isLocalOrigin', () => {
  it.each([
    ['http://localhost:3000', true],
    ['http://localhost', true],
    ['https://127.0.0.1:8443', true],
    ['http://[::1]:5173', true],
    ['http://localhost.example.com', false],
    ['http://127.0.0.2:3000', false],
    ['file://localhost', false],
    ['null', false],
    [undefined, false],
  ])('%s → %s', (origin, local) => {
    expect(isLocalOrigin(origin)).toBe(local);
  });
});

describe('the CLI without --spec-config', () => {
  it("rebuilds and serves the repository's own full bundle, the one @expys/openapi exports", () => {
    expect(fullBundleOf(DEFAULT_SPEC_CONFIG)).toBe(defaultBundleFile());
  });
});

// The credential boundary, as a generated matrix: every server operation × every wrong
// credential, every member operation × every wrong credential. On the wire, the target answers
// the documented status and problem code; through the clients, the guard fires first and not a
// single request is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractChecker } from '../src/checker.js';
import { member, server } from '../src/clients.js';
import { exampleRequest, requestUrl } from '../src/requests.js';
import { documentedCodes, loadFullBundle, operationsOf, type Operation } from '../src/spec.js';
import { resolveTarget, type Credentials, type Target } from '../src/target.js';
import { assertNoViolations, checkedFetch } from '../src/traffic.js';
import { WRONG_APP_SECRET } from '../src/credentials-table.js';

const doc = loadFullBundle();
const operations = operationsOf(doc);
const checker = new ContractChecker(doc);
const traffic = checkedFetch(doc, checker, { via: 'boundary' });

let target: Target;
beforeAll(async () => {
  target = await resolveTarget();
});
afterAll(() => target?.stop());

interface WrongCredential {
  name: string;
  /** The Authorization header value, or undefined for none. */
  authorization(c: Credentials): string | undefined;
  status: number;
  code: string;
  /** Whether this case applies (a restricted key only matters for scopes it lacks). */
  applies?(op: Operation, c: Credentials): boolean;
  /** The client-side guard can catch it (a key's scopes are only known to the API). */
  clientCatches: boolean;
}

/** `Bearer <credential>`, for a credential every target has. */
const bearer = (credential: (c: Credentials) => string) => ({ authorization: (c: Credentials) => `Bearer ${credential(c)}` });

/** `Bearer <credential>` for a credential a target may not have: the case applies where it has one. */
const bearerIfHeld = (credential: (c: Credentials) => string | undefined) => ({
  authorization: (c: Credentials) => {
    const value = credential(c);
    return value ? `Bearer ${value}` : undefined;
  },
  applies: (_op: Operation, c: Credentials) => !!credential(c),
});

// Refused alike by the server and the member operations.
const noToken: WrongCredential = { name: 'no token', authorization: () => undefined, status: 401, code: 'unauthenticated', clientCatches: true };
const appSecretAsBearer: WrongCredential = { name: 'the App Secret as a bearer', ...bearerIfHeld((c) => c.app?.appSecret), status: 403, code: 'app_secret_not_allowed', clientCatches: true };

const serverCases: WrongCredential[] = [
  { name: 'a member token', ...bearer((c) => c.memberToken), status: 403, code: 'member_token_not_allowed', clientCatches: true },
  noToken,
  { name: 'a malformed token', authorization: () => 'Bearer not-a-real-credential', status: 401, code: 'unauthenticated', clientCatches: true },
  {
    name: 'a key lacking the scope',
    ...bearerIfHeld((c) => c.restrictedKey),
    applies: (op, c) => !!c.restrictedKey && !!op.scope && !c.restrictedScopes?.includes(op.scope),
    status: 403,
    code: 'insufficient_scope',
    clientCatches: false,
  },
  { name: 'a key for the other environment', ...bearerIfHeld((c) => c.wrongEnvironmentKey), status: 401, code: 'environment_mismatch', clientCatches: true },
  appSecretAsBearer,
  { name: 'an expired API key', ...bearerIfHeld((c) => c.expiredApiKey), status: 401, code: 'api_key_expired', clientCatches: false },
];

const memberCases: WrongCredential[] = [
  { name: 'the Org-API-Key', ...bearer((c) => c.orgApiKey), status: 403, code: 'org_api_key_not_allowed', clientCatches: true },
  { name: 'an API key', ...bearerIfHeld((c) => c.jobKey), status: 403, code: 'api_key_not_allowed', clientCatches: true },
  appSecretAsBearer,
  noToken,
];

// The application's own operations take HTTP Basic (App ID + App Secret) and nothing else. The
// server client sends its `app` credentials there whatever its token is, so the API's refusal is
// what these check.
const applicationCases: WrongCredential[] = [
  { name: 'the Org-API-Key', ...bearer((c) => c.orgApiKey), status: 403, code: 'app_credentials_required', clientCatches: false },
  { name: 'an API key', ...bearerIfHeld((c) => c.jobKey), status: 403, code: 'app_credentials_required', clientCatches: false },
  { name: 'a member token', ...bearer((c) => c.memberToken), status: 403, code: 'member_token_not_allowed', clientCatches: false },
  { name: 'no credential', authorization: () => undefined, status: 401, code: 'unauthenticated', clientCatches: false },
  {
    name: 'the App ID with a wrong App Secret',
    authorization: (c) => (c.app ? `Basic ${btoa(`${c.app.appId}:${WRONG_APP_SECRET}`)}` : undefined),
    status: 401,
    code: 'invalid_app_credentials',
    applies: (_op, c) => !!c.app,
    clientCatches: false,
  },
];

const casesFor = (op: Operation) => (op.application ? applicationCases : op.mode === 'server' ? serverCases : memberCases);
const matrix = operations.flatMap((op) => casesFor(op).map((wrong) => ({ op, wrong })));

describe('on the wire: the target answers the documented status and code', () => {
  it.for(matrix.map(({ op, wrong }) => [op.operationId, wrong.name, op, wrong] as const))(
    '%s with %s',
    async ([, , op, wrong], { skip }) => {
      if (wrong.applies && !wrong.applies(op, target.credentials)) skip('no such credential for this target, or the key has the scope');
      const request = exampleRequest(doc, op);
      const authorization = wrong.authorization(target.credentials);
      traffic.take();
      const response = await traffic.fetch(requestUrl(target.url, request), {
        method: op.method,
        headers: {
          ...(authorization ? { authorization } : {}),
          ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: request.body !== undefined ? JSON.stringify(request.body) : undefined,
      });
      const body = await response.json();
      assertNoViolations(traffic.take().violations);
      expect({ status: response.status, code: body.code }).toEqual({ status: wrong.status, code: wrong.code });
      expect(documentedCodes(doc, op, wrong.status)).toContain(wrong.code);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(body.requestId).toMatch(/^req_/);
    },
  );
});

describe('on the wire, with a percent-encoded path: the same check applies', () => {
  // `/v1/points/%63redit` is `/v1/points/credit` to any router: it must not slip past the check.
  const encodeFirstLetter = (path: string) => path.replace(/\/([a-z])([a-z]*)$/, (_, first: string, rest: string) => `/%${first.charCodeAt(0).toString(16)}${rest}`);
  const cases = operations.filter((op) => /\/[a-z]+$/.test(op.path));
  it.each(cases.map((op) => [op.operationId, op] as const))('%s with the wrong credential', async (_id, op) => {
    const request = exampleRequest(doc, op);
    if (op.application) return; // Basic-authenticated: a bearer of either kind is refused alike (the matrix above)
    const credential = op.mode === 'server' ? target.credentials.memberToken : target.credentials.orgApiKey;
    const response = await fetch(requestUrl(target.url, { ...request, urlPath: encodeFirstLetter(request.urlPath) }), {
      method: op.method,
      headers: { authorization: `Bearer ${credential}`, ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: request.body !== undefined ? JSON.stringify(request.body) : undefined,
    });
    const body = await response.json();
    expect({ status: response.status, code: body.code }).toEqual({
      status: 403,
      code: op.mode === 'server' ? 'member_token_not_allowed' : 'org_api_key_not_allowed',
    });
  });
});

describe('through the clients: the guard fires first, zero requests sent', () => {
  const clientMatrix = matrix.filter(({ wrong }) => wrong.clientCatches);

  it.for(clientMatrix.map(({ op, wrong }) => [op.operationId, wrong.name, op, wrong] as const))(
    '%s with %s',
    async ([, , op, wrong], { skip }) => {
      if (wrong.applies && !wrong.applies(op, target.credentials)) skip('no such credential for this target');
      const authorization = wrong.authorization(target.credentials);
      const token = authorization?.replace(/^Bearer /, '') ?? '';
      let requests = 0;
      const countingFetch: typeof fetch = (input, init) => {
        requests++;
        return fetch(input, init);
      };
      const common = { environment: target.environment, baseUrl: target.url, fetch: countingFetch, maxRetries: 0 } as const;
      const args = [...exampleRequest(doc, op).pathValues, exampleRequest(doc, op).body];
      let error: unknown;
      try {
        if (op.mode === 'server') {
          const client = server.initialize({ ...common, token }) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
          await client[op.operationId](...args);
        } else {
          // A token provider, so the guard is checked on the token the app is about to send.
          const client = member.initialize({ ...common, token: async () => token }) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
          await client[op.operationId](...args);
        }
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(member.ExpysConfigError);
      expect(requests).toBe(0);
      // A boolean, so a failure never prints the (possibly real) credential into the CI log.
      expect(Boolean(token) && String((error as Error).message).includes(token), 'the guard error quotes the credential').toBe(false);
    },
  );
});

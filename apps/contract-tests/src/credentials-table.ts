// Who may call what, as one table derived from the spec: every server operation × every kind of
// credential the product has, every application operation × the credentials that may and may
// not manage it. Each row says what the documentation promises (a refusal's status and code, or
// "authorized": any documented status but 401/403). Hosts (the mock, the sandbox, the MSW
// handlers) are run against the same rows, so they answer alike or the test says which differs.
import { credentialFromEntropy } from '@expys/credentials';
import type { Operation } from './spec.js';

/** Well-formed, checksummed, never issued: the App Secret a wrong guess sends. */
export const WRONG_APP_SECRET = credentialFromEntropy('app-secret', 'sandbox', 'NotTheSampleAppSecret00000');

/** What a host hands the table: its credentials of every kind. */
export interface HostCredentials {
  orgApiKey: string;
  /** An API key that has the operation's scope (made per scope through createApiKey). */
  apiKeyWith(scope: string): string;
  /** An API key that lacks the scope. */
  apiKeyWithout(scope: string): string;
  appId: string;
  appSecret: string;
  memberToken: string;
  liveOrgApiKey: string;
  liveApiKey: string;
  expiredApiKey: string;
  revokedApiKey: string;
}

export type Expected = { authorized: true } | { status: number; code: string };

export interface Row {
  credential: string;
  authorization(c: HostCredentials): string | undefined;
  expected: Expected;
}

const bearer = (value: string) => `Bearer ${value}`;
const basic = (appId: string, secret: string) => `Basic ${btoa(`${appId}:${secret}`)}`;

/** The rows for one operation. Refusals first: an authorized call may change state (removeMember). */
export function rowsFor(op: Operation): Row[] {
  if (op.application) {
    return [
      { credential: 'the Org-API-Key', authorization: (c) => bearer(c.orgApiKey), expected: { status: 403, code: 'app_credentials_required' } },
      { credential: 'an API key', authorization: (c) => bearer(c.apiKeyWith('member_read')), expected: { status: 403, code: 'app_credentials_required' } },
      { credential: 'the App Secret as a bearer', authorization: (c) => bearer(c.appSecret), expected: { status: 403, code: 'app_credentials_required' } },
      { credential: 'a member token', authorization: (c) => bearer(c.memberToken), expected: { status: 403, code: 'member_token_not_allowed' } },
      { credential: 'the App ID with a wrong App Secret', authorization: (c) => basic(c.appId, WRONG_APP_SECRET), expected: { status: 401, code: 'invalid_app_credentials' } },
      { credential: 'no credential', authorization: () => undefined, expected: { status: 401, code: 'unauthenticated' } },
      { credential: 'the App ID and App Secret', authorization: (c) => basic(c.appId, c.appSecret), expected: { authorized: true } },
    ];
  }
  if (op.mode !== 'server') throw new Error(`${op.operationId} is not a server operation`);
  const scope = op.scope;
  if (!scope) throw new Error(`${op.operationId}: a server operation without an apiKey scope (lint should have caught it)`);
  return [
    { credential: 'an API key without its scope', authorization: (c) => bearer(c.apiKeyWithout(scope)), expected: { status: 403, code: 'insufficient_scope' } },
    { credential: 'the App Secret as a bearer', authorization: (c) => bearer(c.appSecret), expected: { status: 403, code: 'app_secret_not_allowed' } },
    { credential: 'a member token', authorization: (c) => bearer(c.memberToken), expected: { status: 403, code: 'member_token_not_allowed' } },
    { credential: 'a live Org-API-Key', authorization: (c) => bearer(c.liveOrgApiKey), expected: { status: 401, code: 'environment_mismatch' } },
    { credential: 'a live API key', authorization: (c) => bearer(c.liveApiKey), expected: { status: 401, code: 'environment_mismatch' } },
    { credential: 'an expired API key', authorization: (c) => bearer(c.expiredApiKey), expected: { status: 401, code: 'api_key_expired' } },
    { credential: 'a revoked API key', authorization: (c) => bearer(c.revokedApiKey), expected: { status: 401, code: 'invalid_api_key' } },
    { credential: 'the App ID and App Secret', authorization: (c) => basic(c.appId, c.appSecret), expected: { status: 401, code: 'unauthenticated' } },
    { credential: `an API key with ${scope}`, authorization: (c) => bearer(c.apiKeyWith(scope)), expected: { authorized: true } },
    { credential: 'the Org-API-Key', authorization: (c) => bearer(c.orgApiKey), expected: { authorized: true } },
  ];
}

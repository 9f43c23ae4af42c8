// The mock's credential rules (apps/mock/src/gateway/credentials.ts and access.ts), ported: the
// gateway's module graph pulls in Fastify and node:crypto, and these handlers run in jsdom and
// browsers too. test/access-parity.test.ts checks every decision against the mock's own.
import type { CredentialTable, OperationSpec } from './table.js';

export type Environment = 'sandbox' | 'production';

export type Credential =
  | { kind: 'missing' }
  | { kind: 'malformed'; reason: string }
  | { kind: 'apiKey' | 'memberToken'; environment: Environment; value: string };

export interface Denial {
  code: string;
  /** Undefined keeps the spec's documented detail. */
  detail?: string;
}

const BASE62 = /^[A-Za-z0-9]+$/;

/** The credential an `Authorization` header carries, by format alone (as the mock's readBearer). */
export function readCredential(authorization: string | null, credentials: CredentialTable): Credential {
  if (authorization === null || authorization.trim() === '') return { kind: 'missing' };
  const match = /^Bearer +(\S+)\s*$/i.exec(authorization);
  if (!match) return { kind: 'malformed', reason: 'the Authorization header is not "Bearer <credential>"' };
  const value = match[1];
  for (const kind of ['apiKey', 'memberToken'] as const) {
    const format = credentials.formats[kind];
    for (const environment of ['sandbox', 'production'] as const) {
      if (!value.startsWith(format[environment])) continue;
      const body = value.slice(format[environment].length);
      if (body.length !== format.length || !BASE62.test(body)) {
        return { kind: 'malformed', reason: `${format[environment]}… must be followed by exactly ${format.length} letters or digits` };
      }
      return { kind, environment, value };
    }
  }
  return { kind: 'malformed', reason: 'the bearer is neither an Org-API-Key (expys_test_…) nor a member token (mt_test_…)' };
}

/** 401s first (who you are), then 403s (what this credential may call), in the mock's order. */
export function checkAccess(
  operation: OperationSpec<string>,
  credential: Credential,
  credentials: CredentialTable,
  environment: Environment,
): Denial | undefined {
  if (operation.isPublic) return undefined;
  if (credential.kind === 'missing') return { code: 'unauthenticated' };
  if (credential.kind === 'malformed') return { code: 'unauthenticated', detail: `The bearer credential is malformed: ${credential.reason}.` };
  if (credential.environment !== environment) {
    return {
      code: 'environment_mismatch',
      detail: `A ${credential.environment} credential was sent to the ${environment} API. Use sandbox credentials (expys_test_…, mt_test_…) with the sandbox and live ones only with production.`,
    };
  }
  if (credential.kind === 'apiKey' && credentials.revokedKeys.includes(credential.value)) return { code: 'invalid_api_key' };
  const expiredAt = credential.kind === 'memberToken' ? credentials.expiredTokens[credential.value] : undefined;
  if (expiredAt) {
    return { code: 'token_expired', detail: `The member token expired at ${expiredAt}. Ask your backend for a new one and retry the request.` };
  }
  return checkAuthority(operation, credential, credentials);
}

function checkAuthority(operation: OperationSpec<string>, credential: Credential & { kind: 'apiKey' | 'memberToken' }, credentials: CredentialTable): Denial | undefined {
  if (operation.mode === 'server' && credential.kind === 'memberToken') {
    return {
      code: 'member_token_not_allowed',
      detail: `A member token can never call a server operation (${operation.operationId}). Call it from your backend with the Org-API-Key.`,
    };
  }
  if (operation.mode === 'member' && credential.kind === 'apiKey') {
    return {
      code: 'org_api_key_not_allowed',
      detail: `The Org-API-Key must never be used from an app, and ${operation.operationId} is a member operation. Mint a member token on your backend and send that instead.`,
    };
  }
  const granted = credential.kind === 'apiKey' ? credentials.restrictedKeys[credential.value] : undefined;
  const needed = granted && operation.scopes.find((scope) => !granted.includes(scope));
  if (needed) {
    return { code: 'insufficient_scope', detail: `This operation needs the ${needed} scope; the key has ${granted.join(', ')}. Use a key that includes ${needed}.` };
  }
  return undefined;
}

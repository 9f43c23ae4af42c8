// The mock's credential rules (apps/mock/src/gateway/credentials.ts and access.ts), ported: the
// gateway's module graph pulls in Fastify and node:crypto, and these handlers run in jsdom and
// browsers too. test/access-parity.test.ts checks every decision against the mock's own. The
// bearer parser is not ported: both read the header with @expys/credentials' readBearer.
import { readBearer } from '@expys/credentials';
import type { CredentialTable, OperationSpec } from './table.js';

export type Environment = 'sandbox' | 'production';

export type Credential =
  | { kind: 'missing' }
  | { kind: 'malformed'; reason: string }
  | { kind: 'apiKey' | 'memberToken'; environment: Environment; value: string };

/** Where the handlers stand in: the sandbox, or production when baseUrl is the production URL. */
export interface AccessContext {
  environment: Environment;
  /** The bundle's production URL, named in environment_mismatch. */
  productionUrl: string;
}

export interface Denial {
  code: string;
  /** Undefined keeps the spec's documented detail. */
  detail?: string;
}

// The handlers' names for the kinds (the table's), from @expys/credentials' ones.
const KIND = { 'org-api-key': 'apiKey', 'member-token': 'memberToken' } as const;

/**
 * The credential an `Authorization` header carries, by format alone: @expys/credentials'
 * readBearer, which the mock's gateway reads with too, so both refuse in the same words. The
 * table is not read: its formats are generated from that package's, so they cannot differ.
 */
export function readCredential(authorization: string | null): Credential {
  const bearer = readBearer(authorization);
  return bearer.kind === 'missing' || bearer.kind === 'malformed' ? bearer : { kind: KIND[bearer.kind], environment: bearer.environment, value: bearer.value };
}

/** 401s first (who you are), then 403s (what this credential may call), in the mock's order. */
export function checkAccess(
  operation: OperationSpec<string>,
  credential: Credential,
  credentials: CredentialTable,
  context: AccessContext,
): Denial | undefined {
  if (operation.isPublic) return undefined;
  const denial = checkIdentity(credential, credentials, context);
  if (denial || credential.kind === 'missing' || credential.kind === 'malformed') return denial;
  return checkAuthority(operation, credential, credentials);
}

/** The 401s alone (who you are): all the mock checks for a request it cannot route. */
export function checkIdentity(credential: Credential, credentials: CredentialTable, { environment, productionUrl }: AccessContext): Denial | undefined {
  if (credential.kind === 'missing') return { code: 'unauthenticated' };
  const { apiKey: KEY, memberToken: TOKEN } = credentials.formats;
  if (credential.kind === 'malformed') {
    return {
      code: 'unauthenticated',
      detail:
        `The bearer credential is malformed: ${credential.reason}. Send Authorization: Bearer <member token> ` +
        `(${TOKEN.sandbox} + ${TOKEN.length} letters or digits, the last 6 a checksum) from the app, or Bearer <Org-API-Key> ` +
        `(${KEY.sandbox} + ${KEY.length}) from your backend.`,
    };
  }
  if (credential.environment !== environment) {
    const format = credential.kind === 'apiKey' ? KEY : TOKEN;
    const what = credential.kind === 'apiKey' ? 'key' : 'member token';
    const [sent, wanted] = environment === 'sandbox' ? [format.production, format.sandbox] : [format.sandbox, format.production];
    return {
      code: 'environment_mismatch',
      // The mock's words for a live credential; these handlers also stand in for production (baseUrl).
      detail:
        environment === 'sandbox'
          ? `An ${sent} ${what} was sent to the Expys mock, which stands in for the sandbox. Use an ${wanted} ${what} here (any ${wanted} + ${format.length} letters or digits with a valid checksum), and ${sent} credentials only with ${productionUrl}.`
          : `An ${sent} ${what} was sent to ${productionUrl}. Use an ${wanted} ${what} there, and ${sent} credentials only with the sandbox.`,
    };
  }
  if (credential.kind === 'apiKey' && credentials.revokedKeys.includes(credential.value)) return { code: 'invalid_api_key' };
  const expiredAt = credential.kind === 'memberToken' ? credentials.expiredTokens[credential.value] : undefined;
  if (expiredAt) {
    return { code: 'token_expired', detail: `The member token expired at ${expiredAt}. Ask your backend for a new one and retry the request.` };
  }
  return undefined;
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
      detail:
        `The Org-API-Key must never be used from an app, and ${operation.operationId} is a member operation. ` +
        'Mint a member token with the token exchange on your backend and send that token instead.',
    };
  }
  const granted = credential.kind === 'apiKey' ? credentials.restrictedKeys[credential.value] : undefined;
  const needed = granted && operation.scopes.find((scope) => !granted.includes(scope));
  if (needed) {
    return { code: 'insufficient_scope', detail: `This operation needs the ${needed} scope; the key has ${granted.join(', ')}. Use a key that includes ${needed}.` };
  }
  return undefined;
}

// Decides whether a credential may call an operation, the way the API does: first who you are
// (401), then whether that kind of credential may call this operation's mode and scope (403).
// Every host asks here: the mock (Prism cannot make these calls: it accepts any bearer string),
// the sandbox, the MSW handlers and the fetch handler.
import { CREDENTIAL_FORMATS, type Credential } from './credentials.js';
import type { BoundaryCode } from './problems.js';
import type { Route } from './routes.js';

export interface Denial {
  code: BoundaryCode;
  /** Occurrence-specific detail; undefined keeps the spec's documented detail. */
  detail?: string;
}

export interface AccessContext {
  /** The production server URL from the bundle's `servers`, named in environment_mismatch. */
  productionUrl: string;
  /** How refusals name this server (default "the Expys mock"). */
  serviceName?: string;
  /** The environment this host stands in for (default the sandbox: live credentials are refused). */
  environment?: 'sandbox' | 'production';
}

const { 'org-api-key': KEY, 'member-token': TOKEN } = CREDENTIAL_FORMATS;

export function checkAccess(route: Route, credential: Credential, context: AccessContext): Denial | undefined {
  if (route.isPublic) return undefined;
  return checkIdentity(credential, context) ?? checkAuthority(route, credential);
}

/** Who the caller is: a credential that is present, well-formed, of this environment and still valid (401s). */
export function checkIdentity(credential: Credential, context: AccessContext): Denial | undefined {
  switch (credential.kind) {
    case 'missing':
      return { code: 'unauthenticated' };
    case 'malformed':
      return {
        code: 'unauthenticated',
        detail:
          `The bearer credential is malformed: ${credential.reason}. Send Authorization: Bearer <member token> ` +
          `(${TOKEN.sandbox} + ${TOKEN.length} letters or digits, the last 6 a checksum) from the app, or Bearer <Org-API-Key> ` +
          `(${KEY.sandbox} + ${KEY.length}) from your backend.`,
      };
  }

  const environment = context.environment ?? 'sandbox';
  if (credential.environment !== environment) {
    const [format, what] = credential.kind === 'org-api-key' ? [KEY, 'key'] : [TOKEN, 'member token'];
    if (environment === 'production') {
      return {
        code: 'environment_mismatch',
        detail: `An ${format.sandbox} ${what} was sent to ${context.productionUrl}. Use an ${format.production} ${what} there, and ${format.sandbox} credentials only with the sandbox.`,
      };
    }
    const [live, test, length] = [format.production, format.sandbox, format.length];
    return {
      code: 'environment_mismatch',
      detail:
        `An ${live} ${what} was sent to ${context.serviceName ?? 'the Expys mock, which stands in for the sandbox'}. Use an ${test} ${what} ` +
        `here (${context.serviceName ? 'one this sandbox issued' : `any ${test} + ${length} letters or digits with a valid checksum`}), and ${live} credentials only with ${context.productionUrl}.`,
    };
  }

  if (credential.kind === 'org-api-key' && credential.revoked) return { code: 'invalid_api_key' };
  if (credential.kind === 'member-token' && credential.unknown) {
    return {
      code: 'unauthenticated',
      detail: `This member token was never minted by ${context.serviceName ?? 'this server'}, or its member was removed. Ask your backend for a new one (the token exchange).`,
    };
  }
  if (credential.kind === 'member-token' && credential.expiredAt) {
    return {
      code: 'token_expired',
      detail: `The member token expired at ${credential.expiredAt}. Ask your backend for a new one and retry the request.`,
    };
  }

  return undefined;
}

/** What this (valid) credential may call: the operation's mode and scope (403s). */
function checkAuthority(route: Route, credential: Credential): Denial | undefined {
  if (credential.kind !== 'org-api-key' && credential.kind !== 'member-token') return undefined;
  if (route.mode === 'server' && credential.kind === 'member-token') {
    return {
      code: 'member_token_not_allowed',
      detail: `A member token can never call a server operation (${route.operationId}). Call it from your backend with the Org-API-Key.`,
    };
  }
  if (route.mode === 'member' && credential.kind === 'org-api-key') {
    return {
      code: 'org_api_key_not_allowed',
      detail:
        `The Org-API-Key must never be used from an app, and ${route.operationId} is a member operation. ` +
        'Mint a member token with the token exchange on your backend and send that token instead.',
    };
  }

  if (credential.kind === 'org-api-key' && credential.scopes !== 'all') {
    const granted = credential.scopes;
    const needed = route.scopes.find((scope) => !granted.includes(scope));
    if (needed) {
      return {
        code: 'insufficient_scope',
        detail: `This operation needs the ${needed} scope; the key has ${granted.join(', ')}. Use a key that includes ${needed}.`,
      };
    }
  }
  return undefined;
}

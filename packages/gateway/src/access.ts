// Decides whether a credential may call an operation, the way the API does: first who you are
// (401), then whether that kind of credential may call this operation (403). Every host asks
// here: the mock (Prism cannot make these calls: it accepts any bearer string), the sandbox, the
// MSW handlers and the fetch handler.
//
// | credential \ operation        | bearer server op (scope S)  | member op                  | application op (Basic)     |
// |-------------------------------|-----------------------------|----------------------------|----------------------------|
// | Org-API-Key                   | ok                          | 403 org_api_key_not_allowed| 403 app_credentials_required |
// | API key with S / without S    | ok / 403 insufficient_scope | 403 api_key_not_allowed    | 403 app_credentials_required |
// | App Secret as a bearer        | 403 app_secret_not_allowed  | 403 app_secret_not_allowed | 403 app_credentials_required |
// | member token                  | 403 member_token_not_allowed| ok                         | 403 member_token_not_allowed |
// | Basic App ID:App Secret       | 401 unauthenticated         | 401 unauthenticated        | ok / 401 invalid_app_credentials |
// | live, revoked, expired (any)  | 401 environment_mismatch, invalid_api_key, api_key_expired, token_expired, before any 403 |
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

const { 'org-api-key': ORG_KEY, 'api-key': API_KEY, 'member-token': TOKEN, 'app-secret': SECRET } = CREDENTIAL_FORMATS;

/** How to send application credentials, for every refusal on an application operation. */
const BASIC_HOW = 'Authorization: Basic base64(<App ID>:<App Secret>), the App ID (app_…) as the user name and the App Secret (secret_…) as the password';

export function checkAccess(route: Route, credential: Credential, context: AccessContext): Denial | undefined {
  if (route.isPublic) return undefined;
  return checkIdentity(credential, context, route) ?? checkAuthority(route, credential);
}

/** The detail of a member operation called with no credential (the member bundle's `unauthenticated` example says the same). */
const NO_MEMBER_TOKEN = 'No credential was sent. Send Authorization: Bearer <member token> from the app.';

/**
 * Who the caller is (401s): a credential that is present, well-formed, of this environment and
 * still valid, in the scheme the operation takes. `route` is the operation called, when the path
 * names one: a Basic credential is only read on an application operation.
 */
export function checkIdentity(credential: Credential, context: AccessContext, route?: Route): Denial | undefined {
  const application = route?.application === true;
  switch (credential.kind) {
    case 'missing':
      if (application) return { code: 'unauthenticated', detail: `No application credentials were sent. ${route!.operationId} is an application operation: send ${BASIC_HOW}.` };
      // A member operation is called by an app: it is told about the member token only, in the
      // words of the member bundle's example (which names no credential of the backend), so every
      // host says the same whichever bundle it documents its problems from.
      return route?.mode === 'member' ? { code: 'unauthenticated', detail: NO_MEMBER_TOKEN } : { code: 'unauthenticated' };
    case 'malformed':
      if (credential.scheme === 'basic') {
        // On an application operation the caller meant its App ID and App Secret: say what is wrong with them.
        if (application) return { code: 'invalid_app_credentials', detail: `The Basic credentials are malformed: ${credential.reason}. Send ${BASIC_HOW}.` };
        return basicNotAccepted(route);
      }
      return {
        code: 'unauthenticated',
        detail: application
          ? `The Authorization header is malformed: ${credential.reason}. ${route!.operationId} is an application operation: send ${BASIC_HOW}.`
          : `The bearer credential is malformed: ${credential.reason}. Send Authorization: Bearer <member token> ` +
            `(${TOKEN.sandbox} + ${TOKEN.length} letters or digits, the last 6 a checksum) from the app, or Bearer <API key> ` +
            `(${API_KEY.sandbox} + ${API_KEY.length}) or Bearer <Org-API-Key> (${ORG_KEY.sandbox} + ${ORG_KEY.length}) from your backend.`,
      };
    case 'app-credentials':
      // Basic is the application's scheme only; elsewhere the fix is a bearer credential, whatever the pair.
      if (route && !application) return basicNotAccepted(route);
      if (!credential.valid) {
        return {
          code: 'invalid_app_credentials',
          detail: credential.secretExpiredAt
            ? `This App Secret was rotated and stopped working at ${credential.secretExpiredAt}. Use the application's current App Secret with its App ID.`
            : `The App ID ${credential.appId} and this App Secret do not match an application of ${context.serviceName ?? 'this server'}. Check both; if the App Secret was rotated, use the new one.`,
        };
      }
      return undefined;
    case 'app-secret':
      // No environment and nothing to look up: the answer (403) is the same for any App Secret.
      return undefined;
  }

  const environment = context.environment ?? 'sandbox';
  if (credential.environment !== environment) return environmentMismatch(credential.kind, environment, context);

  switch (credential.kind) {
    case 'org-api-key':
      return credential.revoked ? { code: 'invalid_api_key', detail: `This Org-API-Key is unknown or has been revoked. Check the key stored in your backend secrets; if it was rotated, deploy the new key.` } : undefined;
    case 'api-key':
      if (credential.revoked || credential.unknown) {
        return { code: 'invalid_api_key', detail: 'This API key is unknown or has been revoked. Check the key stored in your backend secrets; if it was rotated, deploy the new key.' };
      }
      if (credential.expiredAt) {
        return { code: 'api_key_expired', detail: `The API key expired at ${credential.expiredAt}. Create a new API key for the application and deploy it.` };
      }
      return undefined;
    case 'member-token':
      if (credential.unknown) {
        return {
          code: 'unauthenticated',
          detail: `This member token was never minted by ${context.serviceName ?? 'this server'}, or its member was removed. Ask your backend for a new one (the token exchange).`,
        };
      }
      if (credential.expiredAt) {
        return { code: 'token_expired', detail: `The member token expired at ${credential.expiredAt}. Ask your backend for a new one and retry the request.` };
      }
      return undefined;
  }
}

/** Basic application credentials on an operation that takes a bearer credential. */
function basicNotAccepted(route: Route | undefined): Denial {
  const what = route?.mode === 'member' ? 'Bearer <member token>' : 'Bearer <API key> or Bearer <Org-API-Key>';
  return {
    code: 'unauthenticated',
    detail:
      `${route ? route.operationId : 'This operation'} takes a bearer credential: send Authorization: ${what}. ` +
      `HTTP Basic with the App ID and App Secret is only for the application's own operations (its API keys and App Secret).`,
  };
}

function environmentMismatch(kind: 'org-api-key' | 'api-key' | 'member-token', environment: 'sandbox' | 'production', context: AccessContext): Denial {
  const format = CREDENTIAL_FORMATS[kind];
  const what = kind === 'org-api-key' ? 'key' : format.label;
  const article = (prefix: string) => (/^[aeiou]/i.test(prefix) ? 'An' : 'A');
  if (environment === 'production') {
    return {
      code: 'environment_mismatch',
      detail: `${article(format.sandbox)} ${format.sandbox} ${what} was sent to ${context.productionUrl}. Use ${article(format.production).toLowerCase()} ${format.production} ${what} there, and ${format.sandbox} credentials only with the sandbox.`,
    };
  }
  const [live, test, length] = [format.production, format.sandbox, format.length];
  return {
    code: 'environment_mismatch',
    detail:
      `${article(live)} ${live} ${what} was sent to ${context.serviceName ?? 'the Expys mock, which stands in for the sandbox'}. Use ${article(test).toLowerCase()} ${test} ${what} ` +
      `here (${context.serviceName ? 'one this sandbox issued' : `any ${test} + ${length} letters or digits with a valid checksum`}), and ${live} credentials only with ${context.productionUrl}.`,
  };
}

/** What this (valid) credential may call: the operation's kind and scope (403s). */
function checkAuthority(route: Route, credential: Credential): Denial | undefined {
  const op = route.operationId;
  if (route.application) {
    switch (credential.kind) {
      case 'app-credentials':
        return undefined;
      case 'member-token':
        return { code: 'member_token_not_allowed', detail: `A member token can never call an application operation (${op}). Call it from your backend with ${BASIC_HOW}.` };
      default:
        return {
          code: 'app_credentials_required',
          detail: `${op} manages the application's API keys or App Secret and takes the application's own credentials, not a bearer credential: send ${BASIC_HOW}.`,
        };
    }
  }

  switch (credential.kind) {
    case 'app-secret':
      return {
        code: 'app_secret_not_allowed',
        detail:
          route.mode === 'member'
            ? `The App Secret only manages the application's API keys (HTTP Basic with the App ID) and must never be used from an app. ${op} is a member operation: send the member token your backend minted.`
            : `The App Secret only manages the application's API keys (HTTP Basic with the App ID). Call ${op} with an API key (${API_KEY.sandbox}…) or the Org-API-Key; never send ${SECRET.sandbox}… as a bearer.`,
      };
    case 'member-token':
      return route.mode === 'server'
        ? { code: 'member_token_not_allowed', detail: `A member token can never call a server operation (${op}). Call it from your backend with an API key or the Org-API-Key.` }
        : undefined;
    case 'org-api-key':
      return route.mode === 'member'
        ? {
            code: 'org_api_key_not_allowed',
            detail: `The Org-API-Key must never be used from an app, and ${op} is a member operation. Mint a member token with the token exchange on your backend and send that token instead.`,
          }
        : undefined;
    case 'api-key': {
      if (route.mode === 'member') {
        return {
          code: 'api_key_not_allowed',
          detail: `An API key must never be used from an app, and ${op} is a member operation. Mint a member token with the token exchange on your backend and send that token instead.`,
        };
      }
      const granted = credential.scopes;
      const has = granted.length > 0 ? `the API key has ${granted.join(', ')}` : 'the API key has no scope';
      if (route.apiKeyScopes === undefined) {
        return { code: 'insufficient_scope', detail: `${op} takes no API key (no scope grants it); ${has}. Call it with the Org-API-Key.` };
      }
      const needed = route.apiKeyScopes.find((scope) => !granted.includes(scope));
      if (needed) {
        return { code: 'insufficient_scope', detail: `This operation (${op}) needs the ${needed} scope; ${has}. Use a key that includes ${needed}, or create one with it.` };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

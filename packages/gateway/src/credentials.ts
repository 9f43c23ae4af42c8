// Who is calling, as the boundary decides on it. An `Authorization` header holds either a bearer
// credential (an Org-API-Key, an API key, a member token, or an App Secret sent where it does not
// belong) or HTTP Basic application credentials (App ID : App Secret, for the application's key
// management). Formats and checksums are @expys/credentials'; what a well-formed credential
// *is* (revoked, expired, its scopes, whether an App ID and App Secret belong together) is the
// authenticator's: the mock and the MSW handlers decide by sample value (`knownCredentials`), the
// sandbox looks its stored keys up. Kinds are @expys/credentials' names: the core serves both
// audiences, and an app's bundle that carries it names no server scheme.
import {
  CREDENTIAL_FORMATS as FORMATS,
  readAppCredentials,
  readBearer as readBearerFormat,
  type AppCredentialsFormat,
  type CredentialKind,
} from '@expys/credentials';

export type { CredentialKind };
export type Environment = 'sandbox' | 'production';

const shape = (kind: CredentialKind) => ({ ...FORMATS[kind].prefixes, length: FORMATS[kind].length, label: FORMATS[kind].label });

/** Credential formats from the product: a visible prefix (naming the environment, but for the App Secret), then base62 ending in a 6-character checksum. */
export const CREDENTIAL_FORMATS = {
  'org-api-key': shape('org-api-key'),
  'api-key': shape('api-key'),
  'app-secret': shape('app-secret'),
  'member-token': shape('member-token'),
} as const;

/** The Org-API-Key: full authority over the org, no scopes. Unknown and revoked are one answer (401 invalid_api_key). */
export interface OrgApiKeyCredential {
  kind: 'org-api-key';
  environment: Environment;
  /** Revoked, or well-formed but never issued: 401 invalid_api_key. */
  revoked: boolean;
  /** The key's id where keys are stored (the sandbox); absent in the mock. */
  keyId?: string;
}

/** An API key of an application, restricted to scopes. */
export interface ApiKeyCredential {
  kind: 'api-key';
  environment: Environment;
  /** What the key may call: each server operation names the scope it needs (its API-key security requirement). */
  scopes: readonly string[];
  /** Revoked (its revocation time has passed): 401 invalid_api_key. */
  revoked: boolean;
  /** Past the `expiresAt` it was created with: 401 api_key_expired, naming this time. */
  expiredAt?: string;
  /** Well-formed but never issued: 401 invalid_api_key (the same answer as revoked). */
  unknown?: boolean;
  /** The key's id (`key_…`) where keys are stored (the sandbox). */
  keyId?: string;
  /** The application the key was created within (the sandbox). */
  appId?: string;
}

/**
 * An App Secret sent as a bearer credential. It is never valid there: 403 app_secret_not_allowed
 * on server and member operations, 403 app_credentials_required on application operations. The
 * authenticator need not look it up (an unknown one gets the same answer: the fix is the same).
 */
export interface AppSecretCredential {
  kind: 'app-secret';
  /** The application it belongs to, if the authenticator knows. */
  appId?: string;
}

/** A member token: one member, minutes. */
export interface MemberTokenCredential {
  kind: 'member-token';
  environment: Environment;
  expiredAt?: string;
  /** The member the token was minted for, where tokens are stored (the sandbox). */
  externalUserID?: string;
  /** Well-formed but never minted (or its member was removed): 401 unauthenticated. */
  unknown?: boolean;
}

/** HTTP Basic application credentials: the App ID (user name) and App Secret (password). */
export interface AppCredentials {
  kind: 'app-credentials';
  appId: string;
  /** The App ID names an application and the App Secret is its current (or still-overlapping previous) secret. Otherwise 401 invalid_app_credentials. */
  valid: boolean;
  /** When a rotated-out previous App Secret stopped working (the sandbox), for the 401's detail. */
  secretExpiredAt?: string;
}

export type Credential =
  | { kind: 'missing' }
  /** Not a credential the API reads; `scheme` says which it tried to be (default bearer). */
  | { kind: 'malformed'; reason: string; scheme?: 'bearer' | 'basic' }
  | OrgApiKeyCredential
  | ApiKeyCredential
  | AppSecretCredential
  | MemberTokenCredential
  | AppCredentials;

/**
 * Who the `Authorization` header says is calling: the function every host hands the boundary.
 * It receives the header as sent (Bearer or Basic, or undefined) and returns a Credential; it
 * decides nothing about the operation (the boundary does, from the route). `readAuthorization`
 * does the parsing: an authenticator only looks up what it stores. `tenant` is the tenant the
 * host found in the request's URL (the sandbox's `/sandboxes/<id>`), when it serves several: a
 * credential is looked up in that tenant's store only.
 */
export type Authenticator = (authorization: string | undefined, tenant?: string) => Credential | Promise<Credential>;

/** What an `Authorization` header holds for a bearer, by format alone. */
export type BearerFormat = ReturnType<typeof readBearerFormat>;

/** Reads the bearer credential's format (@expys/credentials' readBearer, the one parser of it). */
export function readBearer(authorization: string | null | undefined): BearerFormat {
  return readBearerFormat(authorization ?? undefined);
}

/** What an `Authorization` header holds, by format alone: a bearer credential or Basic application credentials. */
export type AuthorizationFormat =
  | { kind: 'missing' }
  | { kind: 'malformed'; reason: string; scheme: 'bearer' | 'basic' }
  | Exclude<BearerFormat, { kind: 'missing' } | { kind: 'malformed' }>
  | Extract<AppCredentialsFormat, { kind: 'app-credentials' }>;

const BASIC_SCHEME = /^\s*basic(?:\s|$)/i;

/**
 * Parses either scheme: `Basic …` as application credentials (@expys/credentials'
 * readAppCredentials: App ID shape, App Secret checksum), anything else as a bearer credential
 * (readBearer). A `malformed` result says which scheme it was read as, so a refusal can say
 * what to send instead.
 */
export function readAuthorization(authorization: string | null | undefined): AuthorizationFormat {
  if (authorization === null || authorization === undefined) return { kind: 'missing' };
  // A client sends the same header on every request: its parse (a regular expression and a CRC
  // over the value) is kept, for short headers only, and the table is emptied when full, so
  // headers made up by the thousand cost memory no longer than the next 1,024 requests.
  const known = parsed.get(authorization);
  if (known) return known;
  const format = Object.freeze(parseAuthorization(authorization));
  if (authorization.length <= 256) {
    if (parsed.size >= 1024) parsed.clear();
    parsed.set(authorization, format);
  }
  return format;
}

const parsed = new Map<string, AuthorizationFormat>();

function parseAuthorization(authorization: string): AuthorizationFormat {
  if (authorization.trim() === '') return { kind: 'missing' };
  if (BASIC_SCHEME.test(authorization)) {
    const basic = readAppCredentials(authorization.trim());
    if (basic.kind === 'missing') return basic;
    return basic.kind === 'malformed' ? { ...basic, scheme: 'basic' } : basic;
  }
  const bearer = readBearer(authorization);
  return bearer.kind === 'malformed' ? { ...bearer, scheme: 'bearer' } : bearer;
}

/** Credentials whose meaning is fixed by value (the mock's samples). */
export interface KnownCredentials {
  /** Revoked Org-API-Keys and API keys: 401 invalid_api_key. */
  revokedKeys: readonly string[];
  /** Member token → the expiry it reports (401 token_expired). */
  expiredTokens: Readonly<Record<string, string>>;
  /** API key → its scopes (default none known). */
  apiKeys?: Readonly<Record<string, readonly string[]>>;
  /** The scopes of any other well-formed API key of the environment (the mock: every scope; default none). */
  defaultApiKeyScopes?: readonly string[];
  /** API key → the expiry it reports (401 api_key_expired). */
  expiredApiKeys?: Readonly<Record<string, string>>;
  /** App ID → its App Secret: the only Basic pairs accepted (default none: every pair is invalid). */
  apps?: Readonly<Record<string, string>>;
}

/**
 * An authenticator that decides by format and by the known values: any well-formed test
 * Org-API-Key with a valid checksum is a full-access key, any such API key has
 * `defaultApiKeyScopes`, any such member token is valid; Basic credentials are valid only for a
 * known App ID with its own App Secret. The mock and the MSW handlers use it; the sandbox looks
 * its keys, tokens and applications up instead.
 */
export function knownCredentials(known: KnownCredentials): (authorization: string | undefined) => Credential {
  const { apiKeys = {}, defaultApiKeyScopes = [], expiredApiKeys = {}, apps = {} } = known;
  const appOfSecret = new Map(Object.entries(apps).map(([appId, secret]) => [secret, appId]));
  return (authorization) => {
    const format = readAuthorization(authorization);
    switch (format.kind) {
      case 'missing':
      case 'malformed':
        return format;
      case 'app-credentials':
        return { kind: 'app-credentials', appId: format.appId, valid: Object.hasOwn(apps, format.appId) && apps[format.appId] === format.appSecret };
      case 'app-secret': {
        const appId = appOfSecret.get(format.value);
        return appId ? { kind: 'app-secret', appId } : { kind: 'app-secret' };
      }
      case 'org-api-key':
        return { kind: 'org-api-key', environment: format.environment, revoked: known.revokedKeys.includes(format.value) };
      case 'api-key': {
        const expiredAt = Object.hasOwn(expiredApiKeys, format.value) ? expiredApiKeys[format.value] : undefined;
        return {
          kind: 'api-key',
          environment: format.environment,
          scopes: Object.hasOwn(apiKeys, format.value) ? apiKeys[format.value] : defaultApiKeyScopes,
          revoked: known.revokedKeys.includes(format.value),
          ...(expiredAt ? { expiredAt } : {}),
        };
      }
      case 'member-token': {
        const expiredAt = Object.hasOwn(known.expiredTokens, format.value) ? known.expiredTokens[format.value] : undefined;
        return expiredAt ? { kind: 'member-token', environment: format.environment, expiredAt } : { kind: 'member-token', environment: format.environment };
      }
    }
  };
}

/**
 * The key a credential's rate-limit budget is kept under: the credential as parsed, never the raw
 * header (`bearer`, `BEARER`, extra spaces and a trailing tab are one credential). Called once the
 * header was accepted, so a bearer's value is what follows the scheme, trimmed (no second checksum
 * computation per request). Basic credentials count against their App ID: the application has one
 * budget however its secret is spelled or rotated.
 */
export function rateKey(credential: Credential, authorization: string | undefined): string {
  if (credential.kind === 'app-credentials') return `app-credentials:${credential.appId}`;
  return `${credential.kind}:${(authorization ?? '').trim().replace(/^bearer\s+/i, '')}`;
}

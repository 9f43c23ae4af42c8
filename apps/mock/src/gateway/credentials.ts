// What a bearer credential is, as the mock sees it, and the sample credentials it knows.
// The mock behaves as the sandbox: test credentials work, live ones are refused, so an app
// wired to a production credential fails here exactly as it would against the sandbox.
import { CREDENTIAL_FORMATS as FORMATS, readBearer as readBearerFormat } from '@expys/credentials';

/**
 * Credential formats from the product (@expys/credentials): a visible environment prefix, then
 * base62 whose last 6 characters are a checksum of the rest (CRC32, see that package).
 */
export const CREDENTIAL_FORMATS = {
  orgApiKey: { ...FORMATS['org-api-key'].prefixes, length: FORMATS['org-api-key'].length },
  memberToken: { ...FORMATS['member-token'].prefixes, length: FORMATS['member-token'].length },
} as const;

export type Environment = 'sandbox' | 'production';

export interface RestrictedKey {
  key: string;
  scopes: readonly string[];
  description: string;
}

/**
 * Credentials with a known meaning in the mock. Any other well-formed `expys_test_` + 32
 * base62 key with a valid checksum is a full-access key, and any such `mt_test_` + 40 token is a
 * valid member token. Each sample keeps a readable start; its last 6 characters are its checksum.
 */
export const SAMPLE_CREDENTIALS = {
  /** Org-API-Key with every scope: calls every server operation. */
  fullAccessKey: 'expys_test_SandboxFullAccessKey0000004LgBmQ',
  /** Org-API-Keys restricted to the listed scopes: other server operations get 403 insufficient_scope. */
  restrictedKeys: {
    tokenMinter: {
      key: 'expys_test_TokensWriteOnlyKey00000000169kPh',
      scopes: ['tokens:write'],
      description: 'mints member tokens (exchangeToken) and nothing else',
    },
    membersReader: {
      key: 'expys_test_MembersReadOnlyKey000000001nv4o8',
      scopes: ['members:read'],
      description: 'reads members only',
    },
    loyaltyJob: {
      key: 'expys_test_MembersPointsJobKey00000004V3aog',
      scopes: ['members:read', 'members:write', 'points:write'],
      description: 'a backend job that manages members and credits points',
    },
  } satisfies Record<string, RestrictedKey>,
  /** An Org-API-Key that was revoked: 401 invalid_api_key. */
  revokedKey: 'expys_test_RevokedSandboxKey0000000000iPnj3',
  /** A valid member token: calls every member operation. */
  memberToken: 'mt_test_SampleMemberToken0000000000000000004vNQP',
  /** A member token past its expiresAt: 401 token_expired, to exercise the app's refresh path. */
  expiredMemberToken: 'mt_test_ExpiredMemberToken00000000000000003ErLJe',
  expiredMemberTokenExpiresAt: '2026-01-01T00:00:00Z',
  /** Production credentials: the mock refuses them with 401 environment_mismatch. */
  liveKey: 'expys_live_LiveKeyNotForTheMock00000034swAh',
  liveMemberToken: 'mt_live_LiveMemberTokenNotForTheMock0000001adg0Q',
} as const;

export type Credential =
  | { kind: 'missing' }
  | { kind: 'malformed'; reason: string }
  | {
      kind: 'orgApiKey';
      environment: Environment;
      scopes: 'all' | readonly string[];
      revoked: boolean;
      /** The key's id where keys are stored (the sandbox); absent in the mock. */
      keyId?: string;
    }
  | {
      kind: 'memberToken';
      environment: Environment;
      expiredAt?: string;
      /** The member the token was minted for, where tokens are stored (the sandbox). */
      externalUserID?: string;
      /** Well-formed but never minted (or its member was removed): 401 unauthenticated. */
      unknown?: boolean;
    };

/** What an `Authorization` header holds, by format alone: no credential, a malformed one, or a key or token of an environment. */
export type BearerFormat =
  | { kind: 'missing' }
  | { kind: 'malformed'; reason: string }
  | { kind: 'orgApiKey' | 'memberToken'; environment: Environment; value: string };

// The gateway's names for the kinds (Credential's), from @expys/credentials' ones.
const KIND = { 'org-api-key': 'orgApiKey', 'member-token': 'memberToken' } as const;

/**
 * Reads the bearer credential's format; the mock and the sandbox then decide who it is. The
 * parsing and its reasons are @expys/credentials' readBearer, shared with @expys/msw-handlers.
 */
export function readBearer(authorization: string | undefined): BearerFormat {
  const bearer = readBearerFormat(authorization);
  return bearer.kind === 'missing' || bearer.kind === 'malformed' ? bearer : { kind: KIND[bearer.kind], environment: bearer.environment, value: bearer.value };
}

/** Classifies the `Authorization` header value (format only; what it may call is decided elsewhere). */
export function classifyCredential(authorization: string | undefined): Credential {
  const bearer = readBearer(authorization);
  if (bearer.kind === 'missing' || bearer.kind === 'malformed') return bearer;
  return bearer.kind === 'orgApiKey' ? orgApiKey(bearer.value, bearer.environment) : memberToken(bearer.value, bearer.environment);
}

function orgApiKey(key: string, environment: Environment): Credential {
  const restricted = Object.values(SAMPLE_CREDENTIALS.restrictedKeys).find((r) => r.key === key);
  return { kind: 'orgApiKey', environment, scopes: restricted?.scopes ?? 'all', revoked: key === SAMPLE_CREDENTIALS.revokedKey };
}

function memberToken(token: string, environment: Environment): Credential {
  return token === SAMPLE_CREDENTIALS.expiredMemberToken
    ? { kind: 'memberToken', environment, expiredAt: SAMPLE_CREDENTIALS.expiredMemberTokenExpiresAt }
    : { kind: 'memberToken', environment };
}

// The mock's sample credentials: what tools and tests configured for the mock use, each with a
// fixed meaning (full access, scoped, revoked, expired, live, the sample application). The mock
// and the MSW handlers know them by value; the sandbox creates them as real rows with
// `--sample-keys` (`sampleKeys: true`).
import type { KnownCredentials } from './credentials.js';

/**
 * Every scope an API key can have: the spec's ApiKeyScope enum (a test compares them). The
 * mock's "any other test_sk_ key" has them all.
 */
export const API_KEY_SCOPES = [
  'member_read',
  'member_write',
  'card_read',
  'claim_write',
  'referral_read',
  'referral_write',
  'stamps_read',
  'stamps_write',
  'cashback_read',
  'cashback_write',
  'token_write',
  'points_write',
  'analytics_read',
  'webhook_read',
  'webhook_write',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export interface SampleApiKey {
  key: string;
  scopes: readonly ApiKeyScope[];
  description: string;
}

/**
 * Credentials with a known meaning in the mock. Any other well-formed `expys_test_` + 32 base62
 * Org-API-Key with a valid checksum has full access, any other such `test_sk_` + 32 API key has
 * every scope, and any such `mt_test_` + 40 token is a valid member token. HTTP Basic is accepted
 * for the sample application's App ID with its App Secret only. Each sample keeps a readable
 * start; its last 6 characters are its checksum.
 */
export const SAMPLE_CREDENTIALS = {
  /** The Org-API-Key: full authority, calls every server operation (not the application's own). */
  fullAccessKey: 'expys_test_SandboxFullAccessKey0000004LgBmQ',
  /** An Org-API-Key that was revoked: 401 invalid_api_key. */
  revokedKey: 'expys_test_RevokedSandboxKey0000000000iPnj3',
  /** API keys of the sample application, restricted to scopes: other server operations get 403 insufficient_scope. */
  apiKeys: {
    tokenMinter: {
      key: 'test_sk_TokenWriteOnlyKey0000000001fmMuX',
      scopes: ['token_write'],
      description: 'mints member tokens (the token exchange, which enrols a new member) and nothing else',
    },
    membersReader: {
      key: 'test_sk_MemberReadOnlyKey0000000000NmSYt',
      scopes: ['member_read'],
      description: 'reads members only',
    },
    loyaltyJob: {
      key: 'test_sk_MemberPointsJobKey0000000037VY7s',
      scopes: ['member_read', 'member_write', 'points_write'],
      description: 'a backend job that manages members and credits points',
    },
  } satisfies Record<string, SampleApiKey>,
  /** An API key past its expiresAt (it has every scope): 401 api_key_expired. */
  expiredApiKey: 'test_sk_ExpiredSandboxApiKey0000001bRwdH',
  expiredApiKeyExpiresAt: '2026-01-01T00:00:00Z',
  /** An API key that was revoked: 401 invalid_api_key. */
  revokedApiKey: 'test_sk_RevokedSandboxApiKey0000001YpFd4',
  /** The sample application: its App ID and App Secret (HTTP Basic) call the application operations. */
  app: {
    appId: 'app_SandboxSampleApp',
    appSecret: 'secret_SandboxSampleAppSecret00000ctmEL',
    name: 'Sample backend',
  },
  /** A valid member token: calls every member operation. */
  memberToken: 'mt_test_SampleMemberToken0000000000000000004vNQP',
  /** A member token past its expiresAt: 401 token_expired, to exercise the app's refresh path. */
  expiredMemberToken: 'mt_test_ExpiredMemberToken00000000000000003ErLJe',
  expiredMemberTokenExpiresAt: '2026-01-01T00:00:00Z',
  /** Production credentials: the mock refuses them with 401 environment_mismatch. */
  liveKey: 'expys_live_LiveKeyNotForTheMock00000034swAh',
  liveApiKey: 'prod_sk_LiveApiKeyNotForTheMock0003hz2Ez',
  liveMemberToken: 'mt_live_LiveMemberTokenNotForTheMock0000001adg0Q',
} as const;

/** The samples as the authenticator reads them (see `knownCredentials`). */
export const KNOWN_SAMPLES: KnownCredentials = {
  revokedKeys: [SAMPLE_CREDENTIALS.revokedKey, SAMPLE_CREDENTIALS.revokedApiKey],
  apiKeys: {
    ...Object.fromEntries(Object.values(SAMPLE_CREDENTIALS.apiKeys).map((k) => [k.key, k.scopes])),
    [SAMPLE_CREDENTIALS.expiredApiKey]: API_KEY_SCOPES,
    [SAMPLE_CREDENTIALS.revokedApiKey]: API_KEY_SCOPES,
  },
  defaultApiKeyScopes: API_KEY_SCOPES,
  expiredApiKeys: { [SAMPLE_CREDENTIALS.expiredApiKey]: SAMPLE_CREDENTIALS.expiredApiKeyExpiresAt },
  expiredTokens: { [SAMPLE_CREDENTIALS.expiredMemberToken]: SAMPLE_CREDENTIALS.expiredMemberTokenExpiresAt },
  apps: { [SAMPLE_CREDENTIALS.app.appId]: SAMPLE_CREDENTIALS.app.appSecret },
};

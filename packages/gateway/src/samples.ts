// The mock's sample credentials: what tools and tests configured for the mock use, each with a
// fixed meaning (full access, restricted, revoked, expired, live). The mock and the MSW handlers
// know them; the sandbox creates them as real keys with `sampleKeys: true`.
import type { KnownCredentials } from './credentials.js';

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
      description: 'mints member tokens (the token exchange) and nothing else',
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

/** The samples as the authenticator reads them (see `knownCredentials`). */
export const KNOWN_SAMPLES: KnownCredentials = {
  revokedKeys: [SAMPLE_CREDENTIALS.revokedKey],
  restrictedKeys: Object.fromEntries(Object.values(SAMPLE_CREDENTIALS.restrictedKeys).map((r) => [r.key, r.scopes])),
  expiredTokens: { [SAMPLE_CREDENTIALS.expiredMemberToken]: SAMPLE_CREDENTIALS.expiredMemberTokenExpiresAt },
};

// The Expys credentials, as the spec's security schemes and servers declare them: a visible
// prefix (naming the environment where the credential has one), then a base62 body made of
// random entropy and a 6-character checksum (see checksum.ts).
//
// Four kinds, three of them secrets a backend keeps:
// - `org-api-key`: `expys_test_` / `expys_live_`, full authority over the org;
// - `api-key`: `test_sk_` / `prod_sk_`, created within an application, restricted to scopes;
// - `app-secret`: `secret_`, authenticates an application (with its public App ID) to manage
//   its API keys; an application lives in one environment, so its secret names none;
// and the one an app may hold:
// - `member-token`: `mt_test_` / `mt_live_`, one member, minutes.

export type CredentialKind = 'org-api-key' | 'api-key' | 'app-secret' | 'member-token';
export type Environment = 'sandbox' | 'production';
/** The kinds whose prefix names an environment. */
export type EnvironmentBoundKind = Exclude<CredentialKind, 'app-secret'>;
/** A kind with the environment its prefix names: none for the App Secret. */
export type KindAndEnvironment = { kind: EnvironmentBoundKind; environment: Environment } | { kind: 'app-secret'; environment?: undefined };

export interface CredentialFormat {
  /** Prefix per environment: `expys_test_` / `expys_live_`…; equal for a kind with no environment (`secret_`). */
  readonly prefixes: Readonly<Record<Environment, string>>;
  /** Whether the prefix names the environment (every kind but the App Secret). */
  readonly environmentBound: boolean;
  /** What every prefix of the kind starts with (`expys_`, `mt_`, `secret_`; `''` when they share nothing: `test_sk_`/`prod_sk_`). */
  readonly family: string;
  /** Base62 characters after the prefix: entropy + checksum. */
  readonly length: number;
  /** Random base62 characters at the start of the body. */
  readonly entropyLength: number;
  /** What people call it, for messages: "Org-API-Key", "API key", "App Secret", "member token". */
  readonly label: string;
}

/** Base62 characters of the checksum that ends every body (CRC32 fits in 6: 62^6 > 2^32). */
export const CHECKSUM_LENGTH = 6;

export const CREDENTIAL_FORMATS: Readonly<Record<CredentialKind, CredentialFormat>> = {
  'org-api-key': { prefixes: { sandbox: 'expys_test_', production: 'expys_live_' }, environmentBound: true, family: 'expys_', length: 32, entropyLength: 32 - CHECKSUM_LENGTH, label: 'Org-API-Key' },
  'api-key': { prefixes: { sandbox: 'test_sk_', production: 'prod_sk_' }, environmentBound: true, family: '', length: 32, entropyLength: 32 - CHECKSUM_LENGTH, label: 'API key' },
  // The documentation draws `secret_` + 16 characters; ours has 26 random characters (154 bits)
  // like the keys, because 16 minus a checksum would leave 59 bits for a long-lived secret.
  'app-secret': { prefixes: { sandbox: 'secret_', production: 'secret_' }, environmentBound: false, family: 'secret_', length: 32, entropyLength: 32 - CHECKSUM_LENGTH, label: 'App Secret' },
  'member-token': { prefixes: { sandbox: 'mt_test_', production: 'mt_live_' }, environmentBound: true, family: 'mt_', length: 40, entropyLength: 40 - CHECKSUM_LENGTH, label: 'member token' },
};

export const CREDENTIAL_KINDS = Object.keys(CREDENTIAL_FORMATS) as CredentialKind[];
export const ENVIRONMENTS: readonly Environment[] = ['sandbox', 'production'];

/** The secrets of a backend: never in an app (the member client refuses them, the leak scanner finds them). */
export const SERVER_SECRET_KINDS: readonly CredentialKind[] = ['org-api-key', 'api-key', 'app-secret'];

/**
 * The App ID: `app_` + 16 base62 characters, public (it names the application, like a Twilio
 * Account SID), so it has no checksum: there is nothing to verify offline about a name.
 */
export const APP_ID_PATTERN = /^app_[A-Za-z0-9]{16}$/;

/** The environment a credential's prefix names; `undefined` for a kind that names none (the App Secret). */
export function environmentOf(kind: CredentialKind, value: string): Environment | undefined {
  const format = CREDENTIAL_FORMATS[kind];
  if (!format.environmentBound) return undefined;
  return ENVIRONMENTS.find((environment) => value.startsWith(format.prefixes[environment]));
}

// The two Expys credentials, as the spec's servers declare them (`x-expys-key-prefix`,
// `x-expys-member-token-prefix`): a visible prefix naming the environment, then a base62 body
// made of random entropy and a 6-character checksum (see checksum.ts).

export type CredentialKind = 'org-api-key' | 'member-token';
export type Environment = 'sandbox' | 'production';

export interface CredentialFormat {
  /** The prefix per environment: `expys_test_` / `expys_live_`, `mt_test_` / `mt_live_`. */
  readonly prefixes: Readonly<Record<Environment, string>>;
  /** What every prefix of the kind starts with (`expys_`, `mt_`): a key of an unknown environment still has it. */
  readonly family: string;
  /** Base62 characters after the prefix: entropy + checksum. */
  readonly length: number;
  /** Random base62 characters at the start of the body. */
  readonly entropyLength: number;
}

/** Base62 characters of the checksum that ends every body (CRC32 fits in 6: 62^6 > 2^32). */
export const CHECKSUM_LENGTH = 6;

export const CREDENTIAL_FORMATS: Readonly<Record<CredentialKind, CredentialFormat>> = {
  'org-api-key': { prefixes: { sandbox: 'expys_test_', production: 'expys_live_' }, family: 'expys_', length: 32, entropyLength: 32 - CHECKSUM_LENGTH },
  'member-token': { prefixes: { sandbox: 'mt_test_', production: 'mt_live_' }, family: 'mt_', length: 40, entropyLength: 40 - CHECKSUM_LENGTH },
};

export const CREDENTIAL_KINDS = Object.keys(CREDENTIAL_FORMATS) as CredentialKind[];
export const ENVIRONMENTS: readonly Environment[] = ['sandbox', 'production'];

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
export declare const CHECKSUM_LENGTH = 6;
export declare const CREDENTIAL_FORMATS: Readonly<Record<CredentialKind, CredentialFormat>>;
export declare const CREDENTIAL_KINDS: CredentialKind[];
export declare const ENVIRONMENTS: readonly Environment[];

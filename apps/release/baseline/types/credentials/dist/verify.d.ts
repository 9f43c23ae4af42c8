import { type CredentialKind, type Environment } from './formats.js';
/**
 * Whether `body` (what follows `prefix`) is `length` base62 characters whose last 6 are the
 * checksum of prefix + the rest. Takes any prefix, so clients that read their prefixes from the
 * spec's servers check the same way.
 */
export declare function checksumMatches(prefix: string, body: string, length: number): boolean;
export interface CredentialCheck {
    kind: CredentialKind;
    environment: Environment;
    /** The prefix, then exactly the kind's number of base62 characters. */
    wellFormed: boolean;
    /** Well formed and the checksum matches: a credential Expys could have issued (not proof it is live). */
    checksumValid: boolean;
}
/**
 * Reads a credential: its kind and environment by prefix, whether it has the right shape and a
 * matching checksum. `undefined` when it carries no Expys prefix at all.
 */
export declare function verifyCredential(value: string): CredentialCheck | undefined;

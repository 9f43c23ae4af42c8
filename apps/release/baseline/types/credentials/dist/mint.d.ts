import { type CredentialKind, type Environment } from './formats.js';
/** Fills the array with random bytes, as `crypto.getRandomValues` does. */
export type RandomSource = (bytes: Uint8Array) => Uint8Array;
/** `length` base62 characters, each equally likely: bytes ≥ 248 (= 4 × 62) are drawn again, so `% 62` has no bias. */
export declare function randomBase62(length: number, random?: RandomSource): string;
/** A new Org-API-Key or member token for `environment`: prefix + random entropy + checksum. */
export declare function mintCredential(kind: CredentialKind, environment: Environment, random?: RandomSource): string;
/**
 * A credential with chosen entropy, for documentation and fixtures (`SandboxFullAccessKey000000`):
 * the readable part is kept, and the checksum makes it pass every check. Never for real credentials.
 */
export declare function credentialFromEntropy(kind: CredentialKind, environment: Environment, entropy: string): string;

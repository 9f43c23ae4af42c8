// New credentials: unbiased random base62 entropy from a cryptographic source, then the checksum.
import { BASE62_ALPHABET, checksum } from './checksum.js';
import { CREDENTIAL_FORMATS, type CredentialKind, type Environment } from './formats.js';

/** Fills the array with random bytes, as `crypto.getRandomValues` does. */
export type RandomSource = (bytes: Uint8Array) => Uint8Array;

const defaultRandom: RandomSource = (bytes) => globalThis.crypto.getRandomValues(bytes);

/** `length` base62 characters, each equally likely: bytes ≥ 248 (= 4 × 62) are drawn again, so `% 62` has no bias. */
export function randomBase62(length: number, random: RandomSource = defaultRandom): string {
  let out = '';
  const bytes = new Uint8Array(length + 8);
  while (out.length < length) {
    for (const byte of random(bytes)) {
      if (byte < 248) out += BASE62_ALPHABET[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/** A new credential for `environment` (ignored by the App Secret, which names none): prefix + random entropy + checksum. */
export function mintCredential(kind: CredentialKind, environment: Environment, random?: RandomSource): string {
  const format = CREDENTIAL_FORMATS[kind];
  const head = format.prefixes[environment] + randomBase62(format.entropyLength, random);
  return head + checksum(head);
}

/**
 * A credential with chosen entropy, for documentation and fixtures (`SandboxFullAccessKey000000`):
 * the readable part is kept, and the checksum makes it pass every check. Never for real credentials.
 */
export function credentialFromEntropy(kind: CredentialKind, environment: Environment, entropy: string): string {
  const format = CREDENTIAL_FORMATS[kind];
  if (entropy.length !== format.entropyLength || !/^[A-Za-z0-9]+$/.test(entropy)) {
    throw new RangeError(`${kind} entropy must be ${format.entropyLength} letters or digits, got ${entropy.length} characters`);
  }
  const head = format.prefixes[environment] + entropy;
  return head + checksum(head);
}

/** A new App ID: `app_` + 16 random base62 characters (public, so no checksum). */
export function mintAppId(random?: RandomSource): string {
  return `app_${randomBase62(16, random)}`;
}

/** An App ID with chosen characters, for documentation and fixtures. */
export function appIdFromEntropy(entropy: string): string {
  if (!/^[A-Za-z0-9]{16}$/.test(entropy)) throw new RangeError(`an App ID is app_ + 16 letters or digits, got ${entropy.length} characters`);
  return `app_${entropy}`;
}

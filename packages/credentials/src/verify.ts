// What a string is, by prefix, length and checksum: no network, no secret needed.
import { checksum } from './checksum.js';
import { CHECKSUM_LENGTH, CREDENTIAL_FORMATS, CREDENTIAL_KINDS, ENVIRONMENTS, type KindAndEnvironment } from './formats.js';

const BASE62 = /^[A-Za-z0-9]*$/;

/**
 * Whether `body` (what follows `prefix`) is `length` base62 characters whose last 6 are the
 * checksum of prefix + the rest. Takes any prefix, so clients that read their prefixes from the
 * spec's servers check the same way.
 */
export function checksumMatches(prefix: string, body: string, length: number): boolean {
  if (body.length !== length || length <= CHECKSUM_LENGTH || !BASE62.test(body)) return false;
  const split = length - CHECKSUM_LENGTH;
  return checksum(prefix + body.slice(0, split)) === body.slice(split);
}

export type CredentialCheck = KindAndEnvironment & {
  /** The prefix, then exactly the kind's number of base62 characters. */
  wellFormed: boolean;
  /** Well formed and the checksum matches: a credential Expys could have issued (not proof it is live). */
  checksumValid: boolean;
};

/**
 * Reads a credential: its kind and environment by prefix, whether it has the right shape and a
 * matching checksum. `undefined` when it carries no Expys prefix at all. An App Secret (`secret_`) names no
 * environment.
 */
export function verifyCredential(value: string): CredentialCheck | undefined {
  for (const kind of CREDENTIAL_KINDS) {
    const format = CREDENTIAL_FORMATS[kind];
    for (const environment of ENVIRONMENTS) {
      const prefix = format.prefixes[environment];
      if (!value.startsWith(prefix)) continue;
      const body = value.slice(prefix.length);
      const wellFormed = body.length === format.length && BASE62.test(body);
      const verdict = { wellFormed, checksumValid: wellFormed && checksumMatches(prefix, body, format.length) };
      return kind === 'app-secret' ? { kind, ...verdict } : { kind, environment, ...verdict };
    }
  }
  return undefined;
}

// Recognises a bearer token by its prefix, as the spec's servers declare them
// (`x-expys-key-prefix`, `x-expys-member-token-prefix`), and checks its checksum
// (@expys/credentials), so a mistyped or made-up credential is refused before it is sent.
// Each client decides what to refuse; this only says what a string looks like, and never echoes it.
import { checksumMatches, CREDENTIAL_FORMATS } from '@expys/credentials';
import type { EnvironmentTable } from './types.js';

/** Org-API-Key: prefix + 32 base62 characters; member token: prefix + 40 (the API's formats), each ending with a 6-character checksum. */
export const ORG_API_KEY_BODY_LENGTH = CREDENTIAL_FORMATS['org-api-key'].length;
export const MEMBER_TOKEN_BODY_LENGTH = CREDENTIAL_FORMATS['member-token'].length;

export type CredentialKind = 'org-api-key' | 'member-token' | 'unknown';

export interface CredentialShape {
  kind: CredentialKind;
  /** The environment whose prefix it carries, if any. */
  environment?: string;
  /** Exactly prefix + the right number of base62 characters, the last 6 a checksum that matches. */
  wellFormed: boolean;
  /** Prefix, length and characters are right but the checksum does not match: a mistyped or made-up credential. */
  checksumMismatch: boolean;
}

function commonPrefix(values: string[]): string {
  let prefix = values[0] ?? '';
  for (const value of values) while (!value.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

const BASE62 = /^[A-Za-z0-9]+$/;

export function credentialShape(token: string, environments: EnvironmentTable): CredentialShape {
  const entries = Object.entries(environments);
  // The family prefix (`expys_`, `mt_`) catches a key of an environment this build does not know.
  const families: [CredentialKind, 'keyPrefix' | 'memberTokenPrefix', number][] = [
    ['org-api-key', 'keyPrefix', ORG_API_KEY_BODY_LENGTH],
    ['member-token', 'memberTokenPrefix', MEMBER_TOKEN_BODY_LENGTH],
  ];
  for (const [kind, field, length] of families) {
    const prefixes = entries.map(([, env]) => env[field]);
    const family = commonPrefix(prefixes);
    const match = entries.find(([, env]) => token.startsWith(env[field]));
    if (!match && !(family && token.startsWith(family))) continue;
    const prefix = match?.[1][field] ?? '';
    const body = token.slice(prefix.length);
    const shaped = Boolean(match) && body.length === length && BASE62.test(body);
    const checksumValid = shaped && checksumMatches(prefix, body, length);
    return { kind, environment: match?.[0], wellFormed: checksumValid, checksumMismatch: shaped && !checksumValid };
  }
  return { kind: 'unknown', wellFormed: false, checksumMismatch: false };
}

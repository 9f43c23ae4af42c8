// Recognises a bearer token by its prefix, as the spec's servers declare them
// (`x-expys-key-prefix`, `x-expys-member-token-prefix`). Each client decides what to refuse;
// this only says what a string looks like, and never echoes it.
import type { EnvironmentTable } from './types.js';

/** Org-API-Key: prefix + 32 base62 characters; member token: prefix + 40 (the API's formats). */
export const ORG_API_KEY_BODY_LENGTH = 32;
export const MEMBER_TOKEN_BODY_LENGTH = 40;

export type CredentialKind = 'org-api-key' | 'member-token' | 'unknown';

export interface CredentialShape {
  kind: CredentialKind;
  /** The environment whose prefix it carries, if any. */
  environment?: string;
  /** Exactly prefix + the right number of base62 characters. */
  wellFormed: boolean;
}

function commonPrefix(values: string[]): string {
  let prefix = values[0] ?? '';
  for (const value of values) while (!value.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

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
    const body = match ? token.slice(match[1][field].length) : '';
    return {
      kind,
      environment: match?.[0],
      wellFormed: Boolean(match) && new RegExp(`^[A-Za-z0-9]{${length}}$`).test(body),
    };
  }
  return { kind: 'unknown', wellFormed: false };
}

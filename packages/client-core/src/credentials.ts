// Recognises a credential by its prefix and checks its checksum (@expys/credentials), so a
// mistyped or made-up credential is refused before it is sent. The Org-API-Key and member token
// prefixes come from the spec's servers (`x-expys-key-prefix`, `x-expys-member-token-prefix`);
// the API key (`test_sk_`/`prod_sk_`) and App Secret (`secret_`) prefixes from @expys/credentials,
// the one place their formats live. Each client decides what to refuse; this only says what a
// string looks like, and never echoes it.
import { APP_ID_PATTERN as APP_ID, checksumMatches, CREDENTIAL_FORMATS, SERVER_SECRET_KINDS as SECRET_KINDS } from '@expys/credentials';
import type { EnvironmentInfo, EnvironmentTable } from './types.js';

/** Org-API-Key and API key: prefix + 32 base62 characters; member token: prefix + 40 (the API's formats), each ending with a 6-character checksum. */
export const ORG_API_KEY_BODY_LENGTH = CREDENTIAL_FORMATS['org-api-key'].length;
export const API_KEY_BODY_LENGTH = CREDENTIAL_FORMATS['api-key'].length;
export const APP_SECRET_BODY_LENGTH = CREDENTIAL_FORMATS['app-secret'].length;
export const MEMBER_TOKEN_BODY_LENGTH = CREDENTIAL_FORMATS['member-token'].length;

export type CredentialKind = 'org-api-key' | 'api-key' | 'app-secret' | 'member-token' | 'unknown';

/** The secrets a backend keeps, never in an app: @expys/credentials' list (Org-API-Key, API key, App Secret). */
export const SERVER_SECRET_KINDS: readonly CredentialKind[] = SECRET_KINDS;

/** The App ID: `app_` + 16 base62 characters, public (it names an application), no checksum. */
export const APP_ID_PATTERN: RegExp = APP_ID;

/** What people call each kind, for messages. */
export const CREDENTIAL_LABELS: Readonly<Record<Exclude<CredentialKind, 'unknown'>, string>> = {
  'org-api-key': CREDENTIAL_FORMATS['org-api-key'].label,
  'api-key': CREDENTIAL_FORMATS['api-key'].label,
  'app-secret': CREDENTIAL_FORMATS['app-secret'].label,
  'member-token': CREDENTIAL_FORMATS['member-token'].label,
};

export interface CredentialShape {
  kind: CredentialKind;
  /** The environment whose prefix it carries, if any (never for an App Secret, whose prefix names none). */
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

/** The API key prefix of an environment of the table: production's for live environments, the sandbox's otherwise. */
export function apiKeyPrefix(env: EnvironmentInfo): string {
  return CREDENTIAL_FORMATS['api-key'].prefixes[env.live ? 'production' : 'sandbox'];
}

interface Family {
  kind: Exclude<CredentialKind, 'unknown'>;
  /** Prefix per environment name of the table. */
  prefixOf: (env: EnvironmentInfo) => string;
  /** Prefixes of the kind that no environment of the table names (a key of an environment this build does not know). */
  others: string[];
  length: number;
}

const FAMILIES: Family[] = [
  { kind: 'org-api-key', prefixOf: (env) => env.keyPrefix, others: [], length: ORG_API_KEY_BODY_LENGTH },
  { kind: 'member-token', prefixOf: (env) => env.memberTokenPrefix, others: [], length: MEMBER_TOKEN_BODY_LENGTH },
  { kind: 'api-key', prefixOf: apiKeyPrefix, others: /* @__PURE__ */ Object.values(CREDENTIAL_FORMATS['api-key'].prefixes), length: API_KEY_BODY_LENGTH },
];

const shapeOf = (kind: CredentialKind, environment: string | undefined, prefix: string | undefined, token: string, length: number): CredentialShape => {
  const body = prefix === undefined ? '' : token.slice(prefix.length);
  const shaped = prefix !== undefined && body.length === length && BASE62.test(body);
  const checksumValid = shaped && checksumMatches(prefix, body, length);
  return { kind, environment, wellFormed: checksumValid, checksumMismatch: shaped && !checksumValid };
};

export function credentialShape(token: string, environments: EnvironmentTable): CredentialShape {
  const entries = Object.entries(environments);
  for (const { kind, prefixOf, others, length } of FAMILIES) {
    const prefixes = entries.map(([, env]) => prefixOf(env));
    // The family prefix (`expys_`, `mt_`) catches a key of an environment this build does not know.
    const family = commonPrefix(prefixes);
    const match = entries.find(([, env]) => token.startsWith(prefixOf(env)));
    if (match) return shapeOf(kind, match[0], prefixOf(match[1]), token, length);
    if ((family && token.startsWith(family)) || others.some((prefix) => token.startsWith(prefix))) {
      return { kind, environment: undefined, wellFormed: false, checksumMismatch: false };
    }
  }
  const secretPrefix = CREDENTIAL_FORMATS['app-secret'].prefixes.sandbox;
  if (token.startsWith(secretPrefix)) return shapeOf('app-secret', undefined, secretPrefix, token, APP_SECRET_BODY_LENGTH);
  return { kind: 'unknown', wellFormed: false, checksumMismatch: false };
}

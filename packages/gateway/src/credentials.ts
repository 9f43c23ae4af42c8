// Who a bearer credential is, by format (@expys/credentials' parser) and, for the well-known
// samples, by value. Kinds are @expys/credentials' names (`org-api-key`, `member-token`): the
// core serves both audiences, and an app's bundle that carries it names no server scheme.
import { CREDENTIAL_FORMATS as FORMATS, readBearer as readBearerFormat, type CredentialKind } from '@expys/credentials';

export type { CredentialKind };
export type Environment = 'sandbox' | 'production';

/** Credential formats from the product: a visible environment prefix, then base62 ending in a 6-character checksum. */
export const CREDENTIAL_FORMATS = {
  'org-api-key': { ...FORMATS['org-api-key'].prefixes, length: FORMATS['org-api-key'].length },
  'member-token': { ...FORMATS['member-token'].prefixes, length: FORMATS['member-token'].length },
} as const;

export type Credential =
  | { kind: 'missing' }
  | { kind: 'malformed'; reason: string }
  | {
      kind: 'org-api-key';
      environment: Environment;
      scopes: 'all' | readonly string[];
      revoked: boolean;
      /** The key's id where keys are stored (the sandbox); absent in the mock. */
      keyId?: string;
    }
  | {
      kind: 'member-token';
      environment: Environment;
      expiredAt?: string;
      /** The member the token was minted for, where tokens are stored (the sandbox). */
      externalUserID?: string;
      /** Well-formed but never minted (or its member was removed): 401 unauthenticated. */
      unknown?: boolean;
    };

/** What an `Authorization` header holds, by format alone. */
export type BearerFormat = ReturnType<typeof readBearerFormat>;

/** Reads the bearer credential's format (@expys/credentials' readBearer, the one parser of it). */
export function readBearer(authorization: string | null | undefined): BearerFormat {
  return readBearerFormat(authorization ?? undefined);
}

/** Credentials whose meaning is fixed by value (the mock's samples): revoked, restricted, expired. */
export interface KnownCredentials {
  revokedKeys: readonly string[];
  /** Key → its scopes; any other key of the environment has every scope. */
  restrictedKeys: Readonly<Record<string, readonly string[]>>;
  /** Member token → the expiry it reports (401 token_expired). */
  expiredTokens: Readonly<Record<string, string>>;
}

/**
 * An authenticator that decides by format and by the known values: any well-formed test key
 * with a valid checksum is a full-access key, any such member token a valid token. The mock and
 * the MSW handlers use it; the sandbox looks its keys and tokens up instead.
 */
export function knownCredentials(known: KnownCredentials): (authorization: string | undefined) => Credential {
  return (authorization) => {
    const bearer = readBearer(authorization);
    if (bearer.kind === 'missing' || bearer.kind === 'malformed') return bearer;
    if (bearer.kind === 'org-api-key') {
      return { kind: 'org-api-key', environment: bearer.environment, scopes: known.restrictedKeys[bearer.value] ?? 'all', revoked: known.revokedKeys.includes(bearer.value) };
    }
    const expiredAt = known.expiredTokens[bearer.value];
    return expiredAt ? { kind: 'member-token', environment: bearer.environment, expiredAt } : { kind: 'member-token', environment: bearer.environment };
  };
}

/**
 * The key a credential's rate-limit budget is kept under: the credential as parsed, never the raw
 * header (`bearer`, `BEARER`, extra spaces and a trailing tab are one credential). Called once the
 * header was accepted as a bearer credential, so the value is what follows the scheme, trimmed
 * (no second checksum computation per request).
 */
export function rateKey(credential: Credential, authorization: string | undefined): string {
  return `${credential.kind}:${(authorization ?? '').trim().replace(/^bearer\s+/i, '')}`;
}

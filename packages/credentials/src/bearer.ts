// The bearer credential of an `Authorization` header, by format alone: the one parser the mock's
// gateway, the sandbox and @expys/msw-handlers share, so a request is refused in the same words
// by all three. Who the credential belongs to (revoked, expired, its scopes) is theirs to decide.
import { CREDENTIAL_FORMATS, type CredentialKind, type Environment } from './formats.js';
import { verifyCredential } from './verify.js';

/** What an `Authorization` header holds: no credential, a malformed one (`reason` says why), or a key or token of an environment. */
export type BearerFormat =
  | { kind: 'missing' }
  | { kind: 'malformed'; reason: string }
  | { kind: CredentialKind; environment: Environment; value: string };

const BEARER = /^Bearer +(\S+)\s*$/i;

/**
 * Reads the `Authorization` header: `missing` when absent or blank; `malformed` when it is not
 * `Bearer <credential>`, has no Expys prefix, the wrong length or characters after the prefix, or a
 * checksum that does not match; otherwise the credential's kind, environment and value. The
 * reasons are sentences the mock and the sandbox quote in their 401 problem details.
 */
export function readBearer(authorization: string | null | undefined): BearerFormat {
  if (authorization === null || authorization === undefined || authorization.trim() === '') return { kind: 'missing' };
  const match = BEARER.exec(authorization);
  if (!match) return { kind: 'malformed', reason: 'the Authorization header is not "Bearer <credential>"' };
  const value = match[1];

  const check = verifyCredential(value);
  if (!check) return { kind: 'malformed', reason: 'the bearer is neither an Org-API-Key (expys_test_…) nor a member token (mt_test_…)' };
  const format = CREDENTIAL_FORMATS[check.kind];
  const prefix = format.prefixes[check.environment];
  if (!check.wellFormed) return { kind: 'malformed', reason: `${prefix}… must be followed by exactly ${format.length} letters or digits` };
  if (!check.checksumValid) {
    return { kind: 'malformed', reason: `the checksum of this ${prefix}… credential does not match (its last 6 characters), so it is mistyped or made up` };
  }
  return { kind: check.kind, environment: check.environment, value };
}

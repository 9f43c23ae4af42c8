// The bearer credential of an `Authorization` header, by format alone: the one parser the mock's
// gateway, the sandbox and @expys/msw-handlers share, so a request is refused in the same words
// by all three. Who the credential belongs to (revoked, expired, its scopes) is theirs to decide.
import { checksumMatches } from './verify.js';
import { CREDENTIAL_FORMATS, CREDENTIAL_KINDS, ENVIRONMENTS, type CredentialKind, type Environment } from './formats.js';

/** What an `Authorization` header holds: no credential, a malformed one (`reason` says why), or a key or token of an environment. */
export type BearerFormat =
  | { kind: 'missing' }
  | { kind: 'malformed'; reason: string }
  | { kind: CredentialKind; environment: Environment; value: string };

const BEARER = /^Bearer +(\S+)\s*$/i;
const BASE62 = /^[A-Za-z0-9]+$/;

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

  for (const kind of CREDENTIAL_KINDS) {
    const format = CREDENTIAL_FORMATS[kind];
    for (const environment of ENVIRONMENTS) {
      const prefix = format.prefixes[environment];
      if (!value.startsWith(prefix)) continue;
      const body = value.slice(prefix.length);
      if (body.length !== format.length || !BASE62.test(body)) {
        return { kind: 'malformed', reason: `${prefix}… must be followed by exactly ${format.length} letters or digits` };
      }
      if (!checksumMatches(prefix, body, format.length)) {
        return { kind: 'malformed', reason: `the checksum of this ${prefix}… credential does not match (its last 6 characters), so it is mistyped or made up` };
      }
      return { kind, environment, value };
    }
  }
  return { kind: 'malformed', reason: 'the bearer is neither an Org-API-Key (expys_test_…) nor a member token (mt_test_…)' };
}

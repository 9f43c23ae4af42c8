// The bearer credential of an `Authorization` header, by format alone: the one parser the mock's
// gateway, the sandbox and @expys/msw-handlers share, so a request is refused in the same words
// by all three. Who the credential belongs to (revoked, expired, its scopes) is theirs to decide.
import { APP_ID_PATTERN, CREDENTIAL_FORMATS, type KindAndEnvironment } from './formats.js';
import { verifyCredential } from './verify.js';

/** What an `Authorization` header holds: no credential, a malformed one (`reason` says why), or a key or token of an environment. */
export type BearerFormat =
  | { kind: 'missing' }
  | { kind: 'malformed'; reason: string }
  | (KindAndEnvironment & { value: string });

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
  if (!check) return { kind: 'malformed', reason: 'the bearer is none of an Org-API-Key (expys_test_…), an API key (test_sk_…) or a member token (mt_test_…)' };
  const format = CREDENTIAL_FORMATS[check.kind];
  const prefix = format.prefixes[check.environment ?? 'sandbox'];
  if (!check.wellFormed) return { kind: 'malformed', reason: `${prefix}… must be followed by exactly ${format.length} letters or digits` };
  if (!check.checksumValid) {
    return { kind: 'malformed', reason: `the checksum of this ${prefix}… credential does not match (its last 6 characters), so it is mistyped or made up` };
  }
  return check.kind === 'app-secret' ? { kind: check.kind, value } : { kind: check.kind, environment: check.environment, value };
}

/** What an `Authorization: Basic` header holds for the application's own operations. */
export type AppCredentialsFormat =
  | { kind: 'missing' }
  | { kind: 'malformed'; reason: string }
  | { kind: 'app-credentials'; appId: string; appSecret: string };

const BASIC = /^Basic +([A-Za-z0-9+/]+={0,2})\s*$/i;

/**
 * Reads HTTP Basic application credentials: the App ID as the user name, the App Secret as the
 * password (as Twilio takes its Account SID and Auth Token). Checks the App ID's shape and the
 * App Secret's checksum; whether they belong together is the server's to decide.
 */
export function readAppCredentials(authorization: string | null | undefined): AppCredentialsFormat {
  if (authorization === null || authorization === undefined || authorization.trim() === '') return { kind: 'missing' };
  const match = BASIC.exec(authorization);
  if (!match) return { kind: 'malformed', reason: 'the Authorization header is not "Basic <base64 of App ID:App Secret>"' };
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(match[1]), (c) => c.charCodeAt(0)));
  } catch {
    return { kind: 'malformed', reason: 'the Basic credentials are not base64 of UTF-8 text' };
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return { kind: 'malformed', reason: 'the Basic credentials have no ":" between the App ID and the App Secret' };
  const [appId, appSecret] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  if (!APP_ID_PATTERN.test(appId)) return { kind: 'malformed', reason: 'the user name is not an App ID (app_ + 16 letters or digits)' };
  const check = verifyCredential(appSecret);
  if (!check || check.kind !== 'app-secret') return { kind: 'malformed', reason: 'the password is not an App Secret (secret_…)' };
  if (!check.wellFormed) return { kind: 'malformed', reason: `secret_… must be followed by exactly ${CREDENTIAL_FORMATS['app-secret'].length} letters or digits` };
  if (!check.checksumValid) return { kind: 'malformed', reason: 'the checksum of this App Secret does not match (its last 6 characters), so it is mistyped or made up' };
  return { kind: 'app-credentials', appId, appSecret };
}

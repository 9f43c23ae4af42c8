import { credentialFromEntropy, CREDENTIAL_FORMATS, type CredentialKind, type Environment } from '@expys/credentials';
import { initialize, type MemberClientOptions } from '../src/index.js';

export { problem, startApiServer } from '../../client-core/test/support/api-server.js';

// Shaped like real credentials (prefix + base62 entropy + checksum), never real ones.
const fixture = (kind: CredentialKind, environment: Environment, seed: string) =>
  credentialFromEntropy(kind, environment, seed.repeat(40).slice(0, CREDENTIAL_FORMATS[kind].entropyLength));
export const SANDBOX_TOKEN = fixture('member-token', 'sandbox', 'Tk7q2');
export const SANDBOX_TOKEN_2 = fixture('member-token', 'sandbox', 'Rf9w4');
export const LIVE_TOKEN = fixture('member-token', 'production', 'Lv3p8');
export const SANDBOX_ORG_KEY = fixture('org-api-key', 'sandbox', 'Ok5s1');
export const LIVE_ORG_KEY = fixture('org-api-key', 'production', 'Ok5s1');
export const SANDBOX_API_KEY = fixture('api-key', 'sandbox', 'Ak4p1');
export const LIVE_API_KEY = fixture('api-key', 'production', 'Ak4p1');
export const APP_SECRET = fixture('app-secret', 'sandbox', 'Sc3t9');

/** A member client against the test server, with millisecond backoff. */
export function memberClient(baseUrl: string, options: Partial<MemberClientOptions> = {}) {
  return initialize({ baseUrl, environment: 'sandbox', token: SANDBOX_TOKEN, retryDelays: { initialDelayMs: 1, maxDelayMs: 4 }, ...options });
}

export const OFFER = { id: 'off_7Hq2LmN4pX9rT1vB' };

/** The backend secrets a member client must never send, by name. */
export const SECRETS = [
  ['a sandbox Org-API-Key', SANDBOX_ORG_KEY],
  ['a live Org-API-Key', LIVE_ORG_KEY],
  ['an API key', SANDBOX_API_KEY],
  ['an App Secret', APP_SECRET],
] as const;

/** The secret without its prefix: what a server (or a log) keeps when it strips the prefix. */
export const bodyOf = (secret: string) => secret.replace(/^(expys_(test|live)_|(test|prod)_sk_|secret_|mt_(test|live)_)/, '');

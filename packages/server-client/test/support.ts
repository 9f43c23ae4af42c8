import { credentialFromEntropy, CREDENTIAL_FORMATS, type CredentialKind, type Environment } from '@expys/credentials';
import { initialize, type ServerClientOptions } from '../src/index.js';

export { problem, startApiServer } from '../../client-core/test/support/api-server.js';

// Shaped like real credentials (prefix + base62 entropy + checksum), never real ones.
const fixture = (kind: CredentialKind, environment: Environment, seed: string) =>
  credentialFromEntropy(kind, environment, seed.repeat(40).slice(0, CREDENTIAL_FORMATS[kind].entropyLength));
export const SANDBOX_KEY = fixture('org-api-key', 'sandbox', 'Xk29d');
export const LIVE_KEY = fixture('org-api-key', 'production', 'Xk29d');
export const MEMBER_TOKEN = fixture('member-token', 'sandbox', 'Tk7q2');
export const LIVE_MEMBER_TOKEN = fixture('member-token', 'production', 'Tk7q2');

/** A server client against the test server, with millisecond backoff. */
export function serverClient(baseUrl: string, options: Partial<ServerClientOptions> = {}) {
  return initialize({ baseUrl, environment: 'sandbox', token: SANDBOX_KEY, retryDelays: { initialDelayMs: 1, maxDelayMs: 4 }, ...options });
}

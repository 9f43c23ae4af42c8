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
export const API_KEY = fixture('api-key', 'sandbox', 'Ak4p1');
export const NEXT_API_KEY = fixture('api-key', 'sandbox', 'Nx8r3');
export const LIVE_API_KEY = fixture('api-key', 'production', 'Ak4p1');
export const APP_SECRET = fixture('app-secret', 'sandbox', 'Sc3t9');
export const NEXT_APP_SECRET = fixture('app-secret', 'sandbox', 'Nw5e2');
export const APP_ID = 'app_Test0App0Id0Sixt';

/** A server client against the test server, with millisecond backoff. */
export function serverClient(baseUrl: string, options: Partial<ServerClientOptions> = {}) {
  return initialize({ baseUrl, environment: 'sandbox', token: SANDBOX_KEY, retryDelays: { initialDelayMs: 1, maxDelayMs: 4 }, ...options });
}

/** The error a call rejects with (a call that resolves fails the test). */
export function rejection<E = import('../src/index.js').CredentialError>(call: PromiseLike<unknown>): Promise<E> {
  return Promise.resolve(call).then(
    () => {
      throw new Error('expected the call to reject, it resolved');
    },
    (error: unknown) => error as E,
  );
}

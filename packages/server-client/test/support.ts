import { initialize, type ServerClientOptions } from '../src/index.js';

export { problem, startApiServer } from '../../client-core/test/support/api-server.js';

// Shaped like real credentials (prefix + base62), never real ones.
const body = (seed: string, length: number) => seed.repeat(length).slice(0, length);
export const SANDBOX_KEY = `expys_test_${body('Xk29d', 32)}`;
export const LIVE_KEY = `expys_live_${body('Xk29d', 32)}`;
export const MEMBER_TOKEN = `mt_test_${body('Tk7q2', 40)}`;
export const LIVE_MEMBER_TOKEN = `mt_live_${body('Tk7q2', 40)}`;

/** A server client against the test server, with millisecond backoff. */
export function serverClient(baseUrl: string, options: Partial<ServerClientOptions> = {}) {
  return initialize({ baseUrl, environment: 'sandbox', token: SANDBOX_KEY, retryDelays: { initialDelayMs: 1, maxDelayMs: 4 }, ...options });
}

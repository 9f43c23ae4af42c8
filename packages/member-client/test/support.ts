import { initialize, type MemberClientOptions } from '../src/index.js';

export { problem, startApiServer } from '../../client-core/test/support/api-server.js';

// Shaped like real credentials (prefix + base62), never real ones.
const body = (seed: string, length: number) => seed.repeat(length).slice(0, length);
export const SANDBOX_TOKEN = `mt_test_${body('Tk7q2', 40)}`;
export const SANDBOX_TOKEN_2 = `mt_test_${body('Rf9w4', 40)}`;
export const LIVE_TOKEN = `mt_live_${body('Lv3p8', 40)}`;
export const SANDBOX_ORG_KEY = `expys_test_${body('Ok5s1', 32)}`;
export const LIVE_ORG_KEY = `expys_live_${body('Ok5s1', 32)}`;

/** A member client against the test server, with millisecond backoff. */
export function memberClient(baseUrl: string, options: Partial<MemberClientOptions> = {}) {
  return initialize({ baseUrl, environment: 'sandbox', token: SANDBOX_TOKEN, retryDelays: { initialDelayMs: 1, maxDelayMs: 4 }, ...options });
}

export const OFFER = { id: 'off_7Hq2LmN4pX9rT1vB' };

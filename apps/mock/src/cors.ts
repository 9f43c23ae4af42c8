// CORS for apps served from this machine (any port). Other origins get no CORS headers at all,
// so a browser app deployed elsewhere cannot quietly depend on the mock.
import type { IncomingMessage } from 'node:http';

const LOCAL_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

export const ALLOWED_REQUEST_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'Prefer'];
export const EXPOSED_RESPONSE_HEADERS = ['sl-violations', 'Retry-After'];
const DEFAULT_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export function isLocalOrigin(origin: string | undefined): origin is string {
  if (!origin) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOCAL_HOSTNAMES.has(url.hostname);
  } catch {
    return false;
  }
}

/** Headers for an actual (non-preflight) response; empty for a non-local or missing origin. */
export function corsHeaders(origin: string | undefined): Record<string, string> {
  if (!isLocalOrigin(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': EXPOSED_RESPONSE_HEADERS.join(', '),
    vary: 'Origin',
  };
}

export function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS' && typeof req.headers['access-control-request-method'] === 'string';
}

/** The preflight answer; `methods` are those the spec defines on the path (all, for an unknown path). */
export function preflightHeaders(origin: string | undefined, methods: string[]): Record<string, string> {
  const vary = { vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers' };
  if (!isLocalOrigin(origin)) return vary;
  return {
    ...vary,
    'access-control-allow-origin': origin,
    'access-control-allow-methods': (methods.length > 0 ? methods : DEFAULT_METHODS).join(', '),
    'access-control-allow-headers': ALLOWED_REQUEST_HEADERS.join(', '),
    'access-control-max-age': '600',
  };
}

// CORS for browser apps. By default any origin on this machine (localhost, 127.0.0.1, [::1], any
// port) is allowed, so an app deployed elsewhere cannot quietly depend on a local mock; a list of
// origins, or '*', can be configured. Preflights allow whatever request headers the browser asks
// for (tracing headers, the client's own headers); answers expose the headers clients read.

export type CorsOrigins = 'local' | '*' | readonly string[];

const LOCAL_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);
export const EXPOSED_RESPONSE_HEADERS = ['Request-Id', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Retry-After', 'Allow'];
/** A header name is an HTTP token; anything else in Access-Control-Request-Headers is dropped. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function isLocalOrigin(origin: string | undefined): origin is string {
  if (!origin) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOCAL_HOSTNAMES.has(url.hostname);
  } catch {
    return false;
  }
}

export function isAllowedOrigin(origin: string | undefined, allowed: CorsOrigins): origin is string {
  if (!origin) return false;
  if (allowed === '*') return true;
  if (allowed === 'local') return isLocalOrigin(origin);
  return allowed.includes(origin);
}

/**
 * Headers for an actual (non-preflight) answer; empty for an origin that is not allowed.
 * `expose` adds response headers of the server's own to those browsers may read.
 */
export function corsHeaders(origin: string | undefined, allowed: CorsOrigins, expose: readonly string[] = []): Record<string, string> {
  if (!isAllowedOrigin(origin, allowed)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': [...EXPOSED_RESPONSE_HEADERS, ...expose].join(', '),
    vary: 'Origin',
  };
}

export function isPreflight(method: string, headers: Record<string, unknown>): boolean {
  return method === 'OPTIONS' && typeof headers['access-control-request-method'] === 'string';
}

/** The preflight answer: `methods` are those the spec defines on the path. */
export function preflightHeaders(origin: string | undefined, allowed: CorsOrigins, methods: string[], requestedHeaders: string | undefined): Record<string, string> {
  const vary = { vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers' };
  if (!isAllowedOrigin(origin, allowed)) return vary;
  const asked = (requestedHeaders ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter((h) => TOKEN.test(h));
  const headers = [...new Set(['Authorization', 'Content-Type', 'Idempotency-Key', 'Prefer', 'Expys-Client', ...asked])];
  return {
    ...vary,
    'access-control-allow-origin': origin,
    'access-control-allow-methods': methods.join(', '),
    'access-control-allow-headers': headers.join(', '),
    'access-control-max-age': '600',
  };
}

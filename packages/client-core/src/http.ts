// One HTTP exchange, straight on `fetch`: the URL from the path template and the query, the JSON
// body, and the answer parsed. This replaced openapi-fetch at run time (its types were never
// used here: the generated `Methods` carry them): dropping it took an app bundle from 8.8 to
// 6.7 kB gzip and, on Node 20, a call from 1.51× to 1.22× raw fetch (member-client's bench/).
import type { HttpMethod } from './types.js';

export type HttpAnswer = { ok: true; data: unknown; response: Response } | { ok: false; body: unknown; response: Response };

const encode = encodeURIComponent;

/**
 * The query string as openapi-fetch wrote it for the spec's parameters (form style, exploded):
 * `undefined` and `null` are left out, an array repeats its key.
 */
export function queryString(query: Record<string, unknown> | undefined): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) parts.push(`${encode(name)}=${encode(String(item))}`);
    }
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** `baseUrl` (no trailing slash) + the path template filled in, percent-encoded + the query. */
export function urlFor(baseUrl: string, path: string, pathParams: Record<string, string>, query: Record<string, unknown> | undefined): string {
  return `${baseUrl}${path.replace(/\{([^{}]+)\}/g, (_, name: string) => encode(pathParams[name]))}${queryString(query)}`;
}

/** The fetch options: the JSON text of the body (with its Content-Type) when there is one. */
export function requestInit(method: HttpMethod, headers: Record<string, string>, json: string | undefined, signal: AbortSignal): RequestInit {
  return json === undefined ? { method, headers, signal } : { method, headers: { ...headers, 'content-type': 'application/json' }, body: json, signal };
}

/**
 * Reads an answer: a 2xx body is JSON (none for 204 or an empty body); an error body is JSON
 * when it parses, its text otherwise. A body that breaks off, or a 2xx that is not JSON, rejects
 * with what the parser threw: the caller decides what it means.
 */
export async function readAnswer(response: Response): Promise<HttpAnswer> {
  const empty = response.status === 204 || response.headers.get('content-length') === '0';
  const text = empty ? '' : await response.text();
  // text() then JSON.parse: measured faster than response.json() on Node's fetch (bench/per-call.ts).
  // An empty 2xx body (chunked, so without content-length: 0) is no data, not broken JSON.
  if (response.ok) return { ok: true, data: empty || text === '' ? undefined : JSON.parse(text), response };
  let body: unknown = text || undefined;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's HTML page, plain text): the text is the body.
  }
  return { ok: false, body, response };
}

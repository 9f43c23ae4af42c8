// A fetch on node:http that sends what it is given, for the leak tests (leak-paths, lean-entry).
import { request as httpRequest } from 'node:http';

/**
 * A fetch as some polyfills write it, on node:http with the URL as given: unlike Node's own fetch
 * it does not refuse `user:pass@`, it sends it as `Authorization: Basic`. The client must not
 * count on its fetch to refuse what it should refuse itself.
 */
export const permissiveFetch = (async (input: string | URL | Request, init: RequestInit = {}) => {
  const isRequest = input instanceof Request;
  const url = new URL(isRequest ? input.url : String(input));
  const method = (isRequest ? input.method : init.method) ?? 'GET';
  const headers = Object.fromEntries(new Headers(isRequest ? input.headers : init.headers));
  const raw = isRequest ? (input.body ? Buffer.from(await input.arrayBuffer()) : undefined) : init.body;
  const body = raw == null ? undefined : typeof raw === 'string' ? raw : Buffer.from(raw as Uint8Array);
  const signal = init.signal ?? (isRequest ? input.signal : undefined) ?? undefined;
  return new Promise<Response>((resolve, reject) => {
    const req = httpRequest(url, { method, headers, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const status = res.statusCode ?? 500;
        const responseHeaders = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) responseHeaders.set(k, Array.isArray(v) ? v.join(', ') : v);
        resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers: responseHeaders }));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}) as typeof fetch;

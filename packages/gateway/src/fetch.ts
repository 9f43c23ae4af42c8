// The boundary as a plain `fetch` handler: `(request: Request) => Promise<Response>`, for any
// runtime with the Fetch API (Node's own server adapters, Bun.serve, Deno.serve, a Cloudflare or
// other edge worker, a service worker). The body is read within the limit as it streams, and the
// operation handler runs within a deadline, aborted when the client goes away.
import { BODY_LIMIT_BYTES } from './body.js';
import { Boundary, bodyBytes, type BoundaryOptions } from './boundary.js';
import type { Answer, HeaderBag, OperationHandler, RequestLogEntry } from './types.js';

export interface FetchHandlerOptions extends Omit<BoundaryOptions, 'bodyBytes'> {
  handler: OperationHandler;
  /** Largest request body read, in bytes (default 1 MiB). */
  bodyBytes?: number;
  /** Time the operation handler has to answer (default 15 s). */
  handlerTimeoutMs?: number;
  onRequest?: (entry: RequestLogEntry) => void;
}

export type FetchHandler = ((request: Request) => Promise<Response>) & { boundary: Boundary };

/** Request headers as the boundary reads them (lower-case names; the Fetch API joins repeats). */
export function headersOf(headers: Headers): HeaderBag {
  const bag: Record<string, string> = {};
  headers.forEach((value, name) => (bag[name] = value));
  return bag;
}

export function toResponse(answer: Answer): Response {
  const empty = answer.status === 204 || answer.status === 304 || answer.body === undefined;
  return new Response(empty ? null : (bodyBytes(answer) as BodyInit), { status: answer.status, headers: answer.headers });
}

/** Reads a body, stopping past `limit` bytes: `undefined` for no body, `'too_large'` past the limit. */
async function readBody(request: Request, limit: number): Promise<Uint8Array | undefined | 'too_large'> {
  if (!request.body) return undefined;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return 'too_large';
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

export function createFetchHandler(options: FetchHandlerOptions): FetchHandler {
  const limit = options.bodyBytes ?? BODY_LIMIT_BYTES;
  const timeoutMs = options.handlerTimeoutMs ?? 15_000;
  const boundary = new Boundary({ ...options, bodyBytes: limit });

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const headers = headersOf(request.headers);
    const hasBody = request.body !== null && headers['content-length'] !== '0';
    const head = { method: request.method, url: url.pathname + url.search, headers, hasBody };
    const state = boundary.start(head);
    const finish = (answer: Answer) => {
      options.onRequest?.(boundary.logEntry(state, answer.status));
      return toResponse(answer);
    };
    try {
      const decision = await boundary.head(head, state);
      if (decision.kind === 'answer') return finish(decision.answer);
      if (decision.kind === 'control-plane') return finish(boundary.refuse(state, 'not_found', `Nothing is at ${request.method} ${url.pathname}.`));
      const bytes = hasBody ? await readBody(request, limit) : undefined;
      if (bytes === 'too_large') return finish(boundary.refuse(state, 'payload_too_large', boundary.tooLarge()));
      const checked = boundary.body(state, bytes, headers);
      if (checked.kind === 'answer') return finish(checked.answer);

      const controller = new AbortController();
      const onAbort = () => controller.abort(request.signal.reason);
      request.signal.addEventListener('abort', onAbort, { once: true });
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const response = await Promise.race([
          options.handler({ ...checked.request, signal: controller.signal }),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => {
              controller.abort(new Error('timeout'));
              reject(new Error(`the operation did not answer within ${timeoutMs / 1000} s`));
            }, timeoutMs);
          }),
        ]);
        return finish(boundary.respond(state, response));
      } finally {
        clearTimeout(timer);
        request.signal.removeEventListener('abort', onAbort);
      }
    } catch (error) {
      return finish(boundary.failed(state, (error as Error)?.message ?? String(error)));
    }
  };
  return Object.assign(handle, { boundary });
}

// Passes a request to Prism and its answer back, unchanged apart from hop-by-hop headers
// (which belong to each connection) and CORS (which the boundary owns). Bodies are streamed.
import http, { type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export interface Upstream {
  host: string;
  port: number;
  agent: http.Agent;
  /** Settles when Prism is listening: the public port opens first, so early requests wait for it. */
  ready: Promise<void>;
}

function endToEnd(headers: IncomingHttpHeaders, dropCors: boolean): OutgoingHttpHeaders {
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    // Prism runs with --no-cors; this also covers a Prism that adds them anyway.
    if (dropCors && name.startsWith('access-control-')) continue;
    kept[name] = value;
  }
  return kept;
}

/**
 * Sends `req` to Prism. `body`, when given, replaces reading `req` (the boundary had to buffer
 * it to check it); otherwise the request body is streamed through.
 */
export function forwardToPrism(
  req: IncomingMessage,
  res: ServerResponse,
  upstream: Upstream,
  options: {
    responseHeaders: Record<string, string>;
    /** Headers the boundary adds to the request (e.g. a `prefer` for next-page requests). */
    requestHeaders?: Record<string, string>;
    body?: Buffer;
    onUnreachable: (error: Error) => void;
  },
): void {
  const outgoing = http.request(
    {
      host: upstream.host,
      port: upstream.port,
      agent: upstream.agent,
      method: req.method,
      path: req.url,
      headers: { ...endToEnd(req.headers, false), ...options.requestHeaders },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...endToEnd(answer.headers, true), ...options.responseHeaders });
      pipeline(answer, res, () => {});
    },
  );
  outgoing.on('error', (error) => {
    if (!res.headersSent) options.onUnreachable(error);
    else res.destroy(error);
  });
  // The client went away: stop waiting for Prism too.
  res.on('close', () => {
    if (!res.writableFinished) outgoing.destroy();
  });

  if (options.body) outgoing.end(options.body);
  else pipeline(req, outgoing, () => {});
}

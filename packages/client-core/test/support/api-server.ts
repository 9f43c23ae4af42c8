// A real HTTP server on 127.0.0.1:0 for the client tests: it records every request it gets
// (so a test can prove that zero, one or three reached the network) and answers from a script.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';

export interface RecordedRequest {
  method: string;
  /** Path and query string, as received. */
  url: string;
  pathname: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json?: unknown;
}

export interface Reply {
  status?: number;
  json?: unknown;
  headers?: Record<string, string>;
  /** Raw body, sent as is (when `json` is not given). */
  body?: string;
  /** Destroy the socket without answering: the client sees a network error. */
  drop?: true;
}

export type Script = (request: RecordedRequest, index: number) => Reply | Promise<Reply>;

export interface ApiServer {
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** An RFC 9457 problem as the Expys API sends it. */
export function problem(status: number, code: string, detail = `detail for ${code}`, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
    json: { type: `https://docs.expys.com/errors/${code}`, title: code.replace(/_/g, ' '), status, detail, code, requestId: `req_${code.replace(/_/g, '')}42` },
  };
}

/** Starts the server and closes it when the current test ends, pass or fail. */
export async function startApiServer(script: Script = () => ({ status: 200, json: {} })): Promise<ApiServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let json: unknown;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      const recorded: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', pathname: url.pathname, query: url.searchParams, headers: req.headers, body, json };
      requests.push(recorded);
      try {
        const reply = await script(recorded, requests.length - 1);
        if (reply.drop) return void req.socket.destroy();
        const payload = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.body ?? '');
        const type = reply.json !== undefined ? { 'content-type': 'application/json' } : {};
        res.writeHead(reply.status ?? 200, { ...type, ...reply.headers });
        res.end(reply.status === 204 ? undefined : payload);
      } catch (error) {
        res.writeHead(599).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  onTestFinished(close);
  return { baseUrl: `http://127.0.0.1:${port}`, requests, close };
}

// Test helpers: a recording proxy in front of the mock (what the mock received, bodies
// included) and a log sink for the backend's Fastify logger.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UpstreamRequest {
  method: string;
  url: string;
  body: string;
}

export interface RecordingProxy {
  url: string;
  requests: UpstreamRequest[];
  stop(): Promise<void>;
}

/** Forwards every request to `target` and records it: the backend's Expys calls, as sent. */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const requests: UpstreamRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    requests.push({ method: req.method ?? '', url: req.url ?? '', body: body.toString('utf8') });
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || ['host', 'connection', 'content-length'].includes(name)) continue;
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    try {
      const upstream = await fetch(new URL(req.url ?? '/', target), { method: req.method ?? 'GET', headers, ...(body.length ? { body } : {}) });
      const answer = Buffer.from(await upstream.arrayBuffer());
      const out: Record<string, string> = {};
      // fetch has already decoded the body: its length and encoding headers no longer apply.
      upstream.headers.forEach((value, name) => {
        if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name)) out[name] = value;
      });
      res.writeHead(upstream.status, out).end(answer);
    } catch {
      res.writeHead(502).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A pino destination that keeps each log line. */
export function logSink(): { lines: string[]; stream: { write(line: string): void } } {
  const lines: string[] = [];
  return { lines, stream: { write: (line: string) => void lines.push(line) } };
}

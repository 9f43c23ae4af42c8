// A raw TCP server on 127.0.0.1 speaking just enough HTTP/1.1 to answer a client, recording every
// byte it receives (request lines, headers, bodies, across every connection), so a test can say
// that no byte of a secret reached the network: not in the URL, a header or a body, whatever
// the HTTP layer on either side made of it. Every answer closes its connection.
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';

export interface ReceivedRequest {
  /** Request line and headers, as received. */
  head: string;
  method: string;
  target: string;
  body: Buffer;
  index: number;
}

/** Answers one request; the default writes `{}` as JSON. It may write to the socket as it likes. */
export type Responder = (request: ReceivedRequest, socket: Socket) => void | Promise<void>;

export interface RecordingServer {
  baseUrl: string;
  port: number;
  /** Every request parsed so far. */
  requests: ReceivedRequest[];
  /** Every connection accepted, whether or not a request was parsed on it. */
  connections(): number;
  /** All bytes received on every connection, in arrival order per connection. */
  received(): Buffer;
  close(): Promise<void>;
}

const HEAD_END = Buffer.from('\r\n\r\n');

/** Writes a whole JSON answer and closes the connection. */
export function answerJson(socket: Socket, value: unknown, status = 200, headers: Record<string, string> = {}): void {
  const body = Buffer.from(JSON.stringify(value));
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  const extra = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  socket.end(
    Buffer.concat([
      Buffer.from(`HTTP/1.1 ${status} X\r\ncontent-type: ${type}\r\ncontent-length: ${body.length}\r\nrequest-id: req_rec1\r\n${extra}connection: close\r\n\r\n`),
      body,
    ]),
  );
}

/**
 * Streams `total` bytes of a JSON body (`{"data":"aaaa…"}`) with backpressure, generated as it
 * goes (the server never holds the body), stopping when the client goes away.
 * With `declareLength: false` the body is close-delimited: its size is known only by counting.
 */
export async function streamJson(socket: Socket, total: number, { declareLength = true } = {}): Promise<{ written: number }> {
  const head = `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n${declareLength ? `content-length: ${total}\r\n` : ''}connection: close\r\n\r\n`;
  const open = Buffer.from('{"data":"');
  const close = Buffer.from('"}');
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let written = 0;
  let gone = false;
  socket.on('close', () => (gone = true));
  socket.on('error', () => (gone = true));
  const write = async (buf: Buffer) => {
    if (gone || socket.destroyed) return false;
    written += buf.length;
    if (!socket.write(buf)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          socket.off('drain', done);
          socket.off('close', done);
          resolve();
        };
        socket.on('drain', done);
        socket.on('close', done);
      });
    }
    return !gone;
  };
  if (!(await write(Buffer.from(head)))) return { written };
  written = 0;
  if (!(await write(open))) return { written };
  while (written + chunk.length + close.length <= total) {
    if (!(await write(chunk))) return { written };
  }
  const rest = total - written - close.length;
  if (rest > 0 && !(await write(chunk.subarray(0, rest)))) return { written };
  if (await write(close)) socket.end();
  return { written };
}

export async function startRecordingServer(respond: Responder = (_, socket) => answerJson(socket, {})): Promise<RecordingServer> {
  const chunks: Buffer[] = [];
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let pending = Buffer.alloc(0);
    let answered = false;
    socket.on('data', (data: Buffer) => {
      chunks.push(Buffer.from(data));
      if (answered) return;
      pending = Buffer.concat([pending, data]);
      const end = pending.indexOf(HEAD_END);
      if (end < 0) return;
      const head = pending.subarray(0, end).toString('latin1');
      const rest = pending.subarray(end + HEAD_END.length);
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      const chunked = /\r\ntransfer-encoding:\s*chunked/i.test(head);
      if (chunked ? !rest.includes('\r\n0\r\n\r\n') && !rest.subarray(0, 5).equals(Buffer.from('0\r\n\r\n')) : rest.length < length) return;
      answered = true;
      const [method = '', target = ''] = head.split('\r\n', 1)[0].split(' ');
      const request: ReceivedRequest = { head, method, target, body: chunked ? rest : rest.subarray(0, length), index: requests.length };
      requests.push(request);
      Promise.resolve(respond(request, socket)).catch(() => socket.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  onTestFinished(close);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    requests,
    connections: () => connections,
    received: () => Buffer.concat(chunks),
    close,
  };
}

/** The recorded bytes, plus whatever a Basic or percent-encoded credential on the wire decodes to. */
export function wireText(server: RecordingServer): string {
  const raw = server.received().toString('latin1');
  const basics = [...raw.matchAll(/basic\s+([A-Za-z0-9+/=_-]+)/gi)].map((m) => Buffer.from(m[1], 'base64').toString('latin1'));
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw.replace(/%(?![0-9a-f]{2})/gi, '%25'));
  } catch {
    /* keep raw */
  }
  return [raw, decoded, ...basics].join('\n');
}

// Request bodies: which media types and charsets the gateway reads, and a reader that stops at a
// size limit and a time limit, so one slow or huge client cannot hold memory or a request open.
import type { IncomingMessage } from 'node:http';
import { MIMEType } from 'node:util';

/** Charsets a JSON body may declare (RFC 8259 allows UTF-8; UTF-16 is decoded when declared). */
const CHARSETS: Record<string, string> = { 'utf-8': 'utf-8', utf8: 'utf-8', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be', 'utf-16': 'utf-16le' };

export type MediaTypeCheck = { ok: true; charset: string } | { ok: false; reason: string };

/** Checks a `Content-Type` for a JSON body: parseable, JSON (`application/json` or `*+json`), a known charset. */
export function jsonMediaType(contentType: string | undefined): MediaTypeCheck {
  if (contentType === undefined) return { ok: false, reason: 'the request has a body but no Content-Type; send Content-Type: application/json' };
  let mime: MIMEType;
  try {
    mime = new MIMEType(contentType);
  } catch {
    return { ok: false, reason: `the Content-Type ${JSON.stringify(contentType.slice(0, 100))} cannot be parsed` };
  }
  if (mime.essence !== 'application/json' && !mime.subtype.endsWith('+json')) {
    return { ok: false, reason: `this operation reads application/json; the request was sent as ${mime.essence}` };
  }
  const declared = mime.params.get('charset')?.toLowerCase() ?? 'utf-8';
  const charset = CHARSETS[declared];
  if (!charset) return { ok: false, reason: `the charset ${JSON.stringify(declared.slice(0, 40))} is not supported; send UTF-8` };
  return { ok: true, charset };
}

/** Whether the request carries a body at all (a zero Content-Length is no body). */
export function hasBody(req: IncomingMessage): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && length !== '0';
}

export class BodyError extends Error {
  constructor(
    /** `busy`: too many bodies are held in memory at once, across all connections. */
    readonly kind: 'too_large' | 'too_slow' | 'aborted' | 'busy',
    message: string,
  ) {
    super(message);
  }
}

/** Reads the whole body, refusing past `maxBytes` or after `timeoutMs`; the socket is not kept. */
export function readBody(stream: NodeJS.ReadableStream, maxBytes: number, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error?: BodyError) => {
      clearTimeout(timer);
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
      stream.removeListener('aborted', onAborted);
      if (error) {
        stream.resume(); // discard the rest; the gateway closes the connection after its answer
        reject(error);
      } else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return finish(new BodyError('too_large', `The request body is over the ${formatBytes(maxBytes)} limit. Nothing was done.`));
      chunks.push(chunk);
    };
    const onEnd = () => finish();
    const onError = () => finish(new BodyError('aborted', 'The request body could not be read: the connection failed.'));
    const onAborted = () => finish(new BodyError('aborted', 'The client closed the connection before the body was complete.'));
    const timer = setTimeout(
      () => finish(new BodyError('too_slow', `The request body did not arrive within ${timeoutMs / 1000} s. Nothing was done.`)),
      timeoutMs,
    );
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('aborted', onAborted);
  });
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/** Decodes the body bytes in the declared charset (strictly: invalid bytes are an error). */
export function decodeBody(bytes: Buffer, charset: string): string {
  return new TextDecoder(charset, { fatal: true, ignoreBOM: false }).decode(bytes);
}

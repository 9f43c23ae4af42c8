// Reading a request body off a Node connection, within a size limit and a time limit, so one
// slow or huge client cannot hold memory or a request open. (Which bodies are acceptable is the
// boundary's decision, in @expys/gateway.)
import type { IncomingMessage } from 'node:http';
import { formatBytes } from '@expys/gateway';

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


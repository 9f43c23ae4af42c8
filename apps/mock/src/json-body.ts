// Prism 5.16 never answers a request whose JSON body does not parse (the connection hangs, on
// any path). The boundary therefore reads JSON bodies first and answers unparseable ones itself
// with the spec's 422 validation_failed; a parseable body is then sent on byte for byte.
import type { IncomingMessage } from 'node:http';

/** Well above any request in the spec; a larger body is refused instead of held in memory. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

export function hasJsonBody(req: IncomingMessage): boolean {
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  return hasBody && /[/+]json$/.test(mediaType);
}

export type BodyCheck = { ok: true; body: Buffer } | { ok: false; message: string };

export async function readJsonBody(req: IncomingMessage): Promise<BodyCheck> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Read to the end even when too large: leaving early would destroy the socket we answer on.
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_JSON_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_JSON_BODY_BYTES) return { ok: false, message: `must be at most ${MAX_JSON_BODY_BYTES} bytes` };
  const body = Buffer.concat(chunks);
  if (body.length === 0) return { ok: true, body };
  try {
    JSON.parse(body.toString('utf8'));
    return { ok: true, body };
  } catch (error) {
    return { ok: false, message: `must be valid JSON (${(error as Error).message})` };
  }
}

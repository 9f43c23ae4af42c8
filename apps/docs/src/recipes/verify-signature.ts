// Verifies an Expys webhook delivery without the SDK (Node.js), as Standard Webhooks defines it.
// Headers: webhook-id, webhook-timestamp (unix seconds),
//          webhook-signature: v1,<base64 HMAC-SHA256>[ v1,<…> during secret rotation]
import { createHmac, timingSafeEqual } from 'node:crypto';

const TOLERANCE_SECONDS = 300;

type RequestHeaders = Record<string, string | string[] | undefined>; // Node's req.headers

export function verifyExpysWebhook(rawBody: Buffer | string, headers: RequestHeaders, secret: string, nowMs = Date.now()): boolean {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') return false;
  if (!id || !/^\d+$/.test(timestamp)) return false;

  // Replay protection: refuse deliveries signed more than 300 s away from now.
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) return false;

  // The key is the secret's base64 part, decoded: bytes, not the text of the secret.
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  // The signed content is `${id}.${timestamp}.${rawBody}`: the body exactly as received.
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(rawBody).digest();

  // Constant-time compare; during rotation any one v1 may match; other versions are skipped.
  return signatures.split(' ').some((entry) => {
    const [version, signature] = entry.split(',', 2);
    if (version !== 'v1' || !signature) return false;
    const given = Buffer.from(signature, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

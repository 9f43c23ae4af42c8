// Verifies an Expys webhook delivery without the SDK (Node.js).
// Header: Expys-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>[,v1=… during secret rotation]
import { createHmac, timingSafeEqual } from 'node:crypto';

const TOLERANCE_SECONDS = 300;

export function verifyExpysSignature(rawBody: Buffer | string, header: string, secret: string, nowMs = Date.now()): boolean {
  const fields = header.split(',').map((part) => part.trim().split('='));
  const t = fields.find(([key]) => key === 't')?.[1];
  const signatures = fields.filter(([key]) => key === 'v1').map(([, value]) => value ?? '');
  if (!t || !/^\d+$/.test(t) || signatures.length === 0) return false;

  // Replay protection: refuse deliveries signed more than 300 s away from now.
  if (Math.abs(nowMs / 1000 - Number(t)) > TOLERANCE_SECONDS) return false;

  // The signed payload is `${t}.${rawBody}`: the body bytes exactly as received, not re-serialized JSON.
  const expected = createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest();

  // Constant-time compare; during rotation any one v1= may match.
  return signatures.some((v1) => {
    const given = Buffer.from(v1, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

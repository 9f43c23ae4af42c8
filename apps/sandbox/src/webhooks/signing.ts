// Signs deliveries as the spec documents (Expys-Signature): `t=<unix seconds>,v1=<hex>`, the
// HMAC-SHA256 of `<t>.<raw body>` keyed with the whole `whsec_…` secret. `t` is real time, not
// the sandbox clock: the receiver checks it against its own clock to refuse replays.
import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'Expys-Signature';

export function sign(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

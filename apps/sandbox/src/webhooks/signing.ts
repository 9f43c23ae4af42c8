// Signs deliveries as the spec documents, the Standard Webhooks way
// (https://www.standardwebhooks.com/): `webhook-id` (the event id, the same on every retry),
// `webhook-timestamp` (unix seconds) and `webhook-signature: v1,<base64 HMAC-SHA256 of
// "<id>.<timestamp>.<raw body>">`, keyed with the base64-decoded bytes of the `whsec_…` secret.
// The timestamp is real time, not the sandbox clock: the receiver checks it against its own
// clock to refuse replays, so an advanced sandbox clock must not make deliveries look stale.
import { createHmac, randomBytes } from 'node:crypto';

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** A signing secret as createWebhook returns it: `whsec_` + base64 of 32 random bytes. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The HMAC key: the bytes the base64 after `whsec_` stands for. */
function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

export function sign(secret: string, id: string, body: string, timestamp = Math.floor(Date.now() / 1000)): SignedHeaders {
  const signature = createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${signature}` };
}

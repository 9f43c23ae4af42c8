// Verifying (and, for tests, signing) webhook deliveries, as Standard Webhooks defines them
// (https://www.standardwebhooks.com/): headers webhook-id, webhook-timestamp and
// webhook-signature (`v1,<base64 HMAC-SHA256>` of `${id}.${timestamp}.${raw body}`, keyed with the
// decoded `whsec_…` secret). Verify the raw body before parsing it: re-serialised JSON does not
// match the signature.
import { ExpysConfigError } from '@expys/client-core';
import type { WebhookEvent } from '../generated/webhook-events.js';
import { bytesToBase64, hmac, importSigningKey, signedContent } from './hmac.js';
import { secretKeys } from './secret.js';
import { MESSAGE_ID, readHeaders, type WebhookHeaders, type WebhookRequestHeaders } from './signature-header.js';
import { WebhookVerificationError } from './verification-error.js';

export const DEFAULT_TOLERANCE_SECONDS = 300;

export interface VerifyOptions {
  /** Largest accepted distance between webhook-timestamp and now, in seconds. Default 300. */
  tolerance?: number;
  /** The current time in unix seconds (for tests). */
  now?: number;
}

export interface SignOptions {
  /** The webhook-id (default `msg_` + random): keep it across retries of one delivery. */
  id?: string;
  /** The webhook-timestamp in unix seconds (default now). */
  timestamp?: number;
}

type RawBody = string | Uint8Array;

/** The options, checked: a NaN tolerance or clock would make every timestamp look fresh. */
function checkedOptions({ tolerance = DEFAULT_TOLERANCE_SECONDS, now }: VerifyOptions): { tolerance: number; now: number } {
  if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0) {
    throw new ExpysConfigError(`tolerance must be a finite number of seconds ≥ 0 (got ${String(tolerance)}).`);
  }
  if (now !== undefined && (typeof now !== 'number' || !Number.isFinite(now))) {
    throw new ExpysConfigError(`now must be a finite number of unix seconds (got ${String(now)}).`);
  }
  return { tolerance, now: now ?? Math.floor(Date.now() / 1000) };
}

/** Equal-length byte comparison whose time does not depend on where the bytes differ. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i] ^ b[i];
  return difference === 0;
}

function checkRawBody(rawBody: unknown): asserts rawBody is RawBody {
  if (typeof rawBody !== 'string' && !(rawBody instanceof Uint8Array)) {
    throw new ExpysConfigError('rawBody must be the request body exactly as received (a string or bytes), not parsed JSON.');
  }
}

/**
 * Resolves if the delivery's Standard Webhooks headers prove Expys sent `rawBody` within the
 * tolerance, with one of `secrets` (several during a rotation). Rejects with a
 * WebhookVerificationError otherwise, or an ExpysConfigError for a usage mistake.
 */
export async function verify(
  rawBody: RawBody,
  headers: WebhookRequestHeaders,
  secrets: string | readonly string[],
  { tolerance = DEFAULT_TOLERANCE_SECONDS, now }: VerifyOptions = {},
): Promise<void> {
  checkRawBody(rawBody);
  const keys = secretKeys(secrets);
  const checked = checkedOptions({ tolerance, now });
  const { id, timestamp, signatures } = readHeaders(headers);

  // One HMAC per secret, then a constant-time comparison with each signature: a forged header
  // with many v1 entries costs no more HMACs than a genuine one.
  const content = signedContent(id, timestamp, rawBody);
  let matched = false;
  for (const key of keys) {
    const expected = await hmac(await importSigningKey(key), content);
    for (const signature of signatures) matched = constantTimeEqual(expected, signature) || matched;
  }
  if (!matched) {
    throw new WebhookVerificationError('no_matching_signature', 'No v1 signature matches the signing secret(s): the body or a header was altered, or the secret is wrong.');
  }
  // Checked after the signature: a stale but authentic delivery is a replay.
  const distance = Math.abs(checked.now - timestamp);
  if (!(distance <= checked.tolerance)) {
    throw new WebhookVerificationError('stale_timestamp', `The webhook-timestamp is ${distance} s away from now (tolerance ${checked.tolerance} s): possible replay.`);
  }
}

/** Verifies, then parses: the event, typed by the spec's `webhooks:` section. */
export async function constructEvent(
  rawBody: RawBody,
  headers: WebhookRequestHeaders,
  secrets: string | readonly string[],
  options?: VerifyOptions,
): Promise<WebhookEvent> {
  await verify(rawBody, headers, secrets, options);
  try {
    return JSON.parse(typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody)) as WebhookEvent;
  } catch {
    throw new WebhookVerificationError('malformed_payload', 'The signed body is not JSON.');
  }
}

/** The Standard Webhooks headers for `payload`, as Expys would send them (for your tests). */
export async function sign(payload: RawBody, secrets: string | readonly string[], { id, timestamp }: SignOptions = {}): Promise<WebhookHeaders> {
  checkRawBody(payload);
  const keys = secretKeys(secrets);
  const messageId = id ?? `msg_${crypto.randomUUID().replaceAll('-', '')}`;
  if (typeof messageId !== 'string' || !MESSAGE_ID.test(messageId)) {
    throw new ExpysConfigError('id must be 1–255 printable characters without spaces or commas.');
  }
  const t = timestamp ?? Math.floor(Date.now() / 1000);
  if (typeof t !== 'number' || !Number.isSafeInteger(t) || t < 0) throw new ExpysConfigError(`timestamp must be whole unix seconds (got ${String(t)}).`);
  const content = signedContent(messageId, t, payload);
  const signatures = await Promise.all(keys.map(async (key) => `v1,${bytesToBase64(await hmac(await importSigningKey(key), content))}`));
  return { 'webhook-id': messageId, 'webhook-timestamp': String(t), 'webhook-signature': signatures.join(' ') };
}

export const webhooks = { verify, constructEvent, sign };
export type Webhooks = typeof webhooks;
export type { WebhookHeaders, WebhookRequestHeaders } from './signature-header.js';
export { WebhookVerificationError, type WebhookVerificationProblem } from './verification-error.js';

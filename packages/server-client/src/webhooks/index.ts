// Verifying (and, for tests, signing) webhook deliveries. Verify the raw body before parsing it:
// re-serialised JSON does not match the signature.
import { ExpysConfigError } from '@expys/client-core';
import type { WebhookEvent } from '../generated/webhook-events.js';
import { hmac, hmacMatches, importSigningKey, signedPayload } from './hmac.js';
import { bytesToHex, formatSignatureHeader, parseSignatureHeader } from './signature-header.js';
import { WebhookVerificationError } from './verification-error.js';

export const DEFAULT_TOLERANCE_SECONDS = 300;

export interface VerifyOptions {
  /** Largest accepted distance between `t` and now, in seconds. Default 300. */
  tolerance?: number;
  /** The current time in unix seconds (for tests). */
  now?: number;
}

type RawBody = string | Uint8Array;

function secretList(secrets: string | readonly string[]): string[] {
  const list = typeof secrets === 'string' ? [secrets] : [...(secrets ?? [])];
  if (list.length === 0 || list.some((s) => typeof s !== 'string' || s.length === 0)) {
    throw new ExpysConfigError('Pass the endpoint signing secret (whsec_…), or every active one while rotating.');
  }
  return list;
}

function checkRawBody(rawBody: unknown): asserts rawBody is RawBody {
  if (typeof rawBody !== 'string' && !(rawBody instanceof Uint8Array)) {
    throw new ExpysConfigError('rawBody must be the request body exactly as received (a string or bytes), not parsed JSON.');
  }
}

/**
 * Resolves if `signatureHeader` proves Expys sent `rawBody` within the tolerance, with one of
 * `secrets` (several during a rotation). Rejects with a WebhookVerificationError otherwise.
 */
export async function verify(
  rawBody: RawBody,
  signatureHeader: string | null | undefined,
  secrets: string | readonly string[],
  { tolerance = DEFAULT_TOLERANCE_SECONDS, now }: VerifyOptions = {},
): Promise<void> {
  checkRawBody(rawBody);
  const secretsToTry = secretList(secrets);
  if (!signatureHeader) throw new WebhookVerificationError('missing_header', 'No Expys-Signature header: this request was not sent by Expys.');
  const { timestamp, signatures } = parseSignatureHeader(signatureHeader);
  const keys = await Promise.all(secretsToTry.map(importSigningKey));

  const payload = signedPayload(timestamp, rawBody);
  let matched = false;
  for (const key of keys) for (const signature of signatures) matched ||= await hmacMatches(key, signature, payload);
  if (!matched) {
    throw new WebhookVerificationError('no_matching_signature', 'No signature matches the signing secret(s): the body was altered, or the secret is wrong.');
  }
  // Checked after the signature: a stale but authentic delivery is a replay.
  const current = now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(current - timestamp) > tolerance) {
    throw new WebhookVerificationError('stale_timestamp', `The signature timestamp is ${Math.abs(current - timestamp)} s away from now (tolerance ${tolerance} s): possible replay.`);
  }
}

/** Verifies, then parses: the event, typed by the spec's `webhooks:` section. */
export async function constructEvent(
  rawBody: RawBody,
  signatureHeader: string | null | undefined,
  secrets: string | readonly string[],
  options?: VerifyOptions,
): Promise<WebhookEvent> {
  await verify(rawBody, signatureHeader, secrets, options);
  try {
    return JSON.parse(typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody)) as WebhookEvent;
  } catch {
    throw new WebhookVerificationError('malformed_payload', 'The signed body is not JSON.');
  }
}

/** An `Expys-Signature` value for `payload`, as Expys would send it (for your tests). */
export async function sign(payload: RawBody, secrets: string | readonly string[], { timestamp }: { timestamp?: number } = {}): Promise<string> {
  checkRawBody(payload);
  const t = timestamp ?? Math.floor(Date.now() / 1000);
  const data = signedPayload(t, payload);
  const signatures = await Promise.all(secretList(secrets).map(async (secret) => bytesToHex(await hmac(await importSigningKey(secret), data))));
  return formatSignatureHeader(t, signatures);
}

export const webhooks = { verify, constructEvent, sign };
export type Webhooks = typeof webhooks;
export { WebhookVerificationError, type WebhookVerificationProblem } from './verification-error.js';

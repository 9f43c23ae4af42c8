// Verifying (and, for tests, signing) webhook deliveries. Verify the raw body before parsing it:
// re-serialised JSON does not match the signature.
import { ExpysConfigError } from '@expys/client-core';
import type { WebhookEvent } from '../generated/webhook-events.js';
import { hmac, importSigningKey, signedPayload } from './hmac.js';
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

/** At most this many secrets at once (a rotation has two or three). */
const MAX_SECRETS = 10;

function secretList(secrets: string | readonly string[]): string[] {
  // Only a string or an array of strings: anything else spread here (a boxed `new String(…)`)
  // would turn one secret into one-letter "secrets" that forge in a few tries.
  const list = typeof secrets === 'string' ? [secrets] : Array.isArray(secrets) ? [...secrets] : undefined;
  if (!list || list.length === 0 || list.length > MAX_SECRETS || list.some((s) => typeof s !== 'string' || s.length < 8)) {
    throw new ExpysConfigError(`Pass the endpoint signing secret (whsec_…, a string), or an array of every active one while rotating (at most ${MAX_SECRETS}).`);
  }
  return list;
}

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
  const checked = checkedOptions({ tolerance, now });
  if (signatureHeader === undefined || signatureHeader === null || signatureHeader === '') {
    throw new WebhookVerificationError('missing_header', 'No Expys-Signature header: this request was not sent by Expys.');
  }
  // Node gives a repeated header as an array; anything but one string is not a signature.
  if (typeof signatureHeader !== 'string') {
    throw new WebhookVerificationError('malformed_header', 'The Expys-Signature header must be one string (it was repeated, or not text).');
  }
  const { timestamp, signatures } = parseSignatureHeader(signatureHeader);

  // One HMAC per secret, then a constant-time comparison with each signature: a forged header
  // with many v1 entries costs no more HMACs than a genuine one.
  const payload = signedPayload(timestamp, rawBody);
  let matched = false;
  for (const secret of secretsToTry) {
    const expected = new Uint8Array(await hmac(await importSigningKey(secret), payload));
    for (const signature of signatures) matched = constantTimeEqual(expected, signature) || matched;
  }
  if (!matched) {
    throw new WebhookVerificationError('no_matching_signature', 'No signature matches the signing secret(s): the body was altered, or the secret is wrong.');
  }
  // Checked after the signature: a stale but authentic delivery is a replay.
  const distance = Math.abs(checked.now - timestamp);
  if (!(distance <= checked.tolerance)) {
    throw new WebhookVerificationError('stale_timestamp', `The signature timestamp is ${distance} s away from now (tolerance ${checked.tolerance} s): possible replay.`);
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

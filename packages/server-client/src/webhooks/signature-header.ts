// The three Standard Webhooks headers of a delivery, read from a `Headers` or a plain record
// (Node's IncomingHttpHeaders), case-insensitively:
//   webhook-id: <message id>   webhook-timestamp: <unix seconds>   webhook-signature: v1,<base64> [v1,<base64> …]
import { ExpysConfigError } from '@expys/client-core';
import { base64ToBytes } from './hmac.js';
import { WebhookVerificationError } from './verification-error.js';

/** A `Headers`, or a record of header names to values such as Node's `req.headers`. */
export type WebhookRequestHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** The headers a signed delivery carries (what `sign` returns; `verify` takes it as is). */
export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

export interface ParsedHeaders {
  id: string;
  timestamp: number;
  /** Every v1 signature, as bytes. */
  signatures: Uint8Array<ArrayBuffer>[];
}

/** More v1 entries than any rotation needs is not a header Expys sends. */
export const MAX_SIGNATURES = 8;
/** Longer than any signature header Expys sends (8 signatures are under 400 characters). */
const MAX_SIGNATURE_HEADER = 2048;
const SIGNATURE_BYTES = 32;
/** Printable ASCII without spaces or commas, at most 255 characters. */
export const MESSAGE_ID = /^[\x21-\x2b\x2d-\x7e]{1,255}$/;
const TIMESTAMP = /^[0-9]{1,15}$/;
/** v1, v1a, v2…: a signature scheme's name. */
const VERSION = /^v[0-9]+[a-z]*$/;

const NAMES = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;
type Name = (typeof NAMES)[number];

export function readHeaders(headers: WebhookRequestHeaders): ParsedHeaders {
  const value = headerReader(headers);
  const [id, timestamp, signature] = NAMES.map(value);
  if (!MESSAGE_ID.test(id)) throw malformed('webhook-id', 'it must be 1–255 printable characters without spaces or commas');
  if (!TIMESTAMP.test(timestamp)) throw malformed('webhook-timestamp', 'it must be a whole number of unix seconds');
  return { id, timestamp: Number(timestamp), signatures: parseSignatures(signature) };
}

/** A function returning each header as one string, or throwing missing/malformed_header. */
function headerReader(headers: unknown): (name: Name) => string {
  if (isHeaders(headers)) {
    // Headers joins a repeated header with ", ": the checks below refuse that as malformed.
    return (name) => present(name, headers.get(name));
  }
  if (typeof headers === 'string') {
    throw new ExpysConfigError('Pass the request headers (a Headers or req.headers), not one header value: deliveries are signed with webhook-id, webhook-timestamp and webhook-signature (Standard Webhooks).');
  }
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new ExpysConfigError('headers must be the request headers: a Headers, or a record of header names to values such as Node\'s req.headers.');
  }
  const record = headers as Record<string, unknown>;
  return (name) => {
    // Case-insensitively; two spellings of one header is a repeated header.
    const keys = Object.keys(record).filter((key) => key.toLowerCase() === name);
    if (keys.length > 1) throw malformed(name, 'it was sent more than once');
    return present(name, keys.length === 1 ? record[keys[0]] : undefined);
  };
}

function isHeaders(value: unknown): value is Headers {
  if (typeof Headers !== 'undefined' && value instanceof Headers) return true;
  // Another implementation of the Fetch API's Headers (node-fetch, a polyfill): get and append.
  const candidate = value as { get?: unknown; append?: unknown } | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.get === 'function' && typeof candidate.append === 'function';
}

function present(name: Name, value: unknown): string {
  if (value === undefined || value === null || value === '') {
    throw new WebhookVerificationError('missing_header', `No ${name} header: this request was not sent by Expys (deliveries carry webhook-id, webhook-timestamp and webhook-signature).`);
  }
  // Node gives a repeated header as an array in some cases; anything but one string is not ours.
  if (typeof value !== 'string') throw malformed(name, 'it must be one string (it was repeated, or not text)');
  return value;
}

function parseSignatures(header: string): Uint8Array<ArrayBuffer>[] {
  if (header.length > MAX_SIGNATURE_HEADER) throw malformed('webhook-signature', 'it is longer than any header Expys sends');
  const entries = header.split(' ').filter((entry) => entry !== '');
  if (entries.length === 0) throw malformed('webhook-signature', 'it has no signature');
  const signatures: Uint8Array<ArrayBuffer>[] = [];
  for (const entry of entries) {
    const comma = entry.indexOf(',');
    const version = entry.slice(0, Math.max(comma, 0));
    if (!VERSION.test(version) || comma === entry.length - 1) throw malformed('webhook-signature', 'an entry is not <version>,<signature> (v1,<base64>)');
    // Other versions (v1a, asymmetric) are ignored, as Standard Webhooks allows.
    if (version !== 'v1') continue;
    const signature = base64ToBytes(entry.slice(comma + 1));
    if (!signature || signature.length !== SIGNATURE_BYTES) throw malformed('webhook-signature', 'a v1 signature is not the base64 of 32 bytes');
    signatures.push(signature);
    if (signatures.length > MAX_SIGNATURES) throw malformed('webhook-signature', `it has more than ${MAX_SIGNATURES} v1 signatures`);
  }
  return signatures;
}

function malformed(name: Name, why: string) {
  return new WebhookVerificationError('malformed_header', `Malformed ${name} header: ${why}.`);
}

// `Expys-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]`: one v1 per active signing secret.
import { WebhookVerificationError } from './verification-error.js';

export interface ParsedSignature {
  timestamp: number;
  /** Every v1 signature, as bytes. */
  signatures: Uint8Array<ArrayBuffer>[];
}

export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export function bytesToHex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** More v1 entries than any rotation needs is not a header Expys sends. */
export const MAX_SIGNATURES = 8;

export function parseSignatureHeader(header: string): ParsedSignature {
  let timestamp: number | undefined;
  const signatures: Uint8Array<ArrayBuffer>[] = [];
  if (header.length > 2048) throw malformed('it is longer than any header Expys sends');
  for (const part of header.split(',')) {
    const [key, value = ''] = part.trim().split('=', 2);
    if (key === 't' && /^\d+$/.test(value)) timestamp = Number(value);
    else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/i.test(value)) throw malformed('a v1 signature is not 64 hex characters');
      signatures.push(hexToBytes(value));
    }
    // Other schemes (v0, future ones) are ignored, as the format allows.
  }
  if (timestamp === undefined) throw malformed('no t=<unix seconds>');
  if (signatures.length === 0) throw malformed('no v1=<signature>');
  if (signatures.length > MAX_SIGNATURES) throw malformed(`more than ${MAX_SIGNATURES} v1 signatures`);
  return { timestamp, signatures };
}

function malformed(why: string) {
  return new WebhookVerificationError('malformed_header', `Malformed Expys-Signature header: ${why}. Expected t=<unix seconds>,v1=<hex>.`);
}

export function formatSignatureHeader(timestamp: number, hexSignatures: string[]): string {
  return [`t=${timestamp}`, ...hexSignatures.map((s) => `v1=${s}`)].join(',');
}

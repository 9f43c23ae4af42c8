// Identifiers and secrets in the spec's formats: a prefix, then random base62.
import { createHash, randomInt } from 'node:crypto';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function base62(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE62[randomInt(BASE62.length)];
  return out;
}

/** `off_`, `red_`, `txn_`, `evt_`, `we_`, `key_`, `dlv_` ids: 16 random characters. */
export const newId = (prefix: string) => `${prefix}_${base62(16)}`;

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A voucher code as the examples show it: BEAN-7Q2K-9XPL. */
export function voucherCode(): string {
  const part = () => base62(4).toUpperCase();
  return `EXPY-${part()}-${part()}`;
}

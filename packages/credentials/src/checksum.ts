// The checksum that lets anyone tell a real credential from a look-alike offline, as GitHub's
// token format does: CRC32 (IEEE, the zlib polynomial) of the UTF-8 bytes of prefix + entropy,
// in base62, left-padded with `0` to 6 characters. The prefix is included, so editing a test
// key into a live one (or a key into a token) breaks the checksum.
import { CHECKSUM_LENGTH } from './formats.js';

/** Base62 digits in value order: `0-9A-Za-z`. */
export const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

let table: Uint32Array | undefined;

/** CRC32 (IEEE 802.3, reflected polynomial 0xEDB88320), as zlib's `crc32`. */
export function crc32(bytes: Uint8Array): number {
  // Built on first use: 1 kB of memory, no code size for a table literal.
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let crc = 0xffffffff;
  for (const byte of bytes) crc = table[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A non-negative integer in base62, left-padded with `0` to `width`. */
export function toBase62(value: number, width: number): string {
  let out = '';
  for (let rest = value; rest > 0; rest = Math.floor(rest / 62)) out = BASE62_ALPHABET[rest % 62] + out;
  return out.padStart(width, '0');
}

/** The 6-character checksum of `prefix + entropy` (the text before the checksum). */
export function checksum(prefixAndEntropy: string): string {
  return toBase62(crc32(new TextEncoder().encode(prefixAndEntropy)), CHECKSUM_LENGTH);
}

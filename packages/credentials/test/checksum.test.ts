// The checksum against independent implementations: node:zlib's crc32 and BigInt base62.
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BASE62_ALPHABET, checksum, crc32, toBase62 } from '../src/index.js';

/** Base62 by BigInt division, written differently from toBase62 on purpose. */
function base62BigInt(value: number, width: number): string {
  const digits: string[] = [];
  for (let n = BigInt(value); n > 0n; n /= 62n) digits.unshift(BASE62_ALPHABET[Number(n % 62n)]);
  return digits.join('').padStart(width, '0');
}

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('crc32', () => {
  it('gives the standard check values of CRC-32/ISO-HDLC', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    expect(crc32(new TextEncoder().encode('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });

  it("equals node:zlib's crc32 on random bytes and on UTF-8 text", () => {
    const next = random(15);
    for (let i = 0; i < 300; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(next() * 100) }, () => Math.floor(next() * 256));
      expect(crc32(bytes)).toBe(zlibCrc32(bytes));
    }
    for (const text of ['expys_test_', 'mt_live_é€😀', 'ΑΒΓ\u0000\n']) expect(crc32(new TextEncoder().encode(text))).toBe(zlibCrc32(text));
  });
});

describe('toBase62', () => {
  it('writes 0-9A-Za-z digits, left-padded with 0', () => {
    expect(toBase62(0, 6)).toBe('000000');
    expect(toBase62(61, 6)).toBe('00000z');
    expect(toBase62(62, 6)).toBe('000010');
    expect(toBase62(0xffffffff, 6)).toBe(base62BigInt(0xffffffff, 6));
    expect(toBase62(0xffffffff, 6)).toBe('4gfFC3');
  });
});

describe('checksum', () => {
  it('is CRC32 of the UTF-8 prefix + entropy, in 6 base62 characters', () => {
    const next = random(62);
    for (let i = 0; i < 200; i++) {
      const text = `expys_test_${Array.from({ length: 26 }, () => BASE62_ALPHABET[Math.floor(next() * 62)]).join('')}`;
      expect(checksum(text)).toBe(base62BigInt(zlibCrc32(text), 6));
    }
  });

  it('matches fixed vectors (so a change of algorithm cannot pass unnoticed)', () => {
    const vectors: [string, number][] = [
      ['expys_test_SandboxFullAccessKey000000', zlibCrc32('expys_test_SandboxFullAccessKey000000')],
      ['mt_test_SampleMemberToken000000000000000000', zlibCrc32('mt_test_SampleMemberToken000000000000000000')],
    ];
    for (const [text, crc] of vectors) expect(checksum(text)).toBe(base62BigInt(crc, 6));
    // Written out, computed once with zlib.crc32 + BigInt base62 (the same as above).
    expect(checksum('expys_test_SandboxFullAccessKey000000')).toBe('4LgBmQ');
    expect(checksum('123456789')).toBe('3jZRME');
  });
});

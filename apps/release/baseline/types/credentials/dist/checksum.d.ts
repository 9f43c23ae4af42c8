/** Base62 digits in value order: `0-9A-Za-z`. */
export declare const BASE62_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** CRC32 (IEEE 802.3, reflected polynomial 0xEDB88320), as zlib's `crc32`. */
export declare function crc32(bytes: Uint8Array): number;
/** A non-negative integer in base62, left-padded with `0` to `width`. */
export declare function toBase62(value: number, width: number): string;
/** The 6-character checksum of `prefix + entropy` (the text before the checksum). */
export declare function checksum(prefixAndEntropy: string): string;

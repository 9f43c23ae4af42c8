/** Standard Webhooks' signed content: `${webhook-id}.${webhook-timestamp}.${raw body}`. */
export declare function signedContent(id: string, timestamp: number, rawBody: string | Uint8Array): Uint8Array<ArrayBuffer>;
/** The key is the secret's decoded bytes (see secret.ts), not its text. */
export declare function importSigningKey(key: Uint8Array<ArrayBuffer>): Promise<CryptoKey>;
export declare function hmac(key: CryptoKey, content: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>>;
/** The bytes of a canonical base64 string, or undefined (atob alone also takes spaces and no padding). */
export declare function base64ToBytes(text: string): Uint8Array<ArrayBuffer> | undefined;
export declare function bytesToBase64(bytes: Uint8Array): string;

/** At most this many secrets at once (a rotation has two or three). */
export declare const MAX_SECRETS = 10;
/** Fewer key bytes than this is not a secret Expys issues (it issues 32). */
export declare const MIN_SECRET_BYTES = 16;
/** The HMAC key of every secret, checked; `secrets` is one `whsec_…` string or an array of them. */
export declare function secretKeys(secrets: unknown): Uint8Array<ArrayBuffer>[];

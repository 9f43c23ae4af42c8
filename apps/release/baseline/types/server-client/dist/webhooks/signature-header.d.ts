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
export declare const MAX_SIGNATURES = 8;
/** Printable ASCII without spaces or commas, at most 255 characters. */
export declare const MESSAGE_ID: RegExp;
export declare function readHeaders(headers: WebhookRequestHeaders): ParsedHeaders;

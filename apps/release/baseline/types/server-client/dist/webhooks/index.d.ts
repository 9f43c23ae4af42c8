import type { WebhookEvent } from '../generated/webhook-events.js';
import { type WebhookHeaders, type WebhookRequestHeaders } from './signature-header.js';
export declare const DEFAULT_TOLERANCE_SECONDS = 300;
export interface VerifyOptions {
    /** Largest accepted distance between webhook-timestamp and now, in seconds. Default 300. */
    tolerance?: number;
    /** The current time in unix seconds (for tests). */
    now?: number;
}
export interface SignOptions {
    /** The webhook-id (default `msg_` + random): keep it across retries of one delivery. */
    id?: string;
    /** The webhook-timestamp in unix seconds (default now). */
    timestamp?: number;
}
type RawBody = string | Uint8Array;
/**
 * Resolves if the delivery's Standard Webhooks headers prove Expys sent `rawBody` within the
 * tolerance, with one of `secrets` (several during a rotation). Rejects with a
 * WebhookVerificationError otherwise, or an ExpysConfigError for a usage mistake.
 */
export declare function verify(rawBody: RawBody, headers: WebhookRequestHeaders, secrets: string | readonly string[], { tolerance, now }?: VerifyOptions): Promise<void>;
/** Verifies, then parses: the event, typed by the spec's `webhooks:` section. */
export declare function constructEvent(rawBody: RawBody, headers: WebhookRequestHeaders, secrets: string | readonly string[], options?: VerifyOptions): Promise<WebhookEvent>;
/** The Standard Webhooks headers for `payload`, as Expys would send them (for your tests). */
export declare function sign(payload: RawBody, secrets: string | readonly string[], { id, timestamp }?: SignOptions): Promise<WebhookHeaders>;
export declare const webhooks: {
    verify: typeof verify;
    constructEvent: typeof constructEvent;
    sign: typeof sign;
};
export type Webhooks = typeof webhooks;
export type { WebhookHeaders, WebhookRequestHeaders } from './signature-header.js';
export { WebhookVerificationError, type WebhookVerificationProblem } from './verification-error.js';

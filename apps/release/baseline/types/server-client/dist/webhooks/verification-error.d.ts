import { ExpysError } from '@expys/client-core';
export type WebhookVerificationProblem = 'missing_header' | 'malformed_header' | 'stale_timestamp' | 'no_matching_signature' | 'malformed_payload';
/** The delivery is not proven to come from Expys (or is a replay): answer 400 and drop it. */
export declare class WebhookVerificationError extends ExpysError {
    readonly reason: WebhookVerificationProblem;
    constructor(reason: WebhookVerificationProblem, message: string);
}

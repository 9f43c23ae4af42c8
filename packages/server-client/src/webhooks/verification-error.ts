import { ExpysError } from '@expys/client-core';

export type WebhookVerificationProblem =
  | 'missing_header'
  | 'malformed_header'
  | 'stale_timestamp'
  | 'no_matching_signature'
  | 'malformed_payload';

/** The delivery is not proven to come from Expys (or is a replay): answer 400 and drop it. */
export class WebhookVerificationError extends ExpysError {
  readonly reason: WebhookVerificationProblem;
  constructor(reason: WebhookVerificationProblem, message: string) {
    super(message, { code: reason });
    this.reason = reason;
  }
}
// Its name as a string: a bundler that minifies renames the class.
WebhookVerificationError.prototype.name = 'WebhookVerificationError';

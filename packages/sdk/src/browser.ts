// What a bundler or runtime that resolves the `browser` export condition gets for @expys/sdk:
// a module that throws on import. The SDK holds backend secrets; in an app it has no place.
// The names below only let a bundle that imports them link (so the failure is this message at
// load time, not "no export named initialize" at build time): they are never reached.
import { BROWSER_REFUSAL } from './refusal.js';

const refuse = (): never => {
  throw new Error(BROWSER_REFUSAL);
};

refuse();

export {
  refuse as AbortError,
  refuse as ApiError,
  refuse as ApiPromise,
  refuse as AuthenticationError,
  refuse as ConflictError,
  refuse as ConnectionError,
  refuse as CredentialError,
  refuse as ExpysConfigError,
  refuse as ExpysError,
  refuse as NotFoundError,
  refuse as PagePromise,
  refuse as PermissionError,
  refuse as RateLimitError,
  refuse as ResponseTooLargeError,
  refuse as ServerError,
  refuse as TimeoutError,
  refuse as ValidationError,
  refuse as WebhookVerificationError,
  refuse as constructEvent,
  refuse as initialize,
  refuse as sign,
  refuse as verify,
  refuse as webhooks,
};

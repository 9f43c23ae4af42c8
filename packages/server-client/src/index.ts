// @expys/server-client: the Expys API for your backend, with the Org-API-Key or an API key,
// and the application's own operations with its App ID and App Secret.
export { initialize, type ServerClient, type ServerClientOptions } from './initialize.js';
export type { KeyProvider } from './server-key.js';
export type { AppCredentials } from './app-credentials.js';
export {
  constructEvent,
  sign,
  verify,
  webhooks,
  WebhookVerificationError,
  type SignOptions,
  type VerifyOptions,
  type WebhookHeaders,
  type WebhookRequestHeaders,
  type WebhookVerificationProblem,
  type Webhooks,
} from './webhooks/index.js';
export {
  ApiError,
  ApiPromise,
  AbortError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  CredentialError,
  ExpysConfigError,
  ExpysError,
  NotFoundError,
  PagePromise,
  PermissionError,
  RateLimitError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  ValidationError,
  type ApiResponse,
  type ErrorEvent,
  type Hooks,
  type Logger,
  type LogLevel,
  type RateLimit,
  type RequestEvent,
  type RequestOptions,
  type ResponseEvent,
  type RetryDelays,
} from '@expys/client-core';
export type * from './generated/operations.js';
export type * from './generated/webhook-events.js';
export type { components, paths } from './generated/schema.js';

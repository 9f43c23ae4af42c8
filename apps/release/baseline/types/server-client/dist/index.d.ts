export { initialize, type ServerClient, type ServerClientOptions } from './initialize.js';
export { constructEvent, sign, verify, webhooks, WebhookVerificationError, type SignOptions, type VerifyOptions, type WebhookHeaders, type WebhookRequestHeaders, type WebhookVerificationProblem, type Webhooks, } from './webhooks/index.js';
export { ApiError, ApiPromise, AbortError, AuthenticationError, ConflictError, ConnectionError, CredentialError, ExpysConfigError, ExpysError, NotFoundError, PagePromise, PermissionError, RateLimitError, ServerError, TimeoutError, ValidationError, type ApiResponse, type ErrorEvent, type Hooks, type Logger, type LogLevel, type RateLimit, type RequestEvent, type RequestOptions, type ResponseEvent, type RetryDelays, } from '@expys/client-core';
export type * from './generated/operations.js';
export type * from './generated/webhook-events.js';
export type { components, paths } from './generated/schema.js';

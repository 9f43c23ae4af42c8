// @expys/client-core: the runtime both Expys clients share. Applications import the clients;
// this package is their dependency, not an API of its own.
export { createOperationClient, type OperationClientConfig } from './operation-client.js';
export { PagePromise, type ItemOf, type Page } from './pagination.js';
export { ApiPromise, type ApiResponse, type RateLimit } from './response.js';
export type { ErrorEvent, Hooks, Logger, LogLevel, RequestEvent, ResponseEvent } from './observe.js';
export {
  ApiError,
  AbortError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  CredentialError,
  ExpysConfigError,
  ExpysError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  TimeoutError,
  ValidationError,
  type CredentialProblem,
  type FieldError,
  type ProblemFields,
} from './errors.js';
export {
  API_KEY_BODY_LENGTH,
  APP_ID_PATTERN,
  APP_SECRET_BODY_LENGTH,
  apiKeyPrefix,
  CREDENTIAL_LABELS,
  credentialShape,
  MEMBER_TOKEN_BODY_LENGTH,
  ORG_API_KEY_BODY_LENGTH,
  SERVER_SECRET_KINDS,
  type CredentialKind,
  type CredentialShape,
} from './credentials.js';
export { resolveEnvironment } from './environment.js';
export { createRedactor, type Redact } from './redact.js';
export { describeAs } from './inspect.js';
export { backoffDelay, DEFAULT_MAX_RETRIES, isRetryableStatus, isSafeToRepeat, parseRetryAfter, retryDelay } from './retry-policy.js';
export type {
  CredentialSource,
  EnvironmentInfo,
  EnvironmentTable,
  HttpMethod,
  ObservabilityOptions,
  OperationMeta,
  OperationTable,
  RequestOptions,
  RetryDelays,
  TransportOptions,
} from './types.js';

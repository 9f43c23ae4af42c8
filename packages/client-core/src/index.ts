// @expys/client-core: the runtime both Expys clients share. Applications import the clients;
// this package is their dependency, not an API of its own.
export { createOperationClient, type OperationClient, type OperationClientConfig } from './operation-client.js';
export { DEFAULT_MAX_RESPONSE_BYTES, type AnyFetchClient } from './fetch-client.js';
export { DEFAULT_MAX_PAGES, PagePromise, type ItemOf, type Page } from './pagination.js';
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
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  ValidationError,
  short,
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
  type CredentialKind,
  type CredentialShape,
} from './credentials.js';
export { resolveEnvironment } from './environment.js';
// The credential formats, from the one module that defines them: the member client reads a token with these.
export { CREDENTIAL_FORMATS, SERVER_SECRET_KINDS, verifyCredential, type CredentialCheck } from '@expys/credentials';
export { createRedactor, redactionPatterns, redactorFor, type Redact } from './redact.js';
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
// The lean path: one client made once, one generated function per operation (tree-shakable).
export {
  createCoreClient,
  defineOperation,
  paginate,
  retries,
  type CoreClient,
  type CoreClientConfig,
  type RetryContext,
  type RetryStrategy,
} from './lean.js';
export { checkedBaseUrl, type BaseUrlConfig } from './guard.js';

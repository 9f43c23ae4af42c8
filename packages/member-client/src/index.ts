// @expys/member-client: the Expys API for apps, with a member token.
export { initialize, type MemberClient, type MemberClientOptions } from './initialize.js';
// The lean client of the tree-shakable entry (its operation functions: @expys/member-client/operations).
export { createMemberClient, type CreateMemberClientOptions, type LeanClient } from './lean.js';
export type { TokenProvider } from './member-token.js';
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
// The operation table as a value (method, path parameters, body or query, pagination per
// operationId): adapters such as @expys/member-query derive their surface from it, so an
// operation added to the spec reaches them with no edit.
export { operationTable } from './generated/operations.js';
export type { components, paths } from './generated/schema.js';

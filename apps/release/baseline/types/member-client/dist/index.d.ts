export { initialize, type MemberClient, type MemberClientOptions } from './initialize.js';
export type { TokenProvider } from './member-token.js';
export { ApiError, ApiPromise, AbortError, AuthenticationError, ConflictError, ConnectionError, CredentialError, ExpysConfigError, ExpysError, NotFoundError, PagePromise, PermissionError, RateLimitError, ServerError, TimeoutError, ValidationError, type ApiResponse, type ErrorEvent, type Hooks, type Logger, type LogLevel, type RateLimit, type RequestEvent, type RequestOptions, type ResponseEvent, type RetryDelays, } from '@expys/client-core';
export type * from './generated/operations.js';
export { operationTable } from './generated/operations.js';
export type { components, paths } from './generated/schema.js';

export interface ProblemFields {
    status?: number;
    code?: string;
    detail?: string;
    title?: string;
    type?: string;
    requestId?: string;
}
export declare class ExpysError extends Error {
    readonly status?: number;
    readonly code?: string;
    readonly detail?: string;
    readonly title?: string;
    readonly type?: string;
    readonly requestId?: string;
    constructor(message: string, fields?: ProblemFields, options?: {
        cause?: unknown;
    });
    toJSON(): Record<string, unknown>;
}
/** Refused before any request was sent: wrong options or arguments. */
export declare class ExpysConfigError extends ExpysError {
}
export type CredentialProblem = 
/** No token at all. */
'missing_credential'
/** A member token where the Org-API-Key belongs, or the other way round. */
 | 'wrong_credential'
/** A live credential with the sandbox, or a test one with production. */
 | 'environment_mismatch'
/** Not shaped like the credential this client takes. */
 | 'malformed_credential'
/** The Org-API-Key client in a browser or web worker without the explicit opt-in. */
 | 'browser_environment'
/** A production credential to an http:// baseUrl without the explicit opt-in. */
 | 'insecure_transport';
/** A credential guard refused the token before it was sent. The message says what to do. */
export declare class CredentialError extends ExpysConfigError {
    readonly reason: CredentialProblem;
    constructor(reason: CredentialProblem, message: string);
}
/** The request never got an HTTP answer (DNS, refused connection, reset, TLS…). */
export declare class ConnectionError extends ExpysError {
}
/**
 * The call's deadline (`timeout`, default 60 s) passed: whatever was under way (the token
 * provider, an attempt, a wait before a retry) was stopped. An idempotent call can be repeated
 * with the same `idempotencyKey`; for another, check its effect before repeating it.
 */
export declare class TimeoutError extends ConnectionError {
}
/** The caller's `signal` aborted the call; `cause` is the signal's reason. */
export declare class AbortError extends ExpysError {
}
/** The API answered with a non-2xx status. */
export declare class ApiError extends ExpysError {
    readonly status: number;
}
export declare class AuthenticationError extends ApiError {
}
export declare class PermissionError extends ApiError {
}
export declare class NotFoundError extends ApiError {
}
export declare class ConflictError extends ApiError {
}
/** One failing field of a 422, as the spec's `ValidationErrorDetail` documents it. */
export interface FieldError {
    /** Where the failure is (`/offerId`, `query.limit`). */
    path: string;
    message: string;
}
export declare class ValidationError extends ApiError {
    /** Per-field failures, when the API lists them (`errors` in the problem). */
    readonly errors: FieldError[];
}
export declare class RateLimitError extends ApiError {
    /** Seconds to wait, from `Retry-After`, when the API sent it. */
    readonly retryAfter?: number;
}
export declare class ServerError extends ApiError {
}
/** Builds the typed error for a non-2xx answer. `redact` scrubs credentials from API text. */
export declare function errorFromResponse(response: Response, body: unknown, redact: (text: string) => string, retryAfterSeconds?: number): ApiError;

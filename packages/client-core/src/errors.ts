// Every failure a client reports is an ExpysError. API answers are mapped by status to a
// class you can `instanceof`, carrying the problem+json fields (`code` is what to branch on).
// Errors hold plain fields only, never the Request (its headers carry the credential).
//
// The clients' own messages (a refused option, a guard) are long in development and a short code
// in production builds: every such message is written
// `process.env.NODE_ENV !== 'production' ? "the full text" : short("E12")`, so a bundler that
// replaces NODE_ENV drops the text (React and Redux do the same). The codes and their full texts
// are listed in @expys/client-core's README ("Error codes").

/**
 * The message of a production build: the code, and where its full text is. Kept short: every
 * byte here ships in every app.
 */
export const short = (code: string): string => `Expys ${code}: see "Error codes" in @expys/client-core's README, or use a development build`;

export interface ProblemFields {
  status?: number;
  code?: string;
  detail?: string;
  title?: string;
  type?: string;
  requestId?: string;
}

export class ExpysError extends Error {
  declare readonly status?: number;
  declare readonly code?: string;
  declare readonly detail?: string;
  declare readonly title?: string;
  declare readonly type?: string;
  declare readonly requestId?: string;

  constructor(message: string, fields: ProblemFields = {}, options?: { cause?: unknown }) {
    super(message, options);
    // The classes below carry their name on their prototype; a subclass of your own gets its class name.
    if (!Object.hasOwn(new.target.prototype, 'name')) this.name = new.target.name;
    const { status, code, detail, title, type, requestId } = fields;
    Object.assign(this, { status, code, detail, title, type, requestId });
  }

  toJSON(): Record<string, unknown> {
    const { name, message, status, code, detail, requestId } = this;
    return { name, message, status, code, detail, requestId };
  }
}

/** Refused before any request was sent: wrong options or arguments. */
export class ExpysConfigError extends ExpysError {}

export type CredentialProblem =
  /** No token at all. */
  | 'missing_credential'
  /** A credential of another kind: a member token where a server key belongs, a server secret in the member client… */
  | 'wrong_credential'
  /** A live credential with the sandbox, or a test one with production. */
  | 'environment_mismatch'
  /** Not shaped like the credential this client takes. */
  | 'malformed_credential'
  /** The Org-API-Key client in a browser or web worker without the explicit opt-in. */
  | 'browser_environment'
  /** A production credential to an http:// baseUrl without the explicit opt-in. */
  | 'insecure_transport'
  /** The function given as the credential threw or rejected (its message is redacted; the original error is not kept). */
  | 'credential_provider_failed'
  /** A credential where none belongs: in the baseUrl, a path or query value, an Idempotency-Key or a header other than Authorization. */
  | 'credential_in_request';

/** A credential guard refused the token before it was sent. The message says what to do. */
export class CredentialError extends ExpysConfigError {
  declare readonly reason: CredentialProblem;
  constructor(reason: CredentialProblem, message: string) {
    super(message, { code: reason });
    (this as { reason: CredentialProblem }).reason = reason;
  }
}

/** The request never got an HTTP answer (DNS, refused connection, reset, TLS…). */
export class ConnectionError extends ExpysError {}

/**
 * The call's deadline (`timeout`, default 60 s) passed: whatever was under way (the token
 * provider, an attempt, a wait before a retry) was stopped. An idempotent call can be repeated
 * with the same `idempotencyKey`; for another, check its effect before repeating it.
 */
export class TimeoutError extends ConnectionError {}

/** The caller's `signal` aborted the call; `cause` is the signal's reason. */
export class AbortError extends ExpysError {}

/**
 * The answer was larger than `maxResponseBytes` (default 8 MiB), counted while it streamed in:
 * reading stopped there, and the call fails without retrying (the same answer would come again).
 */
export class ResponseTooLargeError extends ExpysError {
  /** The cap that was passed, in bytes. */
  declare readonly maxResponseBytes: number;
  constructor(message: string, maxResponseBytes: number) {
    super(message);
    (this as { maxResponseBytes: number }).maxResponseBytes = maxResponseBytes;
  }
}

/** The API answered with a non-2xx status. */
export class ApiError extends ExpysError {
  declare readonly status: number;
}
export class AuthenticationError extends ApiError {}
export class PermissionError extends ApiError {}
export class NotFoundError extends ApiError {}
export class ConflictError extends ApiError {}

/** One failing field of a 422, as the spec's `ValidationErrorDetail` documents it. */
export interface FieldError {
  /** Where the failure is (`/offerId`, `query.limit`). */
  path: string;
  message: string;
}
export class ValidationError extends ApiError {
  /** Per-field failures, when the API lists them (`errors` in the problem). */
  readonly errors: FieldError[] = [];
}
export class RateLimitError extends ApiError {
  /** Seconds to wait, from `Retry-After`, when the API sent it. */
  declare readonly retryAfter?: number;
}
export class ServerError extends ApiError {}

// Each class's name on its prototype, as a string: bundlers rename classes when they minify, and
// `error.name` must still say NotFoundError in an app's production build.
for (const [name, ErrorClass] of Object.entries({
  ExpysError,
  ExpysConfigError,
  CredentialError,
  ConnectionError,
  TimeoutError,
  AbortError,
  ResponseTooLargeError,
  ApiError,
  AuthenticationError,
  PermissionError,
  NotFoundError,
  ConflictError,
  ValidationError,
  RateLimitError,
  ServerError,
})) {
  ErrorClass.prototype.name = name;
}

const CLASSES: Record<number, typeof ApiError> = {
  400: ValidationError,
  401: AuthenticationError,
  403: PermissionError,
  404: NotFoundError,
  409: ConflictError,
  422: ValidationError,
  429: RateLimitError,
};

/** Builds the typed error for a non-2xx answer. `redact` scrubs credentials from API text. */
export function errorFromResponse(response: Response, body: unknown, redact: (text: string) => string, retryAfterSeconds?: number): ApiError {
  const problem = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  // Every API text is scrubbed: a detail, a field error, a proxy page or the reason phrase may echo what was sent.
  const scrub = (value: unknown) => (typeof value === 'string' && value ? redact(value) : undefined);
  const { status, headers } = response;
  const code = scrub(problem.code);
  const detail = scrub(problem.detail);
  const title = scrub(problem.title);
  const requestId = scrub(problem.requestId) ?? scrub(headers.get('request-id') ?? headers.get('x-request-id'));
  const summary = detail ?? title ?? (typeof body === 'string' ? scrub(body.slice(0, 200)) : undefined) ?? scrub(response.statusText);
  const ErrorClass = CLASSES[status] ?? (status >= 500 ? ServerError : ApiError);
  const error = new ErrorClass(`${status}${code ? ` ${code}` : ''}${summary ? `: ${summary}` : ''}${requestId ? ` (requestId ${requestId})` : ''}`, {
    status,
    code,
    detail,
    title,
    type: scrub(problem.type),
    requestId,
  });
  if (error instanceof ValidationError && Array.isArray(problem.errors)) {
    for (const item of problem.errors as Record<string, unknown>[]) {
      if (item && typeof item === 'object') error.errors.push({ path: scrub(item.path) ?? '', message: scrub(item.message) ?? '' });
    }
  }
  if (error instanceof RateLimitError && retryAfterSeconds !== undefined) (error as { retryAfter?: number }).retryAfter = retryAfterSeconds;
  return error;
}

// Every failure a client reports is an ExpysError. API answers are mapped by status to a
// class you can `instanceof`, carrying the problem+json fields (`code` is what to branch on).
// Errors hold plain fields only, never the Request (its headers carry the credential).

export interface ProblemFields {
  status?: number;
  code?: string;
  detail?: string;
  title?: string;
  type?: string;
  requestId?: string;
}

export class ExpysError extends Error {
  readonly status?: number;
  readonly code?: string;
  readonly detail?: string;
  readonly title?: string;
  readonly type?: string;
  readonly requestId?: string;

  constructor(message: string, fields: ProblemFields = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.status = fields.status;
    this.code = fields.code;
    this.detail = fields.detail;
    this.title = fields.title;
    this.type = fields.type;
    this.requestId = fields.requestId;
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
  | 'credential_provider_failed';

/** A credential guard refused the token before it was sent. The message says what to do. */
export class CredentialError extends ExpysConfigError {
  readonly reason: CredentialProblem;
  constructor(reason: CredentialProblem, message: string) {
    super(message, { code: reason });
    this.reason = reason;
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
  readonly retryAfter?: number;
}
export class ServerError extends ApiError {}

function classFor(status: number): typeof ApiError {
  if (status === 400 || status === 422) return ValidationError;
  if (status === 401) return AuthenticationError;
  if (status === 403) return PermissionError;
  if (status === 404) return NotFoundError;
  if (status === 409) return ConflictError;
  if (status === 429) return RateLimitError;
  if (status >= 500) return ServerError;
  return ApiError;
}

const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);

/** Builds the typed error for a non-2xx answer. `redact` scrubs credentials from API text. */
export function errorFromResponse(
  response: Response,
  body: unknown,
  redact: (text: string) => string,
  retryAfterSeconds?: number,
): ApiError {
  const problem = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const scrub = (value: unknown) => {
    const t = text(value);
    return t === undefined ? undefined : redact(t);
  };
  const fields = {
    status: response.status,
    code: scrub(problem.code),
    detail: scrub(problem.detail),
    title: scrub(problem.title),
    type: scrub(problem.type),
    requestId: scrub(problem.requestId) ?? scrub(response.headers.get('request-id') ?? response.headers.get('x-request-id')),
  };
  const summary = fields.detail ?? fields.title ?? (typeof body === 'string' ? scrub(body.slice(0, 200)) : undefined);
  const message = [
    `${response.status}${fields.code ? ` ${fields.code}` : ''}`,
    // The reason phrase is the server's (or a proxy's) text too: scrubbed like the body.
    summary ? `: ${summary}` : response.statusText ? `: ${scrub(response.statusText)}` : '',
    fields.requestId ? ` (requestId ${fields.requestId})` : '',
  ].join('');

  const ErrorClass = classFor(response.status);
  const error = new ErrorClass(message, fields);
  if (error instanceof ValidationError && Array.isArray(problem.errors)) {
    // Scrubbed like every other API text: a field error may echo what was sent.
    for (const item of problem.errors as Record<string, unknown>[]) {
      if (item && typeof item === 'object') error.errors.push({ path: scrub(item.path) ?? '', message: scrub(item.message) ?? '' });
    }
  }
  if (error instanceof RateLimitError && retryAfterSeconds !== undefined) {
    (error as { retryAfter?: number }).retryAfter = retryAfterSeconds;
  }
  return error;
}

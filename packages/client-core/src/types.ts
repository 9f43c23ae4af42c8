// The contract between a generated client and this runtime. The generator emits an
// `OperationTable` and an `EnvironmentTable` from the spec; nothing here names an operation.
import type { Hooks, Logger, LogLevel } from './observe.js';

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS' | 'TRACE';

export interface OperationMeta {
  readonly method: HttpMethod;
  /** Path template, e.g. `/v1/offers/{offerId}`. */
  readonly path: string;
  /** Path parameter names in template order: the method's leading arguments. */
  readonly pathParams: readonly string[];
  readonly hasBody: boolean;
  readonly hasQuery: boolean;
  /** From `x-expys-idempotent`: send an Idempotency-Key, reused on every retry. */
  readonly idempotent: boolean;
  /** Takes `cursor`; answers `{ data, nextCursor, hasMore }`. */
  readonly paginated: boolean;
  /**
   * From the operation's security requirement: `"basic"` when it authenticates with HTTP Basic
   * (an application's App ID and App Secret) instead of a bearer credential. Absent: bearer.
   */
  readonly auth?: 'basic' | undefined;
}

export type OperationTable = Readonly<Record<string, OperationMeta>>;

export interface EnvironmentInfo {
  readonly baseUrl: string;
  /** Org-API-Key prefix for this environment (`x-expys-key-prefix`). */
  readonly keyPrefix: string;
  /** Member token prefix for this environment (`x-expys-member-token-prefix`). */
  readonly memberTokenPrefix: string;
  /** Production credentials (`x-expys-live`): the client sends them over https only. */
  readonly live: boolean;
}

export type EnvironmentTable = Readonly<Record<string, EnvironmentInfo>>;

/** Per-call options, the last argument of every method. */
export interface RequestOptions {
  /** For idempotent operations: your own key instead of a generated UUID. */
  idempotencyKey?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Extra headers for this call. `Authorization` is refused: credentials go in `initialize`. */
  headers?: Record<string, string> | undefined;
  /** Overrides the client's `maxRetries` for this call; 0 disables retries. */
  maxRetries?: number | undefined;
  /**
   * For list methods: `for await` stops with an ExpysError after this many pages instead of
   * following `nextCursor` for ever. Default: the client's `maxPages` (1,000). The first page is
   * always fetched.
   */
  maxPages?: number | undefined;
  /**
   * Overrides the client's `timeout` for this call: the whole call, token provider, retries
   * and waits included, in milliseconds. Past it the call rejects with a TimeoutError.
   */
  timeout?: number | undefined;
}

export interface RetryDelays {
  /** First backoff delay; doubles on each retry, with jitter. Default 500 ms. */
  initialDelayMs?: number | undefined;
  /** Upper bound of one backoff delay. Default 8 s. */
  maxDelayMs?: number | undefined;
  /** Upper bound applied to a server's `Retry-After`. Default 60 s. */
  maxRetryAfterMs?: number | undefined;
}

/** Options both clients accept in `initialize`, besides environment and token. */
export interface TransportOptions extends ObservabilityOptions {
  /** Defaults to the spec's server for the environment. */
  baseUrl?: string | undefined;
  /** Retries on network errors, 408, 409 (not `idempotency_conflict`, which is final), 429 and 5xx. Default 2; 0 disables. */
  maxRetries?: number | undefined;
  retryDelays?: RetryDelays | undefined;
  /** A fetch implementation; defaults to the global `fetch` at call time. */
  fetch?: typeof fetch | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /**
   * The deadline of each call in milliseconds, token provider, retries and waits included.
   * Default 60,000 (60 s); past it the call rejects with a TimeoutError.
   */
  timeout?: number | undefined;
  /**
   * Production credentials are only sent over https. Set this to send them to an `http://`
   * baseUrl anyway: only for a proxy on your own machine that forwards over https.
   */
  dangerouslyAllowInsecureHttp?: boolean | undefined;
  /**
   * The largest answer a call reads, in bytes, counted while it streams in (a gzip answer after
   * decompression). Past it the call fails with a ResponseTooLargeError and reading stops.
   * Default 8 MiB (8,388,608).
   */
  maxResponseBytes?: number | undefined;
  /**
   * How many pages a list's `for await` follows before it stops with an ExpysError (a server
   * that always answers `hasMore: true` cannot keep a loop going for ever). Default 1,000;
   * `Infinity` for no cap. Per call: `{ maxPages }`.
   */
  maxPages?: number | undefined;
}

/** Options both clients accept for watching their requests. */
export interface ObservabilityOptions {
  /** Called around every attempt; what they receive is redacted (no credential). */
  hooks?: Hooks | undefined;
  /** Where log lines go. Default `console`. */
  logger?: Logger | undefined;
  /**
   * `"debug"` logs each attempt and answer, `"info"` each successful call, `"warn"` retries,
   * `"error"` failed calls. Default `"off"`. Lines are redacted like error messages.
   */
  logLevel?: LogLevel | undefined;
}

/**
 * Where a client gets its credential: the bearer token, or for Basic operations the base64 of
 * `user:password`. Each client implements it with its own guards, so a credential is checked
 * before it is ever sent.
 */
export interface CredentialSource {
  current(): Promise<string>;
  /**
   * Asked at most once per call, after a 401 whose `code` is in `refreshOn`. Absent when the
   * client has no way to get a new credential (a fixed token). When it hands back the
   * credential that was just refused, the 401 stands and nothing is sent again.
   */
  refresh?(refused: string): Promise<string>;
  /** The 401 problem codes that ask `refresh` for a new credential. Default `["token_expired"]`. */
  readonly refreshOn?: readonly string[] | undefined;
}

// What a call resolves to besides its data: the HTTP response, the request id the API sends on
// every answer, and the rate-limit figures. `await expys.getWallet()` gives the data;
// `await expys.getWallet().withResponse()` gives all of it. Either way one request is sent.

/** The `RateLimit-*` headers of an answer: how many requests this credential has left. */
export interface RateLimit {
  /** Requests allowed in the current window. */
  limit: number;
  /** Requests left in it; at 0 the next one gets `429 rate_limited`. */
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

export interface ApiResponse<T> {
  data: T;
  /** The last HTTP response of the call (after retries); its body has been read. */
  response: Response;
  /** The `Request-Id` header: quote it to support, log it with yours. */
  requestId: string | undefined;
  rateLimit: RateLimit | undefined;
}

export function requestIdOf(response: Response): string | undefined {
  return response.headers.get('request-id') ?? undefined;
}

export function rateLimitOf(response: Response): RateLimit | undefined {
  const figure = (name: string) => {
    const value = response.headers.get(name);
    return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
  };
  const [limit, remaining, resetSeconds] = [figure('ratelimit-limit'), figure('ratelimit-remaining'), figure('ratelimit-reset')];
  return limit === undefined || remaining === undefined || resetSeconds === undefined ? undefined : { limit, remaining, resetSeconds };
}

/**
 * A Promise of the data with one more method, `withResponse()`. The call starts at once (like
 * any promise); awaiting the ApiPromise and `withResponse()` share that one call.
 */
export class ApiPromise<T> extends Promise<T> {
  readonly #call: Promise<ApiResponse<T>>;

  constructor(call: Promise<ApiResponse<T>> | ((resolve: (value: T | PromiseLike<T>) => void, reject: (reason?: unknown) => void) => void)) {
    // The base promise is never used: every reaction goes through `then` below.
    super((resolve) => resolve(undefined as T));
    // An executor (`ApiPromise.resolve()`, `.all()`… construct one like any Promise): data only.
    this.#call =
      typeof call === 'function'
        ? new Promise<T>(call).then((data) => ({ data, response: undefined as unknown as Response, requestId: undefined, rateLimit: undefined }))
        : call;
  }

  // `then`, `catch` and `finally` of a derived promise are plain Promises of their result.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /** The data with the HTTP response, its `requestId` and the `rateLimit` figures. */
  withResponse(): Promise<ApiResponse<T>> {
    return this.#call;
  }

  #data: Promise<T> | undefined;

  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    // One derived promise per call, however many times it is awaited.
    this.#data ??= this.#call.then((result) => result.data);
    return this.#data.then(onFulfilled, onRejected);
  }
}

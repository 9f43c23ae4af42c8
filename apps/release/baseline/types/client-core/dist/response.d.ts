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
export declare function requestIdOf(response: Response): string | undefined;
export declare function rateLimitOf(response: Response): RateLimit | undefined;
/**
 * A Promise of the data with one more method, `withResponse()`. The call starts at once (like
 * any promise); awaiting the ApiPromise and `withResponse()` share that one call.
 */
export declare class ApiPromise<T> extends Promise<T> {
    #private;
    constructor(call: Promise<ApiResponse<T>> | ((resolve: (value: T | PromiseLike<T>) => void, reject: (reason?: unknown) => void) => void));
    static get [Symbol.species](): PromiseConstructor;
    /** The data with the HTTP response, its `requestId` and the `rateLimit` figures. */
    withResponse(): Promise<ApiResponse<T>>;
    then<A = T, B = never>(onFulfilled?: ((value: T) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B>;
}

import type { ApiResponse } from './response.js';
export interface Page<Item = unknown> {
    data: readonly Item[];
    nextCursor?: string | null;
    hasMore: boolean;
}
export type ItemOf<P> = P extends {
    data: readonly (infer Item)[];
} ? Item : never;
export declare class PagePromise<P extends Page<unknown>> implements PromiseLike<P>, AsyncIterable<ItemOf<P>> {
    #private;
    /**
     * `fetchPage(undefined)` fetches the page the caller asked for; `fetchPage(cursor)` the next
     * ones. `maxPages` bounds an iteration (checked when it starts).
     */
    constructor(fetchPage: (cursor: string | undefined) => Promise<ApiResponse<P>>, { maxPages }?: {
        maxPages?: number | undefined;
    });
    /** The first page with its HTTP response, `requestId` and `rateLimit` figures. */
    withResponse(): Promise<ApiResponse<P>>;
    then<A = P, B = never>(onFulfilled?: ((page: P) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B>;
    catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<P | B>;
    finally(onFinally?: (() => void) | null): Promise<P>;
    /** Every page in order, starting with the first. */
    pages(): AsyncGenerator<P, void, undefined>;
    [Symbol.asyncIterator](): AsyncGenerator<ItemOf<P>, void, undefined>;
    get [Symbol.toStringTag](): string;
}

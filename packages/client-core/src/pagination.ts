// List methods return a PagePromise: `await` it for the first page, `for await` over it for
// every item of every page. The first page is fetched once and shared by both uses; nothing is
// fetched until one of them starts.
import { ExpysConfigError, ExpysError, short } from './errors.js';
import type { ApiResponse } from './response.js';

// Long texts and programming-mistake checks in development builds only: bundlers replace
// process.env.NODE_ENV in an app's production build and drop what it guards.
declare const process: { env: { NODE_ENV?: string } };

/** How many pages `for await` follows by default before it stops with an ExpysError naming `maxPages`. */
export const DEFAULT_MAX_PAGES = 1000;

export interface Page<Item = unknown> {
  data: readonly Item[];
  nextCursor?: string | null;
  hasMore: boolean;
}

export type ItemOf<P> = P extends { data: readonly (infer Item)[] } ? Item : never;

export class PagePromise<P extends Page<unknown>> implements PromiseLike<P>, AsyncIterable<ItemOf<P>> {
  readonly #fetchPage: (cursor: string | undefined) => Promise<ApiResponse<P>>;
  readonly #maxPages: unknown;
  #first: Promise<ApiResponse<P>> | undefined;

  /**
   * `fetchPage(undefined)` fetches the page the caller asked for; `fetchPage(cursor)` the next
   * ones. `maxPages` bounds an iteration (checked when it starts; default 1,000, `Infinity` for
   * no cap).
   */
  constructor(fetchPage: (cursor: string | undefined) => Promise<ApiResponse<P>>, { maxPages }: { maxPages?: number | undefined } = {}) {
    this.#fetchPage = fetchPage;
    this.#maxPages = maxPages;
  }

  #firstPage(): Promise<P> {
    return this.withResponse().then((first) => first.data);
  }

  /** The first page with its HTTP response, `requestId` and `rateLimit` figures. */
  withResponse(): Promise<ApiResponse<P>> {
    return (this.#first ??= this.#fetchPage(undefined));
  }

  then<A = P, B = never>(
    onFulfilled?: ((page: P) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#firstPage().then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<P | B> {
    return this.#firstPage().catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<P> {
    return this.#firstPage().finally(onFinally);
  }

  /** Every page in order, starting with the first. */
  async *pages(): AsyncGenerator<P, void, undefined> {
    const maxPages = this.#maxPages ?? DEFAULT_MAX_PAGES;
    if (process.env.NODE_ENV !== 'production' && maxPages !== Infinity && !(Number.isInteger(maxPages) && (maxPages as number) > 0)) {
      throw new ExpysConfigError(`maxPages must be a whole number ≥ 1 (got ${String(maxPages)}).`);
    }
    let page = await this.#firstPage();
    const seen = new Set<string>();
    let fetched = 1;
    yield page;
    while (page.hasMore && page.nextCursor) {
      // The cap is loud, not a silent truncation: the caller learns the list was longer.
      if (fetched >= (maxPages as number)) {
        throw new ExpysError(
          process.env.NODE_ENV !== 'production'
            ? `Pagination stopped after ${fetched} page(s) (maxPages): the list has more. Raise maxPages (default ${DEFAULT_MAX_PAGES}, in initialize or the call's options), or page with nextCursor yourself.`
            : short('E15'),
        );
      }
      fetched += 1;
      // A cursor seen before would loop forever: stop loudly instead.
      if (seen.has(page.nextCursor)) {
        throw new ExpysError(process.env.NODE_ENV !== 'production' ? 'Pagination stopped: the API returned a cursor it had already returned.' : short('E16'));
      }
      seen.add(page.nextCursor);
      page = (await this.#fetchPage(page.nextCursor)).data;
      yield page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<ItemOf<P>, void, undefined> {
    for await (const page of this.pages()) yield* page.data as readonly ItemOf<P>[];
  }

  get [Symbol.toStringTag](): string {
    return 'PagePromise';
  }
}

// The adapter's types, all computed from the member client's generated surface: `Methods` (one
// method per operationId, with its arguments and result) and the type of `operationTable` (HTTP
// method, path parameters, idempotency, pagination). Nothing here names an operation, so an
// operation added to the spec gets its query or mutation options with no edit to this package.
import type { Methods, operationTable, RequestOptions } from '@expys/member-client';
import type { DataTag, DefaultError, InfiniteData, MutationFunctionContext, QueryFunctionContext, QueryKey } from '@tanstack/query-core';

type Table = typeof operationTable;

/** Every operationId of the member client. */
export type OperationId = keyof Methods & keyof Table & string;

/** Operations that read (`GET`): they get `queryOptions` and `queryKey`. */
export type QueryOperationId = { [K in OperationId]: Table[K]['method'] extends 'GET' ? K : never }[OperationId];

/** Cursor-paginated reads: they also get `infiniteQueryOptions` and `infiniteQueryKey`. */
export type InfiniteQueryOperationId = { [K in QueryOperationId]: Table[K]['paginated'] extends true ? K : never }[QueryOperationId];

/** Everything else (`POST`, `PUT`, `PATCH`, `DELETE`): `mutationOptions` and `mutationKey`. */
export type MutationOperationId = Exclude<OperationId, QueryOperationId>;

/**
 * A client method's arguments without its trailing `options`: path parameters in template
 * order, then the body or the query, with the client's own names and optionality.
 */
export type OperationArgs<K extends OperationId> = Methods[K] extends (...args: [...infer Args, (RequestOptions | undefined)?]) => unknown ? Args : never;

/** What a call resolves to: the response body (for a list, one page: `{ data, nextCursor, hasMore }`). */
export type OperationData<K extends OperationId> = Methods[K] extends (...args: never[]) => PromiseLike<infer Data> ? Data : never;

/**
 * Per-call options of the client that a query may set. They tune how the request is made and are
 * not part of the query key; `signal` is TanStack's, and idempotency keys belong to mutations.
 */
export type QueryRequestOptions = Pick<RequestOptions, 'headers' | 'maxRetries' | 'timeout'>;

/** The first element of every key this adapter writes. */
export type RootKey = readonly ['expys'];

/** `['expys', operationId, ...path parameters, query?]`, tagged with the data it holds. */
export type ExpysQueryKey<K extends QueryOperationId> = DataTag<readonly ['expys', K, ...OperationArgs<K>], OperationData<K>, DefaultError>;

/** The page parameter of an infinite query: the `cursor` sent for that page (none for the first). */
export type PageParam = string | undefined;

/** `['expys', operationId, 'infinite', ...path parameters, query?]`, tagged with its pages. */
export type ExpysInfiniteQueryKey<K extends InfiniteQueryOperationId> = DataTag<
  readonly ['expys', K, 'infinite', ...OperationArgs<K>],
  InfiniteData<OperationData<K>, PageParam>,
  DefaultError
>;

/** Options for `useQuery`, `useSuspenseQuery`, `useQueries`, `fetchQuery`, `QueryObserver`… */
export interface ExpysQueryOptions<K extends QueryOperationId> {
  queryKey: ExpysQueryKey<K>;
  // Any key in the context: the function reads only the signal, and a narrower parameter would
  // refuse the option types of hooks that pass the key untagged.
  queryFn: (context: QueryFunctionContext<QueryKey>) => Promise<OperationData<K>>;
  retry: (failureCount: number, error: DefaultError) => boolean;
}

/** Options for `useInfiniteQuery`, `fetchInfiniteQuery`, `InfiniteQueryObserver`… */
export interface ExpysInfiniteQueryOptions<K extends InfiniteQueryOperationId> {
  queryKey: ExpysInfiniteQueryKey<K>;
  queryFn: (context: QueryFunctionContext<QueryKey, PageParam>) => Promise<OperationData<K>>;
  initialPageParam: PageParam;
  getNextPageParam: (lastPage: OperationData<K>, allPages: OperationData<K>[], lastPageParam: PageParam, allPageParams: PageParam[]) => PageParam;
  retry: (failureCount: number, error: DefaultError) => boolean;
}

type IdempotencyOption<K extends OperationId> = Table[K]['idempotent'] extends true
  ? {
      /**
       * Your own Idempotency-Key for this mutation, e.g. one per form: a second `mutate()` with
       * the same key replays the first result instead of doing it again. Default: a new key per
       * `mutate()`, reused by the client's own retries.
       */
      idempotencyKey?: string | undefined;
    }
  : unknown;

type WithIdempotency<Body, K extends OperationId> = Body extends readonly unknown[] ? Body : Body extends object ? Body & IdempotencyOption<K> : Body;

/**
 * What `mutate()` takes:
 * - the body, for an operation that takes only a body (`createRedemption`: `{ offerId }`), with
 *   an optional `idempotencyKey` beside its fields when the operation is idempotent;
 * - nothing (or `{ idempotencyKey }`), for one that takes no argument;
 * - `{ args: [...path parameters, body?] }` (and `idempotencyKey`), for one with path parameters.
 */
export type MutationVariables<K extends MutationOperationId> =
  OperationArgs<K> extends []
    ? Table[K]['idempotent'] extends true
      ? void | { idempotencyKey?: string | undefined }
      : void
    : Table[K]['pathParams'] extends readonly []
      ? OperationArgs<K> extends [infer Body]
        ? WithIdempotency<Body, K>
        : OperationArgs<K> extends [(infer Body)?]
          ? WithIdempotency<NonNullable<Body>, K> | void
          : never
      : { args: OperationArgs<K> } & IdempotencyOption<K>;

/** Options for `useMutation`, `MutationObserver`… */
export interface ExpysMutationOptions<K extends MutationOperationId> {
  mutationKey: readonly ['expys', K];
  mutationFn: (variables: MutationVariables<K>, context: MutationFunctionContext) => Promise<OperationData<K>>;
  /** Never retried by TanStack: the client already retries what is safe to repeat (see README). */
  retry: false;
}

/** What a mutation marks stale once it succeeded. */
export type Invalidate<K extends MutationOperationId> =
  | false
  | readonly QueryKey[]
  | ((data: OperationData<K>, variables: MutationVariables<K>) => readonly QueryKey[]);

export interface MutationSettings<K extends MutationOperationId> {
  /**
   * Query keys to invalidate after a success, before the mutation resolves: by default
   * `[q.queryKey()]`, every query of this adapter (member data is small and one member's).
   * `false` invalidates nothing; a list (or a function of the result) invalidates those keys.
   */
  invalidate?: Invalidate<K> | undefined;
}

export interface QueryHelpers<K extends QueryOperationId> {
  /**
   * The key of this query, tagged with its data type (`queryClient.getQueryData(key)` is typed).
   * Without arguments, for an operation with path parameters: the prefix of all its queries.
   */
  queryKey: ((...args: OperationArgs<K>) => ExpysQueryKey<K>) & (() => readonly ['expys', K]);
  /** `useQuery(q.getOffer.queryOptions("off_…"))`: path parameters, then the query, like the client. */
  queryOptions(...args: [...OperationArgs<K>, options?: QueryRequestOptions]): ExpysQueryOptions<K>;
}

export interface InfiniteQueryHelpers<K extends InfiniteQueryOperationId> {
  /** The key of the infinite query over these arguments, tagged with its pages. */
  infiniteQueryKey(...args: OperationArgs<K>): ExpysInfiniteQueryKey<K>;
  /**
   * `useInfiniteQuery(q.listOffers.infiniteQueryOptions({ limit: 20 }))`: every page, following
   * `nextCursor` while `hasMore` (each page's cursor is sent as the `cursor` query parameter).
   */
  infiniteQueryOptions(...args: [...OperationArgs<K>, options?: QueryRequestOptions]): ExpysInfiniteQueryOptions<K>;
}

export interface MutationHelpers<K extends MutationOperationId> {
  /** `['expys', operationId]`: for `useMutationState`, `isMutating` and `setMutationDefaults`. */
  mutationKey(): readonly ['expys', K];
  /** `useMutation(q.createRedemption.mutationOptions())`: `mutate(body)`, one Idempotency-Key per call. */
  mutationOptions(settings?: MutationSettings<K>): ExpysMutationOptions<K>;
}

export type OperationHelpers<K extends OperationId> = K extends InfiniteQueryOperationId
  ? QueryHelpers<K> & InfiniteQueryHelpers<K>
  : K extends QueryOperationId
    ? QueryHelpers<K>
    : K extends MutationOperationId
      ? MutationHelpers<K>
      : never;

/** What `createExpysQueries(client)` returns: one entry per operationId, plus the root key. */
export type ExpysQueries = { readonly [K in OperationId]: OperationHelpers<K> } & {
  /** `['expys']`: the prefix of every key this adapter writes (invalidate it, or remove it on sign-out). */
  queryKey(): RootKey;
};

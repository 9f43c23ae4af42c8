// createExpysQueries(client): for each operation of the member client's generated table, the
// option objects TanStack Query takes (the same for React, Vue, Solid, Svelte and query-core).
// The client does the work (auth, token refresh, retries, idempotency, errors); this file only
// maps TanStack's calls onto it: keys, the abort signal, page cursors and invalidation.
import { ExpysConfigError, ExpysError, operationTable, type MemberClient } from '@expys/member-client';
import type { MutationFunctionContext, QueryFunctionContext, QueryKey } from '@tanstack/query-core';
import { callArgs, keyArgs, mutationCall, nextCursor, normalisedQuery, splitArgs, type Meta } from './calls.js';
import type { ExpysQueries } from './types.js';

type AnyMethod = (...args: unknown[]) => PromiseLike<unknown>;

const ROOT = 'expys';
/** TanStack's default number of retries for queries, kept for failures that are not the client's. */
const DEFAULT_QUERY_RETRIES = 3;

/**
 * The `retry` of every query option this adapter returns. It never retries an ExpysError: the
 * client has already retried what can succeed on a second try (network errors, 408, 409, 429,
 * 5xx, with backoff and Retry-After), and everything else (4xx, CredentialError, a timeout, an
 * abort) fails the same way again. Retrying here would multiply the client's attempts (3 × 4
 * requests for a server that is down). Your token provider failing (to reach your backend, say:
 * a CredentialError with reason `credential_provider_failed`, its text redacted) gets TanStack's
 * default of 3 retries, as do errors that are not the client's.
 */
export function expysRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ExpysError && (error as { reason?: unknown }).reason !== 'credential_provider_failed') return false;
  return failureCount < DEFAULT_QUERY_RETRIES;
}

async function invalidateAfter(settings: { invalidate?: unknown } | undefined, data: unknown, variables: unknown, context: MutationFunctionContext | undefined): Promise<void> {
  const invalidate = settings?.invalidate as false | readonly QueryKey[] | ((data: unknown, variables: unknown) => readonly QueryKey[]) | undefined;
  // The QueryClient running the mutation: the right one even with several (tests, SSR per request).
  const client = context?.client;
  if (invalidate === false || !client) return;
  try {
    const keys = typeof invalidate === 'function' ? invalidate(data, variables) : (invalidate ?? [[ROOT]]);
    await Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));
  } catch {
    // The mutation happened: a refetch that fails must not report it as failed (a user who
    // retries a "failed" redemption would redeem twice). Failed refetches show on their queries.
  }
}

/**
 * TanStack Query options for every operation of a member client:
 * `useQuery(q.getWallet.queryOptions())`, `useInfiniteQuery(q.listOffers.infiniteQueryOptions())`,
 * `useMutation(q.createRedemption.mutationOptions())`.
 */
export function createExpysQueries(client: MemberClient): ExpysQueries {
  const methods = client as unknown as Record<string, AnyMethod | undefined>;
  const queries: Record<string, unknown> = { queryKey: () => [ROOT] };

  for (const [operationId, meta] of Object.entries(operationTable) as [string, Meta][]) {
    const method = methods[operationId];
    if (typeof method !== 'function') {
      throw new ExpysConfigError(`createExpysQueries takes the client returned by initialize() from @expys/member-client (it has no ${operationId} method).`);
    }
    const call = (args: unknown[], options: Record<string, unknown>) => method.apply(client, [...args, options]);

    if (meta.method !== 'GET') {
      queries[operationId] = {
        mutationKey: () => [ROOT, operationId],
        mutationOptions: (settings?: { invalidate?: unknown }) => ({
          mutationKey: [ROOT, operationId],
          mutationFn: async (variables: unknown, context?: MutationFunctionContext) => {
            const { args, idempotencyKey } = mutationCall(meta, variables);
            // No key given: the client makes one for this call and reuses it on its own retries.
            const data = await call(args, idempotencyKey === undefined ? {} : { idempotencyKey });
            await invalidateAfter(settings, data, variables, context);
            return data;
          },
          // A TanStack retry would be a second call with a second Idempotency-Key.
          retry: false,
        }),
      };
      continue;
    }

    const helpers: Record<string, unknown> = {
      queryKey: (...args: unknown[]) => {
        const { path, query } = splitArgs(operationId, meta, args);
        return [ROOT, operationId, ...keyArgs(path, query)];
      },
      queryOptions: (...args: unknown[]) => {
        const { path, query, options } = splitArgs(operationId, meta, args);
        return {
          queryKey: [ROOT, operationId, ...keyArgs(path, query)],
          // TanStack's signal aborts the HTTP request when the query is cancelled or unobserved.
          queryFn: ({ signal }: QueryFunctionContext) => call(callArgs(meta, path, query), { ...options, signal }),
          retry: expysRetry,
        };
      },
    };
    if (meta.paginated) {
      helpers.infiniteQueryKey = (...args: unknown[]) => {
        const { path, query } = splitArgs(operationId, meta, args);
        return [ROOT, operationId, 'infinite', ...keyArgs(path, query)];
      };
      helpers.infiniteQueryOptions = (...args: unknown[]) => {
        const { path, query, options } = splitArgs(operationId, meta, args);
        // A cursor in the query is where the list starts; later pages replace it.
        const { cursor: initialPageParam, ...rest } = (query ?? {}) as { cursor?: string };
        const base = normalisedQuery(rest);
        return {
          queryKey: [ROOT, operationId, 'infinite', ...keyArgs(path, query)],
          queryFn: ({ signal, pageParam }: QueryFunctionContext<QueryKey, string | undefined>) =>
            call(callArgs(meta, path, pageParam === undefined ? base : { ...(base as object), cursor: pageParam }), { ...options, signal }),
          initialPageParam,
          getNextPageParam: (lastPage: unknown, _allPages: unknown[], _lastPageParam: unknown, allPageParams: unknown[]) => nextCursor(lastPage, allPageParams),
          retry: expysRetry,
        };
      };
    }
    queries[operationId] = helpers;
  }
  return queries as ExpysQueries;
}

// @expys/member-query: TanStack Query options for @expys/member-client, derived from its
// generated operations (queries for reads, infinite queries for lists, mutations for the rest).
export { createExpysQueries, expysRetry } from './queries.js';
export type {
  ExpysInfiniteQueryKey,
  ExpysInfiniteQueryOptions,
  ExpysMutationOptions,
  ExpysQueries,
  ExpysQueryKey,
  ExpysQueryOptions,
  InfiniteQueryHelpers,
  InfiniteQueryOperationId,
  Invalidate,
  MutationHelpers,
  MutationOperationId,
  MutationSettings,
  MutationVariables,
  OperationArgs,
  OperationData,
  OperationHelpers,
  OperationId,
  PageParam,
  QueryHelpers,
  QueryOperationId,
  QueryRequestOptions,
  RootKey,
} from './types.js';

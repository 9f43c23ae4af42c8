// How the adapter's arguments map onto a client call, per operation metadata (the generated
// table's entries): pure functions, tested with the real table and with made-up operations.
import { ExpysConfigError } from '@expys/member-client';
import type { QueryRequestOptions } from './types.js';

/** What the adapter reads from an entry of the client's `operationTable`. */
export interface Meta {
  readonly method: string;
  readonly pathParams: readonly string[];
  readonly hasBody: boolean;
  readonly hasQuery: boolean;
  readonly idempotent: boolean;
  readonly paginated: boolean;
}
type Page = { nextCursor?: string | null; hasMore?: boolean };

export const slotsOf = (meta: Meta) => meta.pathParams.length + (meta.hasBody || meta.hasQuery ? 1 : 0);

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The query without its undefined entries, or undefined when nothing is left: `queryOptions()`,
 * `queryOptions({})` and `queryOptions({ category: undefined })` are one query, one cache entry.
 */
export function normalisedQuery(query: unknown): unknown {
  if (!isPlainObject(query)) return query;
  const entries = Object.entries(query).filter(([, value]) => value !== undefined);
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

/** Splits `(...path parameters, query?, options?)` into the call's arguments and the request options. */
export function splitArgs(operationId: string, meta: Meta, args: unknown[]): { path: unknown[]; query: unknown; options: QueryRequestOptions | undefined } {
  const slots = slotsOf(meta);
  if (args.length > slots + 1) {
    throw new ExpysConfigError(`${operationId} queries take ${slots} argument(s) then request options; got ${args.length} arguments.`);
  }
  const options = args[slots] as QueryRequestOptions | undefined;
  if (options !== undefined && !isPlainObject(options)) throw new ExpysConfigError(`${operationId}: request options must be an object.`);
  return {
    path: args.slice(0, meta.pathParams.length),
    query: meta.hasQuery ? normalisedQuery(args[meta.pathParams.length]) : undefined,
    options,
  };
}

/** Arguments as the client method takes them: the slot is always present, so options land last. */
export function callArgs(meta: Meta, path: unknown[], slot: unknown): unknown[] {
  return meta.hasBody || meta.hasQuery ? [...path, slot] : [...path];
}

/** The key segments after the operationId: path parameters, then the query when it has entries. */
export function keyArgs(path: unknown[], query: unknown): unknown[] {
  return query === undefined ? [...path] : [...path, query];
}

export function nextCursor(lastPage: unknown, allPageParams: unknown[]): string | undefined {
  const page = lastPage as Page;
  if (!page?.hasMore || typeof page.nextCursor !== 'string' || page.nextCursor === '') return undefined;
  // A cursor the API already returned would load the same pages again: the list ends there.
  return allPageParams.includes(page.nextCursor) ? undefined : page.nextCursor;
}

/** Reads `mutate()`'s variables back into the client's arguments and Idempotency-Key (see MutationVariables). */
export function mutationCall(meta: Meta, variables: unknown): { args: unknown[]; idempotencyKey: string | undefined } {
  const slots = slotsOf(meta);
  const keyOf = (value: unknown) => (meta.idempotent && isPlainObject(value) ? (value.idempotencyKey as string | undefined) : undefined);
  if (slots === 0) return { args: [], idempotencyKey: keyOf(variables) };
  if (meta.pathParams.length > 0) {
    const args = isPlainObject(variables) ? variables.args : undefined;
    if (!Array.isArray(args)) throw new ExpysConfigError('This operation takes path parameters: call mutate({ args: [...path parameters, body?] }).');
    return { args: [...args, ...Array(Math.max(0, slots - args.length)).fill(undefined)].slice(0, slots), idempotencyKey: keyOf(variables) };
  }
  if (meta.idempotent && isPlainObject(variables) && 'idempotencyKey' in variables) {
    const { idempotencyKey, ...body } = variables;
    return { args: [body], idempotencyKey: idempotencyKey as string | undefined };
  }
  return { args: [variables], idempotencyKey: undefined };
}

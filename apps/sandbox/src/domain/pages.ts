// Cursor pagination over any table with a `seq`: keyset paging, so a page never repeats or skips
// a row when rows are added between pages. Cursors are opaque to clients (base64url JSON).
import type { Queryable } from '../db/database.js';
import { invalid } from './problem.js';

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
  hasMore: boolean;
}

export interface PageQuery {
  cursor?: string;
  limit?: number;
}

export const DEFAULT_LIMIT = 20;

export function encodeCursor(seq: number): string {
  return Buffer.from(JSON.stringify({ seq })).toString('base64url');
}

/** The position a cursor stands for; a cursor this API did not issue is a 422 on `/query/cursor`. */
export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Number.isSafeInteger(value?.seq) && value.seq >= 0) return value.seq;
  } catch {
    // falls through to the 422
  }
  throw invalid('/query/cursor', 'is not a cursor this API issued; pass nextCursor from the previous page unchanged');
}

/**
 * One page of `table` rows matching `where` (parameters $1…), by `seq` ascending or descending.
 * `table` and `where` are our own constants, never request input.
 */
export async function pageOf<Row extends { seq: number }, T>(
  db: Queryable,
  options: { table: string; where: string; params: unknown[]; order: 'asc' | 'desc'; query: PageQuery; map: (row: Row) => T },
): Promise<Page<T>> {
  const limit = options.query.limit ?? DEFAULT_LIMIT;
  const after = decodeCursor(options.query.cursor);
  const params = [...options.params];
  let where = options.where;
  if (after !== undefined) {
    params.push(after);
    where += ` AND seq ${options.order === 'asc' ? '>' : '<'} $${params.length}`;
  }
  params.push(limit + 1);
  const rows = await db.query<Row>(`SELECT * FROM ${options.table} WHERE ${where} ORDER BY seq ${options.order} LIMIT $${params.length}`, params, { cacheable: true });
  const hasMore = rows.length > limit;
  const data = rows.slice(0, limit);
  return { data: data.map(options.map), hasMore, nextCursor: hasMore ? encodeCursor(Number(data[data.length - 1].seq)) : null };
}

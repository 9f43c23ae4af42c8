// Cursor pagination over any table with a `seq` and an `id`: keyset paging, so a page never
// repeats or skips a row when rows are added between pages. Cursors are opaque to clients
// (base64url JSON naming the page's last item, the form of the spec's examples).
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

/**
 * A cursor names the last item of its page, as the spec's own examples do
 * (`eyJpZCI6Im9mZl83SHEyTG1ONHBYOXJUMXZCIn0` is `{"id":"off_7Hq2LmN4pX9rT1vB"}`), so the spec's
 * Cursor example is a cursor this sandbox reads.
 */
export function encodeCursor(id: string): string {
  return Buffer.from(JSON.stringify({ id })).toString('base64url');
}

const notIssued = () => invalid('/query/cursor', 'is not a cursor this API issued; pass nextCursor from the previous page unchanged');

/** The item a cursor names; a cursor this API did not issue is a 422 on `/query/cursor`. */
export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value?.id === 'string' && value.id.length > 0 && value.id.length <= 64) return value.id;
  } catch {
    // falls through to the 422
  }
  throw notIssued();
}

/**
 * One page of `table` rows matching `where` (parameters $1…), by `seq` ascending or descending.
 * `table` and `where` are our own constants, never request input.
 */
export async function pageOf<Row extends { seq: number; id: string }, T>(
  db: Queryable,
  options: { table: string; where: string; params: unknown[]; order: 'asc' | 'desc'; query: PageQuery; map: (row: Row) => T },
): Promise<Page<T>> {
  const limit = options.query.limit ?? DEFAULT_LIMIT;
  const afterId = decodeCursor(options.query.cursor);
  const params = [...options.params];
  let where = options.where;
  if (afterId !== undefined) {
    // The named item must be one of this list's (same filter): another list's id is not a cursor here.
    const [named] = await db.query<{ seq: number }>(`SELECT seq FROM ${options.table} WHERE (${options.where}) AND id = $${params.length + 1}`, [...params, afterId], { cacheable: true });
    if (!named) throw notIssued();
    params.push(Number(named.seq));
    where += ` AND seq ${options.order === 'asc' ? '>' : '<'} $${params.length}`;
  }
  params.push(limit + 1);
  const rows = await db.query<Row>(`SELECT * FROM ${options.table} WHERE ${where} ORDER BY seq ${options.order} LIMIT $${params.length}`, params, { cacheable: true });
  const hasMore = rows.length > limit;
  const data = rows.slice(0, limit);
  return { data: data.map(options.map), hasMore, nextCursor: hasMore ? encodeCursor(String(data[data.length - 1].id)) : null };
}

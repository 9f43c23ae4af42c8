// Analytics computed from the ledger itself: whatever the sandbox did shows up here.
// Ranges are UTC dates, both ends inclusive; "today" is the sandbox clock's.
import type { Queryable } from '../db/database.js';
import { cashbackAnalytics } from './cashback.js';
import { referralAnalytics } from './referrals.js';
import { stampAnalytics } from './stamps.js';
import type { Clock } from './clock.js';
import { decodeCursor, encodeCursor, type Page, type PageQuery, DEFAULT_LIMIT } from './pages.js';
import { invalid } from './problem.js';

const DAY_MS = 86_400_000;
export const MAX_RANGE_DAYS = 366;

export interface DateRange {
  from: string;
  to: string;
  /** [start, end) in time. */
  start: Date;
  end: Date;
}

/** The range `from`–`to` (default: the last 30 days up to today), refused with 422 when it is not one. */
export function dateRange(clock: Clock, from: string | undefined, to: string | undefined): DateRange {
  const today = clock.now().toISOString().slice(0, 10);
  const toDate = to ?? today;
  const fromDate = from ?? new Date(Date.parse(`${toDate}T00:00:00Z`) - 29 * DAY_MS).toISOString().slice(0, 10);
  const start = new Date(`${fromDate}T00:00:00Z`);
  const last = new Date(`${toDate}T00:00:00Z`);
  // format: date already checked the shape; a date that does not exist (2026-02-30) is caught here.
  if (Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== fromDate) throw invalid('/query/from', 'is not a calendar date');
  if (Number.isNaN(last.getTime()) || last.toISOString().slice(0, 10) !== toDate) throw invalid('/query/to', 'is not a calendar date');
  if (start > last) throw invalid('/query/from', `must not be later than to (${toDate})`);
  const days = (last.getTime() - start.getTime()) / DAY_MS + 1;
  if (days > MAX_RANGE_DAYS) throw invalid('/query/from', `gives a range of ${days} days; the longest is ${MAX_RANGE_DAYS}`);
  return { from: fromDate, to: toDate, start, end: new Date(last.getTime() + DAY_MS) };
}

export async function summary(db: Queryable, range: DateRange) {
  const [members] = await db.query('SELECT count(*)::int AS n FROM members WHERE created_at < $1', [range.end], { cacheable: true });
  const [ledger] = await db.query(
    `SELECT count(DISTINCT external_user_id)::int AS active,
            COALESCE(sum(CASE WHEN type = 'credit' THEN amount ELSE 0 END), 0)::bigint AS minted,
            COALESCE(sum(CASE WHEN type = 'redemption' THEN -amount ELSE 0 END), 0)::bigint AS redeemed,
            count(*) FILTER (WHERE type = 'redemption')::int AS redemptions
       FROM wallet_transactions WHERE created_at >= $1 AND created_at < $2`,
    [range.start, range.end],
    { cacheable: true },
  );
  return {
    from: range.from,
    to: range.to,
    memberCount: Number(members.n),
    activeMembers: Number(ledger.active),
    pointsMinted: Number(ledger.minted),
    pointsRedeemed: Number(ledger.redeemed),
    redemptionCount: Number(ledger.redemptions),
    ...(await stampAnalytics(db, range)),
    ...(await cashbackAnalytics(db, range)),
    ...(await referralAnalytics(db, range)),
  };
}

/**
 * Per-offer performance, most redeemed first. `conversionRate` is the share of the org's
 * members who redeemed the offer at least once.
 */
export async function offerPerformance(db: Queryable, query: PageQuery): Promise<Page<unknown>> {
  const [members] = await db.query('SELECT count(*)::int AS n FROM members', [], { cacheable: true });
  const rows = await db.query(
    `SELECT o.seq, o.id, o.title, count(r.id)::int AS redemptions, COALESCE(sum(r.points_spent), 0)::bigint AS points,
            count(DISTINCT r.external_user_id)::int AS redeemers
       FROM offers o LEFT JOIN redemptions r ON r.offer_id = o.id
      GROUP BY o.seq, o.id, o.title
      ORDER BY count(r.id) DESC, o.seq ASC`,
    [],
    { cacheable: true },
  );
  // Ranked, not keyed by seq: the cursor names the last offer of the previous page in the ranking.
  const limit = query.limit ?? DEFAULT_LIMIT;
  const afterId = decodeCursor(query.cursor);
  const named = afterId === undefined ? -1 : rows.findIndex((row) => row.id === afterId);
  if (afterId !== undefined && named === -1) throw invalid('/query/cursor', 'is not a cursor this API issued; pass nextCursor from the previous page unchanged');
  const startAt = named + 1;
  const slice = rows.slice(startAt, startAt + limit);
  const hasMore = startAt + limit < rows.length;
  const memberCount = Number(members.n);
  return {
    data: slice.map((row) => ({
      offerId: row.id,
      title: row.title,
      redemptionCount: Number(row.redemptions),
      pointsRedeemed: Number(row.points),
      conversionRate: memberCount === 0 ? 0 : Math.min(1, Number(row.redeemers) / memberCount),
    })),
    hasMore,
    nextCursor: hasMore ? encodeCursor(String(slice[slice.length - 1].id)) : null,
  };
}

const METRIC_SQL: Record<string, string> = {
  pointsMinted: "COALESCE(sum(amount) FILTER (WHERE type = 'credit'), 0)",
  pointsRedeemed: "COALESCE(sum(-amount) FILTER (WHERE type = 'redemption'), 0)",
  redemptions: "count(*) FILTER (WHERE type = 'redemption')",
  activeMembers: 'count(DISTINCT external_user_id)',
};

/** The start of the bucket holding `day` (UTC): the day, the ISO week's Monday, the month's 1st. */
function bucketStart(day: Date, interval: string): Date {
  if (interval === 'week') return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
  if (interval === 'month') return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1));
  return day;
}

function nextBucket(start: Date, interval: string): Date {
  if (interval === 'week') return new Date(start.getTime() + 7 * DAY_MS);
  if (interval === 'month') return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  return new Date(start.getTime() + DAY_MS);
}

export async function timeseries(db: Queryable, range: DateRange, metric: string, interval: string) {
  // One query, grouped by bucket (date_trunc's week starts on Monday, as ISO weeks do); empty
  // buckets are filled with 0 below. `metric` and `interval` passed the spec's enums.
  const rows = await db.query(
    `SELECT to_char(date_trunc('${interval}', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS bucket, ${METRIC_SQL[metric]}::bigint AS value
       FROM wallet_transactions WHERE created_at >= $1 AND created_at < $2 GROUP BY 1`,
    [range.start, range.end],
    { cacheable: true },
  );
  const values = new Map(rows.map((row) => [String(row.bucket), Number(row.value)]));
  const points: { timestamp: string; value: number }[] = [];
  for (let bucket = bucketStart(range.start, interval); bucket < range.end; bucket = nextBucket(bucket, interval)) {
    points.push({ timestamp: bucket.toISOString().replace('.000Z', 'Z'), value: values.get(bucket.toISOString().slice(0, 10)) ?? 0 });
  }
  return { metric, interval, points };
}

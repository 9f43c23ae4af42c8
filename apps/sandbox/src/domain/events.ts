// The outbox: an event and one delivery per subscribed endpoint are written in the transaction
// that caused them, so an event exists exactly when its effect does, and survives a crash.
import type { Queryable } from '../db/database.js';
import { iso } from './representations.js';
import { newId } from './ids.js';

export type EventType = 'redemption.created' | 'points.credited' | 'member.updated' | 'member.removed' | 'stamps.reward_earned'
  | 'cashback.credited'
  | 'claim.submitted'
  | 'claim.approved'
  | 'claim.rejected'
  | 'referral.applied';

export interface EventEnvelope {
  id: string;
  type: EventType;
  createdAt: string;
  data: unknown;
}

/**
 * The outbox write as CTEs to append to a statement whose CTE `source` yields one row with the
 * event's `payload` (text): the event and its deliveries are written by that same statement.
 * `$1` is the event id, `$2` its type and `$3` the time; the statement's own parameters follow.
 * `deliveries` returns the deliveries' ids (none: no endpoint is subscribed, no worker to wake).
 */
export function eventCtes(source: string): string {
  return `event AS (INSERT INTO events (id, type, payload, created_at) SELECT $1, $2, payload, $3 FROM ${source} RETURNING id),
     deliveries AS (
       INSERT INTO webhook_deliveries (id, event_id, webhook_id, state, next_attempt_at, created_at, updated_at)
       SELECT 'dlv_' || substr(md5(event.id || w.id), 1, 16), event.id, w.id, 'pending', $3, $3, $3
         FROM event, webhook_endpoints w
        WHERE w.deleted_at IS NULL AND NOT w.example AND $2 = ANY(w.events)
       RETURNING id)`;
}

export function newEvent(type: EventType, data: unknown, now: Date): EventEnvelope {
  return { id: newId('evt'), type, createdAt: iso(now), data };
}

export async function emitEvent(tx: Queryable, type: EventType, data: unknown, now: Date): Promise<EventEnvelope> {
  const event: EventEnvelope = { id: newId('evt'), type, createdAt: iso(now), data };
  // One statement: the event, and a delivery for each endpoint subscribed to its type.
  await tx.query(
    `WITH event AS (INSERT INTO events (id, type, payload, created_at) VALUES ($1, $2, $3, $4) RETURNING id)
     INSERT INTO webhook_deliveries (id, event_id, webhook_id, state, next_attempt_at, created_at, updated_at)
     SELECT 'dlv_' || substr(md5(event.id || w.id), 1, 16), event.id, w.id, 'pending', $4, $4, $4
       FROM event, webhook_endpoints w
      WHERE w.deleted_at IS NULL AND NOT w.example AND $2 = ANY(w.events)`,
    [event.id, type, JSON.stringify(event), now],
  );
  return event;
}

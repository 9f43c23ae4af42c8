// The outbox: an event and one delivery per subscribed endpoint are written in the transaction
// that caused them, so an event exists exactly when its effect does, and survives a crash.
import type { Queryable } from '../db/database.js';
import { iso } from './representations.js';
import { newId } from './ids.js';

export type EventType = 'redemption.created' | 'points.credited' | 'member.updated' | 'member.removed';

export interface EventEnvelope {
  id: string;
  type: EventType;
  createdAt: string;
  data: unknown;
}

export async function emitEvent(tx: Queryable, type: EventType, data: unknown, now: Date): Promise<EventEnvelope> {
  const event: EventEnvelope = { id: newId('evt'), type, createdAt: iso(now), data };
  await tx.query('INSERT INTO events (id, type, payload, created_at) VALUES ($1, $2, $3, $4)', [event.id, type, JSON.stringify(event), now]);
  const endpoints = await tx.query<{ id: string }>('SELECT id FROM webhook_endpoints WHERE deleted_at IS NULL AND NOT example AND $1 = ANY(events) ORDER BY seq', [type]);
  for (const endpoint of endpoints) {
    await tx.query(
      "INSERT INTO webhook_deliveries (id, event_id, webhook_id, state, next_attempt_at, created_at, updated_at) VALUES ($1, $2, $3, 'pending', $4, $4, $4)",
      [newId('dlv'), event.id, endpoint.id, now],
    );
  }
  return event;
}

// Webhook endpoints (createWebhook, listWebhooks, deleteWebhook). The signing secret (Standard
// Webhooks: `whsec_` + base64 of 32 random bytes) is generated here and returned once, by
// createWebhook; lists never carry it.
import type { Queryable } from '../db/database.js';
import type { Clock } from '../domain/clock.js';
import { newId } from '../domain/ids.js';
import { pageOf, type PageQuery } from '../domain/pages.js';
import { notFound } from '../domain/problem.js';
import { webhook } from '../domain/representations.js';
import { newSigningSecret } from './signing.js';

export async function createEndpoint(tx: Queryable, clock: Clock, input: { url: string; events: string[] }) {
  const signingSecret = newSigningSecret();
  const [row] = await tx.query('INSERT INTO webhook_endpoints (id, url, events, signing_secret, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING *', [
    newId('we'),
    input.url,
    input.events,
    signingSecret,
    clock.now(),
  ]);
  return { ...webhook(row), signingSecret };
}

export const listEndpoints = (db: Queryable, query: PageQuery) =>
  pageOf(db, { table: 'webhook_endpoints', where: 'deleted_at IS NULL', params: [], order: 'desc', query, map: webhook });

/** Deletes an endpoint: no more deliveries, pending ones are abandoned; its log stays readable. */
export async function deleteEndpoint(tx: Queryable, clock: Clock, id: string): Promise<void> {
  const [row] = await tx.query('UPDATE webhook_endpoints SET deleted_at = $2 WHERE id = $1 AND deleted_at IS NULL RETURNING id', [id, clock.now()]);
  if (!row) throw notFound(`The webhook endpoint ${JSON.stringify(id)}`);
  await tx.query(
    "UPDATE webhook_deliveries SET state = 'failed', last_error = 'the endpoint was deleted', next_attempt_at = NULL, updated_at = $2 WHERE webhook_id = $1 AND state = 'pending'",
    [id, clock.now()],
  );
}

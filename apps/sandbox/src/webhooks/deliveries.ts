// Delivers the outbox: every pending delivery whose time has come is POSTed, signed (Standard
// Webhooks, signing.ts: the same webhook-id on every attempt, a fresh timestamp each time), to its
// endpoint (or to `forwardTo`, for a developer's local receiver), and every attempt is logged.
// A 2xx within the timeout is success; anything else is retried on a schedule of about three
// days, on the sandbox clock (advance it to make retries due at once). At least once: a
// delivery caught mid-send by a crash is sent again after a restart.
// Several processes may serve one PostgreSQL database: each due delivery is claimed by one of
// them (FOR UPDATE SKIP LOCKED) with a lease in real time; only that process attempts it, and a
// lease that runs out (its process died) lets another process take it over.
// Only to public addresses unless allowed (targets.ts): a refused attempt connects to nothing and
// is logged as failed with the reason, then retried on the schedule like any failed attempt.
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';
import type { Clock } from '../domain/clock.js';
import { sign, type SignedHeaders } from './signing.js';
import { hostOf, pinnedLookup, vetTarget, type Resolve, type TargetPolicy } from './targets.js';

/** Wait before each retry: attempt 2 comes 5 s after attempt 1, and so on (about 3 days in all). */
export const RETRY_SCHEDULE_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 86_400_000, 108_000_000];
export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length + 1;

export interface DeliveryOptions {
  /** Send every delivery here instead of the endpoint's URL (e.g. http://127.0.0.1:3000/webhooks). */
  forwardTo?: string;
  /** An endpoint has this long to answer (default 10 s, as the spec says). */
  timeoutMs?: number;
  /** How often due deliveries are looked for (default 250 ms). */
  pollMs?: number;
  /** Deliveries sent at once (default 8). */
  concurrency?: number;
  /**
   * Deliver to private, loopback, link-local… addresses too (default false: public addresses
   * only, except `forwardTo`). CLI: --allow-private-webhook-targets, EXPYS_SANDBOX_ALLOW_PRIVATE_WEBHOOK_TARGETS=1.
   */
  allowPrivateTargets?: boolean;
  /** How endpoint host names are resolved (default: node:dns lookup); for tests. */
  resolve?: Resolve;
  /**
   * How long a claimed delivery stays this process's before another may take it over (default:
   * the timeout plus 20 s, so only a process that died loses its deliveries).
   */
  leaseMs?: number;
}

/** This process among the sandbox processes on one database: who holds a delivery's lease. */
export const PROCESS_ID = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;

/** A delivery is due: pending and its time has come, or being sent by a process whose lease ran out. */
const DUE = "((state = 'pending' AND next_attempt_at <= $1) OR (state = 'sending' AND (lease_expires_at IS NULL OR lease_expires_at < clock_timestamp())))";

export interface AttemptResult {
  url: string;
  status: number | null;
  error: string | null;
  ok: boolean;
  durationMs: number;
}

export interface DeliveryRecord {
  id: string;
  eventId: string;
  eventType: string;
  webhookId: string;
  state: 'pending' | 'sending' | 'succeeded' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  log: { attempt: number; url: string; at: string; status: number | null; error: string | null; durationMs: number }[];
}

const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);

/**
 * POSTs one signed body and reports what happened; never throws. With `addresses` (the vetted
 * ones: vetTarget), a host name is connected to at those addresses only; the Host header and TLS
 * SNI stay the URL's. Redirects are not followed.
 */
export async function post(
  url: string,
  body: string,
  signed: SignedHeaders,
  timeoutMs: number,
  extraHeaders: Record<string, string> = {},
  addresses?: string[],
): Promise<AttemptResult> {
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  const done = (status: number | null, error: string | null) => ({ url, status, error, ok: status !== null && status >= 200 && status < 300, durationMs: Math.round(performance.now() - started) });
  try {
    const target = new URL(url);
    const headers = { 'content-type': 'application/json', 'user-agent': 'Expys-Webhooks/1.0 (sandbox)', ...signed, ...extraHeaders, 'content-length': String(Buffer.byteLength(body)) };
    const pin = addresses && isIP(hostOf(target)) === 0 ? { lookup: pinnedLookup(addresses) } : {};
    const status = await new Promise<number>((resolve, reject) => {
      const request = (target.protocol === 'https:' ? https : http).request(target, { method: 'POST', headers, signal, agent: false, ...pin }, (response) => {
        response.on('error', reject);
        response.on('end', () => resolve(response.statusCode!));
        response.on('close', () => (response.complete ? resolve(response.statusCode!) : reject(Object.assign(new Error('the answer was cut off'), { code: 'ECONNRESET' }))));
        response.resume();
      });
      request.on('error', reject);
      request.end(body);
    });
    return done(status, null);
  } catch (error) {
    if (signal.aborted) return done(null, `no answer within ${timeoutMs / 1000} s`);
    const { code, message } = error as { code?: string; message?: string };
    return done(null, code ?? message ?? String(error));
  }
}

/** Vets the target (targets.ts), then POSTs to the vetted addresses; a refusal connects to nothing. */
export async function deliver(url: string, policy: TargetPolicy, body: string, signed: SignedHeaders, timeoutMs: number, extraHeaders: Record<string, string> = {}): Promise<AttemptResult> {
  const started = performance.now();
  const decision = await vetTarget(url, { resolveTimeoutMs: timeoutMs, ...policy });
  if (decision.verdict !== 'allowed') return { url, status: null, error: decision.reason, ok: false, durationMs: Math.round(performance.now() - started) };
  return post(url, body, signed, timeoutMs, extraHeaders, decision.addresses);
}

export class DeliveryWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly timeoutMs: number;
  private readonly pollMs: number;
  private readonly concurrency: number;
  private readonly leaseMs: number;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly options: DeliveryOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.pollMs = options.pollMs ?? 250;
    this.concurrency = options.concurrency ?? 8;
    this.leaseMs = options.leaseMs ?? this.timeoutMs + 20_000;
  }

  /** Where deliveries go instead of the endpoints' URLs, if anywhere. */
  get forwardTo(): string | undefined {
    return this.options.forwardTo;
  }

  /** Which addresses deliveries (and test deliveries) may go to. */
  get targets(): TargetPolicy {
    const { allowPrivateTargets, forwardTo, resolve } = this.options;
    return { allowPrivate: allowPrivateTargets === true, ...(forwardTo === undefined ? {} : { forwardTo }), ...(resolve === undefined ? {} : { resolve }) };
  }

  async start(): Promise<void> {
    // Sends interrupted by a crash or kill go out again: receivers deduplicate on webhook-id (the
    // event id). PGlite has one process (its folder is locked), so every send left is a dead one;
    // on PostgreSQL another process's sends are its own, taken over only once their lease runs out.
    if (this.db.kind === 'pglite') await this.db.query("UPDATE webhook_deliveries SET state = 'pending', claimed_by = NULL, lease_expires_at = NULL WHERE state = 'sending'");
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Looks for due deliveries now (after an event, a clock change or a redeliver). */
  kick(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  /** Resolves when nothing is due any more (for tests and the CLI's "wait"). */
  async drain(): Promise<void> {
    while (this.running || (await this.dueCount()) > 0) {
      this.kick();
      await (this.running ?? new Promise((r) => setTimeout(r, 10)));
    }
  }

  private async dueCount(): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE ${DUE}`, [this.clock.now()]);
    return Number(row.n);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch(() => undefined) // a failed poll is retried at the next one
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(this.pollMs);
        });
    }, ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    while (!this.stopped) {
      // Another process may have advanced the clock.
      if (this.db.kind === 'postgres') await this.clock.load();
      // A read first: the poll writes (and so empties PGlite's read cache) only when work is due.
      const [due] = await this.db.query(`SELECT 1 AS due FROM webhook_deliveries WHERE ${DUE} LIMIT 1`, [this.clock.now()]);
      if (!due) return;
      const claimed = await this.db.query(
        `UPDATE webhook_deliveries SET state = 'sending', updated_at = $1, claimed_by = $3, lease_expires_at = clock_timestamp() + $4 * interval '1 millisecond'
          WHERE id IN (SELECT id FROM webhook_deliveries WHERE ${DUE}
                        ORDER BY next_attempt_at, seq LIMIT $2 FOR UPDATE SKIP LOCKED)
          RETURNING id`,
        [this.clock.now(), this.concurrency, PROCESS_ID, this.leaseMs],
      );
      if (claimed.length === 0) return;
      await Promise.all(claimed.map((row) => this.attemptSafely(row.id)));
    }
  }

  /** An attempt that fails to run (a database error) puts its delivery back in the queue. */
  private async attemptSafely(deliveryId: string): Promise<void> {
    try {
      await this.attempt(deliveryId);
    } catch {
      await this.db
        .query("UPDATE webhook_deliveries SET state = 'pending', claimed_by = NULL, lease_expires_at = NULL WHERE id = $1 AND state = 'sending' AND claimed_by = $2", [deliveryId, PROCESS_ID])
        .catch(() => undefined);
    }
  }

  /** One attempt of one delivery, logged; schedules the next attempt or ends the delivery. */
  async attempt(deliveryId: string): Promise<AttemptResult> {
    const [row] = await this.db.query(
      `SELECT d.id, d.attempts, d.event_id, e.payload, w.url, w.signing_secret, w.deleted_at
         FROM webhook_deliveries d JOIN events e ON e.id = d.event_id JOIN webhook_endpoints w ON w.id = d.webhook_id
        WHERE d.id = $1`,
      [deliveryId],
    );
    if (!row) return { url: '', status: null, error: 'no such delivery', ok: false, durationMs: 0 };
    if (row.deleted_at) {
      // Deleted while this delivery waited: it is never sent.
      await this.db.query(
        "UPDATE webhook_deliveries SET state = 'failed', next_attempt_at = NULL, last_error = 'the endpoint was deleted', updated_at = $2, claimed_by = NULL, lease_expires_at = NULL WHERE id = $1",
        [deliveryId, this.clock.now()],
      );
      return { url: row.url, status: null, error: 'the endpoint was deleted', ok: false, durationMs: 0 };
    }
    const url = this.options.forwardTo ?? row.url;
    // webhook-id is the event id on every attempt (receivers deduplicate on it); signed now, in real time.
    const result = await deliver(url, this.targets, row.payload, sign(row.signing_secret, row.event_id, row.payload), this.timeoutMs);
    const attempts = Number(row.attempts) + 1;
    const now = this.clock.now();
    const giveUp = !result.ok && attempts >= MAX_ATTEMPTS;
    const state = result.ok ? 'succeeded' : giveUp ? 'failed' : 'pending';
    const next = state === 'pending' ? new Date(now.getTime() + RETRY_SCHEDULE_MS[attempts - 1]) : null;
    await this.db.transaction(async (tx) => {
      await tx.query('INSERT INTO webhook_attempts (delivery_id, attempt, url, attempted_at, status, error, duration_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        deliveryId,
        attempts,
        url,
        now,
        result.status,
        result.error,
        result.durationMs,
      ]);
      // Only while the lease is still ours: a process that took the delivery over decides its state.
      await tx.query(
        'UPDATE webhook_deliveries SET state = $2, attempts = $3, next_attempt_at = $4, last_status = $5, last_error = $6, updated_at = $7, claimed_by = NULL, lease_expires_at = NULL WHERE id = $1 AND claimed_by = $8',
        [deliveryId, state, attempts, next, result.status, result.error ?? (result.ok ? null : `answered ${result.status}`), now, PROCESS_ID],
      );
    });
    return result;
  }

  /** Sends a delivery again now, whatever its state (the integrator fixed their endpoint). */
  async redeliver(deliveryId: string): Promise<AttemptResult | undefined> {
    const [row] = await this.db.query(
      `UPDATE webhook_deliveries SET state = 'sending', claimed_by = $2, lease_expires_at = clock_timestamp() + $3 * interval '1 millisecond'
        WHERE id = $1 AND (state <> 'sending' OR lease_expires_at IS NULL OR lease_expires_at < clock_timestamp()) RETURNING id`,
      [deliveryId, PROCESS_ID, this.leaseMs],
    );
    if (!row) return undefined;
    return this.attempt(deliveryId);
  }

  async list(filter: { webhookId?: string; eventId?: string; limit?: number } = {}): Promise<DeliveryRecord[]> {
    const rows = await this.db.query(
      `SELECT d.*, e.type AS event_type FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
        WHERE ($1::text IS NULL OR d.webhook_id = $1) AND ($2::text IS NULL OR d.event_id = $2)
        ORDER BY d.seq DESC LIMIT $3`,
      [filter.webhookId ?? null, filter.eventId ?? null, Math.min(filter.limit ?? 50, 500)],
    );
    const attempts = rows.length
      ? await this.db.query('SELECT * FROM webhook_attempts WHERE delivery_id = ANY($1) ORDER BY seq', [rows.map((r) => r.id)])
      : [];
    return rows.map((r) => ({
      id: r.id,
      eventId: r.event_id,
      eventType: r.event_type,
      webhookId: r.webhook_id,
      state: r.state,
      attempts: Number(r.attempts),
      nextAttemptAt: iso(r.next_attempt_at),
      lastStatus: r.last_status,
      lastError: r.last_error,
      createdAt: iso(r.created_at)!,
      log: attempts
        .filter((a) => a.delivery_id === r.id)
        .map((a) => ({ attempt: a.attempt, url: a.url, at: iso(a.attempted_at)!, status: a.status, error: a.error, durationMs: a.duration_ms })),
    }));
  }
}

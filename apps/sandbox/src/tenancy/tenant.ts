// One sandbox's runtime: its schema of the shared database, its clock, its credentials (with
// their cache), its delivery worker, its dashboard sessions and its operation handler. The
// default sandbox (schema `public`, the URL without a prefix) and every sandbox made on demand
// (its own schema, under /sandboxes/<id>/) are the same thing; only where they live differs.
import type { Credential, OperationHandler, ProblemCatalog } from '@expys/gateway';
import { DashboardSessions } from '../dashboard/sessions.js';
import type { Database } from '../db/database.js';
import { listApplications } from '../domain/applications.js';
import { Clock } from '../domain/clock.js';
import { Credentials } from '../domain/credentials.js';
import { wipe, writeSeed, type SeedData } from '../domain/seed.js';
import { createHandler } from '../operations/index.js';
import type { SandboxContext } from '../operations/context.js';
import type { Route } from '@expys/gateway';
import { DeliveryWorker, type DeliveryOptions } from '../webhooks/deliveries.js';
import { REGISTRY } from './registry.js';

/** What every sandbox of one server shares: the bundle and what is derived from it. */
export interface SharedSetup {
  routes: readonly Route[];
  seed: SeedData;
  problems: ProblemCatalog;
  scopes: readonly string[];
  /** Prism on the bundle, for operations without sandbox code. */
  examples?: OperationHandler;
  webhooks?: DeliveryOptions;
}

export interface Tenant {
  /** The sandbox's id; undefined for the default sandbox. */
  id?: string;
  db: Database;
  context: SandboxContext;
  sessions: DashboardSessions;
  handler: OperationHandler;
  /** The gateway's `authenticate` for this sandbox: looks in its own schema only. */
  authenticate(authorization: string | undefined): Promise<Credential>;
  /**
   * Reads what other processes on the same database may have changed (the clock, the credentials'
   * version, and for a sandbox made on demand whether it has ended); nothing to read on PGlite,
   * which has this process only. Resolves true when the sandbox has ended.
   */
  refresh(): Promise<boolean>;
  /** Empties the data and seeds it again from the spec (keys and the clock stay). */
  reset(): Promise<void>;
  status(): Promise<Record<string, unknown>>;
  /** Starts the delivery worker. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The runtime of the sandbox whose tables are in `db`'s schema (migrated and seeded already).
 * On PostgreSQL, where other processes may serve the same sandbox, every request waits for a read
 * of the clock and the credentials' version that started after it arrived: an advance, a
 * revocation or a rotation made through another process counts at once.
 */
export async function openTenant(db: Database, shared: SharedSetup, id?: string): Promise<Tenant> {
  const clock = new Clock(db);
  await clock.load();
  const shareClock = db.kind === 'postgres';
  const credentials = new Credentials(db, clock);
  const deliveries = new DeliveryWorker(db, clock, shared.webhooks);
  const context: SandboxContext = { db, clock, credentials, currency: shared.seed.currency, problems: shared.problems, deliveries, scopes: shared.scopes };
  const handler = createHandler(shared.routes, context, shared.examples);
  // What other processes may have changed: the clock, and (by migration 0008's triggers) the
  // credentials this process keeps in memory for a second. One query, shared by the requests that
  // arrive while it runs (`coalesced`).
  // A sandbox made on demand also reads whether it was deleted or has expired (by any process).
  let credentialsVersion: number | undefined;
  const observeShared = async (): Promise<boolean> => {
    const [row] = await db.query<{ offset_ms: number; credentials_version: number; ended?: boolean }>(
      id === undefined
        ? 'SELECT offset_ms, credentials_version FROM sandbox_clock WHERE id = 1'
        : `SELECT c.offset_ms, c.credentials_version, NOT EXISTS (SELECT 1 FROM ${REGISTRY} r WHERE r.id = $1 AND r.deleted_at IS NULL AND (r.expires_at IS NULL OR r.expires_at > clock_timestamp())) AS ended
             FROM sandbox_clock c WHERE c.id = 1`,
      id === undefined ? [] : [id],
    );
    if (!row) return true;
    clock.observe(Number(row.offset_ms));
    const version = Number(row.credentials_version);
    if (credentialsVersion !== undefined && version !== credentialsVersion) credentials.forget();
    credentialsVersion = version;
    return row.ended === true;
  };
  // The version the (empty) cache starts from: a change made after this empties it.
  if (shareClock) await observeShared();
  const refreshShared = coalesced(observeShared);
  return {
    ...(id === undefined ? {} : { id }),
    db,
    context,
    sessions: new DashboardSessions(db),
    handler,
    refresh: shareClock ? refreshShared : async () => false,
    async authenticate(authorization) {
      // A sandbox made on demand was refreshed when the host asked whether it exists.
      if (shareClock && id === undefined) await refreshShared();
      return credentials.authenticate(authorization);
    },
    async reset() {
      await db.transaction(async (tx) => {
        await wipe(tx);
        await writeSeed(tx, shared.seed, clock.now());
      });
      credentials.forget();
    },
    async status() {
      if (shareClock) await refreshShared();
      const [counts] = await db.query(
        `SELECT (SELECT count(*) FROM members)::int AS members, (SELECT count(*) FROM offers)::int AS offers,
                (SELECT count(*) FROM redemptions)::int AS redemptions, (SELECT count(*) FROM wallet_transactions)::int AS transactions,
                (SELECT count(*) FROM webhook_endpoints WHERE deleted_at IS NULL)::int AS webhooks,
                (SELECT count(*) FROM webhook_deliveries WHERE state = 'pending')::int AS "pendingDeliveries",
                (SELECT count(*) FROM api_keys)::int AS "apiKeys"`,
      );
      // The App IDs are public: shown so that a developer can find theirs.
      const applications = (await listApplications(db, clock)).map(({ appId, name }) => ({ appId, name }));
      return { ...(id === undefined ? {} : { sandbox: id }), database: db.kind, location: db.location, clock: clock.now().toISOString(), clockOffsetMs: clock.offset, counts, applications };
    },
    start: () => deliveries.start(),
    stop: () => deliveries.stop(),
  };
}

/**
 * `read`, shared by the requests that arrive while one is in flight: each caller gets the result
 * of a read that STARTED after it called, so it sees everything committed before its request
 * arrived (a change made through another process counts on the next request here), while a busy
 * process sends one read per round trip instead of one per request.
 */
export function coalesced<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  // The read that starts when the running one ends, for everyone who called meanwhile.
  let next: Promise<T> | undefined;
  const call = (): Promise<T> => {
    if (!running) {
      running = read().finally(() => {
        running = undefined;
      });
      return running;
    }
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = undefined;
        return call();
      });
    return next;
  };
  return call;
}

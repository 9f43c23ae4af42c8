// startSandbox(): the stateful Expys API on one loopback port. The same gateway as the mock
// (credentials, scopes, rate limits, validation from the spec, problem bodies) in front of real
// operations on a database: PGlite in a folder (default) or in memory, or PostgreSQL by URL.
import { buildRoutes, DEFAULT_RATE_LIMIT, problemCatalog, SAMPLE_CREDENTIALS, type CorsOrigins, type OpenApiDocument, type OperationHandler, type RateLimitOptions, type RequestLogEntry } from '@expys/gateway';
import { close, createGateway, listen, loadBundle, type GatewayLimits } from '@expys/gateway-fastify';
import { chmodSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { registerControlPlane, CONTROL_PLANE_PREFIX } from './control-plane.js';
import { openDatabase, type Database, type DatabaseOptions } from './db/database.js';
import { migrate } from './db/migrate.js';
import { Clock } from './domain/clock.js';
import { Credentials, type CreatedKey } from './domain/credentials.js';
import { refuseLegacyCredentials } from './domain/legacy-credentials.js';
import { seedFromBundle, wipe, writeSeed } from './domain/seed.js';
import { createHandler, SANDBOX_ANSWER_HEADER, unimplementedOperations } from './operations/index.js';
import type { SandboxContext } from './operations/context.js';
import { DeliveryWorker, type DeliveryOptions } from './webhooks/deliveries.js';

export const SANDBOX_HOST = '127.0.0.1';
export const SERVICE_NAME = 'the Expys sandbox';

export interface SandboxOptions {
  /** Where the data lives (default: PGlite in memory). */
  database?: DatabaseOptions;
  port?: number;
  host?: string;
  /** Bundle to serve (default: the full bundle of @expys/openapi). */
  specFile?: string;
  /**
   * At first start, create the mock's well-known sample keys (full access, restricted, revoked)
   * instead of one random full-access key, so tools configured for the mock work unchanged.
   */
  sampleKeys?: boolean;
  webhooks?: DeliveryOptions;
  cors?: CorsOrigins;
  rateLimit?: RateLimitOptions;
  limits?: Partial<GatewayLimits>;
  onRequest?: (entry: RequestLogEntry) => void;
}

export interface RunningSandbox {
  url: string;
  port: number;
  host: string;
  /** Where the data is: a folder, "memory" or the PostgreSQL URL without its password. */
  location: string;
  databaseKind: Database['kind'];
  /** True when this start created the database's keys and seed (a first start). */
  firstStart: boolean;
  /** Keys created by this start (first start only): shown once. */
  createdKeys: CreatedKey[];
  /** Migrations this start applied. */
  migrationsApplied: string[];
  /**
   * Operations of the bundle the sandbox has no code for yet (e.g. one just added to the spec):
   * answered from the spec's examples, as the mock does, behind the same gateway, every answer
   * with `Expys-Sandbox-Answer: example`. Empty when the sandbox implements every operation.
   */
  exampleOperations: string[];
  context: SandboxContext;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export function defaultBundleFile(): string {
  return createRequire(import.meta.url).resolve('@expys/openapi/full.json');
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const specFile = options.specFile ?? defaultBundleFile();
  const doc = loadBundle(specFile);
  const routes = buildRoutes(doc);
  const exampleOperations = unimplementedOperations(routes);
  // Built before the database is opened: a bundle Prism cannot load fails the start cleanly.
  const examples = exampleOperations.length > 0 ? await examplesHandler(specFile, doc, exampleOperations) : undefined;
  const seed = seedFromBundle(doc);
  const database = options.database ?? { kind: 'memory' };
  const db = await openDatabase(database);
  let deliveries: DeliveryWorker | undefined;
  try {
    const migrationsApplied = await migrate(db);
    await refuseLegacyCredentials(db, { dataDir: database.kind === 'pglite' ? database.dataDir : undefined, adminKeyFile: ADMIN_KEY_FILE });
    const clock = new Clock(db);
    await clock.load();
    const credentials = new Credentials(db, clock);
    deliveries = new DeliveryWorker(db, clock, options.webhooks);
    const context: SandboxContext = { db, clock, credentials, currency: seed.currency, problems: problemCatalog(doc), deliveries };

    // First start: no key yet. Keys and seed are written together, or not at all.
    const createdKeys = await db.transaction(async (tx) => {
      const [existing] = await tx.query('SELECT count(*)::int AS n FROM api_keys');
      if (Number(existing.n) > 0) return [];
      const keys = options.sampleKeys ? await createSampleKeys(credentials, tx) : [await credentials.createKey({ description: 'full access (created at first start)' }, tx)];
      await writeSeed(tx, seed, clock.now());
      return keys;
    });
    if (database.kind === 'pglite' && createdKeys.length > 0) writeAdminKey(database.dataDir, createdKeys[0].key);

    const production = (doc.servers ?? []).find((server: any) => server['x-expys-environment'] === 'production');
    const { app } = createGateway({
      doc,
      handler: createHandler(routes, context, examples),
      authenticate: credentials.authenticate,
      access: { productionUrl: production?.url ?? 'the production API', serviceName: SERVICE_NAME },
      cors: options.cors ?? 'local',
      rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
      limits: options.limits,
      onRequest: options.onRequest,
      controlPlanePrefix: CONTROL_PLANE_PREFIX,
      exposeHeaders: [SANDBOX_ANSWER_HEADER],
    });

    const reset = async () => {
      await db.transaction(async (tx) => {
        await wipe(tx);
        await writeSeed(tx, seed, clock.now());
      });
      credentials.forget();
    };
    const status = async () => {
      const [counts] = await db.query(
        `SELECT (SELECT count(*) FROM members)::int AS members, (SELECT count(*) FROM offers)::int AS offers,
                (SELECT count(*) FROM redemptions)::int AS redemptions, (SELECT count(*) FROM wallet_transactions)::int AS transactions,
                (SELECT count(*) FROM webhook_endpoints WHERE deleted_at IS NULL)::int AS webhooks,
                (SELECT count(*) FROM webhook_deliveries WHERE state = 'pending')::int AS "pendingDeliveries"`,
      );
      return { database: db.kind, location: db.location, clock: clock.now().toISOString(), clockOffsetMs: clock.offset, counts };
    };
    registerControlPlane(app, context, { reset, status });

    const host = options.host ?? SANDBOX_HOST;
    const { url, port } = await listen(app, options.port ?? 0, host, SANDBOX_HOST);
    await deliveries.start();
    let stopped: Promise<void> | undefined;
    return {
      url,
      port,
      host,
      location: db.location,
      databaseKind: db.kind,
      firstStart: createdKeys.length > 0,
      createdKeys,
      migrationsApplied,
      exampleOperations,
      context,
      reset,
      stop: () =>
        (stopped ??= (async () => {
          await deliveries!.stop();
          await close(app);
          await db.close();
        })()),
    };
  } catch (error) {
    await deliveries?.stop();
    await db.close().catch(() => {});
    throw error;
  }
}

/**
 * The mock's engine (Prism in-process, `Prefer: code=…/example=…`, last pages for a cursor) for
 * the operations without sandbox code. Loaded only when there are some (Prism takes about a
 * second to load), and given only their path items (its start grows with the operations).
 */
async function examplesHandler(specFile: string, doc: OpenApiDocument, operationIds: string[]): Promise<OperationHandler> {
  const wanted = new Set(operationIds);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [template, item] of Object.entries<Record<string, any>>(doc.paths ?? {})) {
    const kept = Object.entries(item).filter(([key, value]) => !HTTP_METHODS.has(key) || wanted.has(value?.operationId));
    if (kept.some(([key]) => HTTP_METHODS.has(key))) paths[template] = Object.fromEntries(kept);
  }
  const { webhooks: _webhooks, ...rest } = doc;
  const { createPrismHandler } = await import('@expys/mock/prism');
  return createPrismHandler({ specFile, document: { ...rest, paths }, dynamic: false });
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** The mock's sample keys, with the same scopes and the revoked one revoked. */
async function createSampleKeys(credentials: Credentials, tx: Parameters<Credentials['createKey']>[1]): Promise<CreatedKey[]> {
  const keys = [await credentials.createKey({ key: SAMPLE_CREDENTIALS.fullAccessKey, description: 'sample: full access' }, tx)];
  for (const [name, restricted] of Object.entries(SAMPLE_CREDENTIALS.restrictedKeys)) {
    keys.push(await credentials.createKey({ key: restricted.key, scopes: restricted.scopes, description: `sample: ${name} (${restricted.description})` }, tx));
  }
  const revoked = await credentials.createKey({ key: SAMPLE_CREDENTIALS.revokedKey, description: 'sample: revoked' }, tx);
  await tx!.query('UPDATE api_keys SET revoked_at = created_at WHERE id = $1', [revoked.id]);
  keys.push({ ...revoked, revokedAt: revoked.createdAt });
  return keys;
}

/** The CLI's control-plane commands read the first full-access key from the data folder. */
export const ADMIN_KEY_FILE = 'admin-key';

function writeAdminKey(dataDir: string, key: string): void {
  const file = path.join(dataDir, ADMIN_KEY_FILE);
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

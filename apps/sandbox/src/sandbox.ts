// startSandbox(): the stateful Expys API on one loopback port. The same gateway as the mock
// (credentials, scopes, rate limits, validation from the spec, problem bodies) in front of real
// operations on a database: PGlite in a folder (default) or in memory, or PostgreSQL by URL.
import { buildRoutes, DEFAULT_RATE_LIMIT, problemCatalog, type CorsOrigins, type OpenApiDocument, type OperationHandler, type RateLimitOptions, type RequestLogEntry } from '@expys/gateway';
import { close, createGateway, listen, loadBundle, tenantOf, type GatewayLimits } from '@expys/gateway-fastify';
import { chmodSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { registerControlPlane } from './control-plane.js';
import { defaultDashboardDir, registerDashboard } from './dashboard/static.js';
import { openDatabase, type Database, type DatabaseOptions } from './db/database.js';
import { migrate } from './db/migrate.js';
import { scopesFromBundle, type ApiKeyWithSecret, type CreatedApplication } from './domain/applications.js';
import type { CreatedOrgApiKey } from './domain/credentials.js';
import { createMissingCredentials } from './domain/first-credentials.js';
import { refuseLegacyCredentials } from './domain/legacy-credentials.js';
import { seedFromBundle, writeSeed } from './domain/seed.js';
import { SANDBOX_ANSWER_HEADER, unimplementedOperations } from './operations/index.js';
import type { SandboxContext } from './operations/context.js';
import { registerSandboxAdmin } from './tenancy/admin-routes.js';
import { SANDBOXES_PREFIX } from './tenancy/paths.js';
import { openTenant, type SharedSetup, type Tenant } from './tenancy/tenant.js';
import { Tenants, type TenantsOptions } from './tenancy/tenants.js';
import type { DeliveryOptions } from './webhooks/deliveries.js';

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
   * At first start, create the mock's well-known sample credentials (the full-access and the
   * revoked Org-API-Key, the sample application with its App ID and App Secret, its scoped,
   * expired and revoked API keys) instead of a random Org-API-Key and application, so tools
   * configured for the mock work unchanged.
   */
  sampleKeys?: boolean;
  webhooks?: DeliveryOptions;
  cors?: CorsOrigins;
  rateLimit?: RateLimitOptions;
  limits?: Partial<GatewayLimits>;
  onRequest?: (entry: RequestLogEntry) => void;
  /**
   * The dashboard's build folder, served at /_dashboard/ (default: the dist/ of
   * @expys/sandbox-dashboard). Not built, or null: /_dashboard/ answers 503 saying how to build it.
   */
  dashboardDir?: string | null;
  /**
   * The admin credential that creates and deletes sandboxes on demand (POST /_sandbox/sandboxes,
   * `Authorization: Bearer <token>`, at least 32 characters). Without it, that API answers 403.
   */
  adminToken?: string;
  tenants?: TenantsOptions;
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
  /** Org-API-Keys created by this start (first start only): shown once. */
  createdKeys: CreatedOrgApiKey[];
  /**
   * The application created by this start, with its App Secret: shown once. At first start, and
   * at the first start of data from before applications (migration 0003).
   */
  createdApp?: CreatedApplication;
  /** API keys created by this start (the samples), each with its key: shown once. */
  createdApiKeys: ApiKeyWithSecret[];
  /** Migrations this start applied. */
  migrationsApplied: string[];
  /**
   * Operations of the bundle the sandbox has no code for yet (e.g. one just added to the spec):
   * answered from the spec's examples, as the mock does, behind the same gateway, every answer
   * with `Expys-Sandbox-Answer: example`. Empty when the sandbox implements every operation.
   */
  exampleOperations: string[];
  /** The default sandbox's context. */
  context: SandboxContext;
  /** The sandboxes made on demand. */
  sandboxes: Tenants;
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
  let main: Tenant | undefined;
  let tenants: Tenants | undefined;
  try {
    const migrationsApplied = await migrate(db);
    await refuseLegacyCredentials(db, { dataDir: database.kind === 'pglite' ? database.dataDir : undefined, adminKeyFile: ADMIN_KEY_FILE });
    const shared: SharedSetup = { routes, seed, problems: problemCatalog(doc), scopes: scopesFromBundle(doc), ...(examples ? { examples } : {}), ...(options.webhooks ? { webhooks: options.webhooks } : {}) };
    // The default sandbox: schema public, the URLs without a /sandboxes/<id> prefix.
    main = await openTenant(db, shared);
    const { context } = main;
    const { clock, credentials } = context;

    // First start: no key yet. Keys, the application and the seed are written together, or not
    // at all. Two sandboxes starting on one PostgreSQL database create them once.
    const created = await db.transaction(async (tx) => {
      if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock($1)', [FIRST_START_LOCK]);
      const missing = await createMissingCredentials(tx, credentials, clock, options.sampleKeys === true);
      if (missing.firstStart) await writeSeed(tx, seed, clock.now());
      return missing;
    });
    credentials.forget();
    const createdKeys = created.orgKeys;
    if (database.kind === 'pglite' && createdKeys.length > 0) writeSecretFile(database.dataDir, ADMIN_KEY_FILE, `${createdKeys[0].key}\n`);
    if (database.kind === 'pglite' && created.app) writeSecretFile(database.dataDir, APP_CREDENTIALS_FILE, appCredentialsFile(created.app.application.appId, created.app.appSecret));

    // Sandboxes on demand, each in its own schema, under /sandboxes/<id>/.
    tenants = new Tenants(db, shared, options.tenants);
    await tenants.start();
    const sandboxes = tenants;
    const defaultTenant = main;
    const tenantFor = async (id: string | undefined) => (id === undefined ? defaultTenant : sandboxes.get(id));

    const production = (doc.servers ?? []).find((server: any) => server['x-expys-environment'] === 'production');
    const { app } = createGateway({
      doc,
      // The gateway has let the request through: its sandbox exists (the host checked).
      handler: async (request) => {
        const tenant = await tenantFor(request.tenant);
        if (!tenant) throw new Error(`the sandbox ${request.tenant} ended while this request ran`);
        return tenant.handler(request);
      },
      authenticate: async (authorization, id) => {
        const tenant = await tenantFor(id);
        return tenant ? tenant.authenticate(authorization) : { kind: 'missing' };
      },
      access: { productionUrl: production?.url ?? 'the production API', serviceName: SERVICE_NAME },
      cors: options.cors ?? 'local',
      rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
      limits: options.limits,
      onRequest: options.onRequest,
      // Paths under /_ are the sandbox's own, not the API's: the control plane (/_sandbox/) and
      // the dashboard (/_dashboard/). The API's paths all start with /v1/.
      controlPlanePrefix: HOST_PREFIX,
      exposeHeaders: [SANDBOX_ANSWER_HEADER],
      tenancy: {
        prefix: SANDBOXES_PREFIX,
        exists: async (id) => (await sandboxes.get(id, { refresh: true })) !== undefined,
        notFound: (id) => `No sandbox ${JSON.stringify(id)} is here: it was deleted, its time ran out, or it never existed. Create one with POST /_sandbox/sandboxes (expys-sandbox sandboxes create).`,
      },
    });

    registerControlPlane(app, async (request) => {
      const tenant = await tenantFor(tenantOf(request));
      if (!tenant) throw new Error('the sandbox ended while this request ran');
      return tenant;
    });
    registerSandboxAdmin(app, sandboxes, options.adminToken);
    registerDashboard(app, options.dashboardDir === undefined ? defaultDashboardDir() : (options.dashboardDir ?? undefined));

    const host = options.host ?? SANDBOX_HOST;
    const { url, port } = await listen(app, options.port ?? 0, host, SANDBOX_HOST);
    await main.start();
    let stopped: Promise<void> | undefined;
    return {
      url,
      port,
      host,
      location: db.location,
      databaseKind: db.kind,
      firstStart: created.firstStart,
      createdKeys,
      ...(created.app ? { createdApp: created.app } : {}),
      createdApiKeys: created.apiKeys,
      migrationsApplied,
      exampleOperations,
      context,
      sandboxes,
      reset: () => defaultTenant.reset(),
      stop: () =>
        (stopped ??= (async () => {
          await defaultTenant.stop();
          await sandboxes.stop();
          await close(app);
          await db.close();
        })()),
    };
  } catch (error) {
    await main?.stop();
    await tenants?.stop();
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

const FIRST_START_LOCK = 7_304_212;

/** The sandbox's own paths (control plane, dashboard): the gateway hands them to the host. */
const HOST_PREFIX = '/_';


/** The CLI's control-plane commands read the first full-access Org-API-Key from the data folder. */
export const ADMIN_KEY_FILE = 'admin-key';
/** The CLI's `apps` and `keys` commands read the application's App ID and App Secret from the data folder. */
export const APP_CREDENTIALS_FILE = 'app-credentials';

/** The app-credentials file: `EXPYS_APP_ID=…` and `EXPYS_APP_SECRET=…` lines (a .env a shell or dotenv reads too). */
export function appCredentialsFile(appId: string, appSecret: string): string {
  return `EXPYS_APP_ID=${appId}\nEXPYS_APP_SECRET=${appSecret}\n`;
}

/** Reads an app-credentials file; undefined when it has no App ID or App Secret line. */
export function parseAppCredentialsFile(text: string): { appId: string; appSecret: string } | undefined {
  const appId = /^EXPYS_APP_ID=(\S+)\s*$/m.exec(text)?.[1];
  const appSecret = /^EXPYS_APP_SECRET=(\S+)\s*$/m.exec(text)?.[1];
  return appId && appSecret ? { appId, appSecret } : undefined;
}

/** A secret in the data folder, readable by its owner only. */
export function writeSecretFile(dataDir: string, name: string, content: string): void {
  const file = path.join(dataDir, name);
  writeFileSync(file, content, { mode: 0o600 });
  chmodSync(file, 0o600);
}

// Sandboxes on demand: created in one transaction (a schema with every migration, an org with
// its Org-API-Key and application, the seed), served under /sandboxes/<id>/, deleted or expired
// after a TTL. Every process on the database serves every live sandbox: it loads a sandbox on its
// first request, and every `refreshMs` it loads the ones created elsewhere (so their webhook
// deliveries have a process to take them over) and lets go of the ones deleted elsewhere.
import type { Database } from '../db/database.js';
import { quoteSchema } from '../db/database.js';
import { applyMissing, createMigratedSchema, migrate } from '../db/migrate.js';
import type { ApiKeyWithSecret, CreatedApplication } from '../domain/applications.js';
import { Clock } from '../domain/clock.js';
import { Credentials, type CreatedOrgApiKey } from '../domain/credentials.js';
import { createMissingCredentials } from '../domain/first-credentials.js';
import { writeSeed } from '../domain/seed.js';
import { countSpares, dropEnded, ensureRegistry, findLive, insertRecord, listLive, markDeleted, newSandboxId, newSpareName, SANDBOX_ID, SPARES, takeSpare, type SandboxRecord } from './registry.js';
import { openTenant, type SharedSetup, type Tenant } from './tenant.js';

export const DEFAULT_TTL_MS = 24 * 3_600_000;
export const MAX_TTL_MS = 30 * 24 * 3_600_000;
export const MIN_TTL_MS = 60_000;

export interface TenantsOptions {
  /** How often live sandboxes are looked for and ended ones dropped (default 1 s). */
  refreshMs?: number;
  /** A deleted or expired sandbox's schema is dropped this long after it ended (default 5 s). */
  dropGraceMs?: number;
  /** How often a sandbox's delivery worker looks for due deliveries (default 1 s; an event of this process kicks it at once). */
  pollMs?: number;
  /** Schemas kept migrated in advance, so a creation only renames one (default 2; 0: none). */
  spares?: number;
}

export interface CreatedSandbox extends SandboxRecord {
  /** The sandbox's Org-API-Key: shown once. */
  orgApiKey: CreatedOrgApiKey;
  /** Its application, with the App Secret: shown once. */
  application: CreatedApplication;
  apiKeys: ApiKeyWithSecret[];
}

interface Loaded {
  record: SandboxRecord;
  tenant: Tenant;
  /** Real-time expiry in ms (Infinity when none). */
  until: number;
}

export class Tenants {
  private readonly loaded = new Map<string, Loaded>();
  private readonly loading = new Map<string, Promise<Loaded | undefined>>();
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly shared: SharedSetup,
    private readonly options: TenantsOptions = {},
  ) {}

  async start(): Promise<void> {
    await ensureRegistry(this.db);
    await this.sweep();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.sweeping;
    await this.refilling;
    await Promise.all([...this.loading.values()]);
    await Promise.all([...this.loaded.values()].map((l) => l.tenant.stop()));
    this.loaded.clear();
  }

  /**
   * The live sandbox `id` (loaded here on first use), or undefined: unknown, deleted or expired.
   * `refresh` (once per request, when the host asks whether it exists): also read what other
   * processes changed, its deletion included, so a sandbox deleted anywhere is 404 here at once.
   */
  async get(id: string, { refresh = false } = {}): Promise<Tenant | undefined> {
    const hit = this.loaded.get(id);
    if (hit) {
      if (hit.until > Date.now() && !(refresh && (await hit.tenant.refresh()))) return hit.tenant;
      this.unload(id);
      return undefined;
    }
    if (!SANDBOX_ID.test(id) || this.stopped) return undefined;
    return (await this.load(id))?.tenant;
  }

  async list(): Promise<SandboxRecord[]> {
    return listLive(this.db);
  }

  /** A new sandbox: its schema, org, application and seed, all in one transaction. */
  async create(options: { label?: string; ttlMs?: number } = {}): Promise<CreatedSandbox> {
    const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    if (!Number.isInteger(ttlMs) || ttlMs < MIN_TTL_MS || ttlMs > MAX_TTL_MS) {
      throw new RangeError(`ttlSeconds must be a whole number from ${MIN_TTL_MS / 1000} to ${MAX_TTL_MS / 1000} (30 days).`);
    }
    const label = options.label ?? '';
    if (typeof label !== 'string' || label.length > 200) throw new RangeError('label must be a string of at most 200 characters.');
    const id = newSandboxId();
    const scoped = this.db.scoped(id);
    const clock = new Clock(scoped);
    const credentials = new Credentials(scoped, clock);
    const created = await scoped.transaction(async (tx) => {
      // A spare schema if one is free (its migrations completed if it is older than them), else a new one.
      const spare = await takeSpare(tx);
      if (spare) {
        await tx.query(`ALTER SCHEMA ${quoteSchema(spare)} RENAME TO ${quoteSchema(id)}`, [], { once: true });
        await applyMissing(tx);
      } else {
        await createMigratedSchema(tx, id);
      }
      // Random credentials only: the mock's samples are the same in every sandbox, and a
      // credential of one sandbox must mean nothing in another.
      const missing = await createMissingCredentials(tx, credentials, clock, false);
      await writeSeed(tx, this.shared.seed, clock.now());
      const record = await insertRecord(tx, id, label, new Date(Date.now() + ttlMs));
      return { ...missing, record };
    });
    this.creating = true;
    this.refillSoon();
    return { ...created.record, orgApiKey: created.orgKeys[0], application: created.app!, apiKeys: created.apiKeys };
  }

  private refilling: Promise<void> | undefined;
  /** This process has created a sandbox: it keeps spares ready from now on. */
  private creating = false;

  /** Tops the spare schemas up in the background (one refill at a time in this process). */
  private refillSoon(): void {
    if (this.refilling || this.stopped) return;
    this.refilling = this.refill()
      .catch(() => undefined) // the next creation or sweep tries again
      .finally(() => (this.refilling = undefined));
  }

  private async refill(): Promise<void> {
    const target = this.options.spares ?? 2;
    while (!this.stopped && (await countSpares(this.db)) < target) {
      const name = newSpareName();
      await this.db.scoped(name).transaction(async (tx) => {
        await createMigratedSchema(tx, name);
        await tx.query(`INSERT INTO ${SPARES} (name, created_at) VALUES ($1, clock_timestamp())`, [name]);
      });
    }
  }

  /** Deletes a sandbox: 404 at once on every process, its schema dropped shortly after. */
  async delete(id: string): Promise<boolean> {
    if (!SANDBOX_ID.test(id)) return false;
    const deleted = await markDeleted(this.db, id);
    this.unload(id);
    return deleted;
  }

  private load(id: string): Promise<Loaded | undefined> {
    let pending = this.loading.get(id);
    if (!pending) {
      pending = (async () => {
        const record = await findLive(this.db, id);
        if (!record || this.stopped) return undefined;
        const scoped = this.db.scoped(id);
        // A sandbox made by an older version gets the migrations added since.
        await migrate(scoped);
        const tenant = await openTenant(scoped, { ...this.shared, webhooks: { pollMs: this.options.pollMs ?? 1000, ...this.shared.webhooks } }, id);
        const loaded = { record, tenant, until: record.expiresAt ? Date.parse(record.expiresAt) : Infinity };
        if (this.stopped) return undefined;
        this.loaded.set(id, loaded);
        await tenant.start();
        return loaded;
      })().finally(() => this.loading.delete(id));
      this.loading.set(id, pending);
    }
    return pending;
  }

  private unload(id: string): void {
    const loaded = this.loaded.get(id);
    if (!loaded) return;
    this.loaded.delete(id);
    void loaded.tenant.stop();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.sweeping = this.sweep()
        .catch(() => undefined) // the next sweep tries again
        .finally(() => {
          this.sweeping = undefined;
          this.schedule();
        });
    }, this.options.refreshMs ?? 1000);
    this.timer.unref();
  }

  /** Loads the live sandboxes not loaded yet, lets go of ended ones, drops ended schemas. */
  private async sweep(): Promise<void> {
    const live = await listLive(this.db);
    const ids = new Set(live.map((r) => r.id));
    for (const id of this.loaded.keys()) if (!ids.has(id)) this.unload(id);
    for (const id of ids) if (!this.loaded.has(id) && !this.stopped) await this.load(id).catch(() => undefined);
    await dropEnded(this.db, this.options.dropGraceMs ?? 5_000);
    // Spares only once sandboxes are made here: a sandbox nobody creates others on costs nothing.
    if (this.creating) this.refillSoon();
  }
}

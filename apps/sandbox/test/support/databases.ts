// The two databases every behaviour test runs on: PGlite (in memory, or in a data folder for a
// sandbox process that is killed and restarted) and a real PostgreSQL server this file starts
// (and stops) in a temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect } from 'vitest';
import { startSandbox, type DatabaseOptions, type RunningSandbox, type SandboxOptions } from '../../src/index.js';
import { noDnsInTests, startPostgres, type PostgresServer } from '../../src/testing/postgres-server.js';

export const DATABASES = ['pglite', 'postgres'] as const;
export type DatabaseKind = (typeof DATABASES)[number];

let server: Promise<PostgresServer> | undefined;
const folders: string[] = [];
afterAll(async () => {
  await (await server)?.stop();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function newPostgresDatabase(): Promise<string> {
  server ??= startPostgres();
  return (await server).createDatabase();
}

export async function databaseFor(kind: DatabaseKind): Promise<DatabaseOptions> {
  if (kind === 'pglite') return { kind: 'memory' };
  return { kind: 'postgres', url: await newPostgresDatabase() };
}

/**
 * A database that outlives the process using it, for the kill -9 tests: a PGlite data folder
 * (removed after the file's tests) or a new PostgreSQL database. `args` are the CLI's flags for
 * it (`--data <folder>` or `--database-url <url>`); `database` opens it from the test.
 */
export async function durableDatabaseFor(kind: DatabaseKind): Promise<{ args: string[]; database: DatabaseOptions }> {
  if (kind === 'pglite') {
    const folder = mkdtempSync(join(tmpdir(), 'expys-sandbox-'));
    folders.push(folder);
    const dataDir = join(folder, 'data');
    return { args: ['--data', dataDir], database: { kind: 'pglite', dataDir } };
  }
  const url = await newPostgresDatabase();
  return { args: ['--database-url', url], database: { kind: 'postgres', url } };
}

export const FULL_KEY = 'expys_test_SandboxFullAccessKey0000004LgBmQ';
/** The sample application (`sampleKeys: true`): its App ID and App Secret. */
export const SAMPLE_APP = { appId: 'app_SandboxSampleApp', appSecret: 'secret_SandboxSampleAppSecret00000ctmEL' } as const;

/** `Basic base64(App ID:App Secret)`: the application operations' credentials. */
export const basic = (app: { appId: string; appSecret: string }) => `Basic ${Buffer.from(`${app.appId}:${app.appSecret}`).toString('base64')}`;

/** A fresh seeded sandbox on `kind`, with the sample keys and no rate limit. */
export async function freshSandbox(kind: DatabaseKind, options: SandboxOptions = {}): Promise<RunningSandbox> {
  // Webhook endpoints on public names (the spec's backend.example.com) are never resolved or
  // reached from a test: deliveries that matter go to a loopback receiver (forwardTo).
  return startSandbox({ database: await databaseFor(kind), sampleKeys: true, rateLimit: { limit: 0, windowMs: 60_000 }, ...options, webhooks: { resolve: noDnsInTests, ...options.webhooks } });
}

/**
 * Stops what each test started, after it: `running` reads the describe's variables (its sandbox,
 * its webhook receiver when it started one). One a test did not replace is not stopped twice.
 */
export function stopAfterEach(running: () => ({ stop(): Promise<void> } | undefined)[]): void {
  const stopped = new WeakSet<object>();
  afterEach(async () => {
    for (const thing of running()) {
      if (!thing || stopped.has(thing)) continue;
      stopped.add(thing);
      await thing.stop();
    }
  });
}

/** A new member (its token): enrolled by its first exchange (Org-API-Key), with nothing on any ledger. */
export async function newMember(sandbox: { url: string }, externalUserID: string): Promise<string> {
  const grant = await call(sandbox, 'POST', '/v1/auth/exchange', FULL_KEY, { externalUserID });
  expect(grant.status).toBe(200);
  return grant.body.token as string;
}

/**
 * A raw JSON call: status, body and headers, for checks the clients would hide. `sandbox` is an
 * in-process sandbox or the CLI in its own process (support/process.ts): anything with a url.
 */
export async function call(sandbox: { url: string }, method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) {
  return send(sandbox, method, path, `Bearer ${token}`, body, headers);
}

/** An application operation with the application's credentials (HTTP Basic). */
export async function callApp(sandbox: RunningSandbox, method: string, path: string, app: { appId: string; appSecret: string }, body?: unknown, headers: Record<string, string> = {}) {
  return send(sandbox, method, path, basic(app), body, headers);
}

async function send(sandbox: { url: string }, method: string, path: string, authorization: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(path, sandbox.url), {
    method,
    headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

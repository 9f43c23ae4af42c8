#!/usr/bin/env node
// expys-sandbox: run the stateful sandbox, or drive a running one through its control plane.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatApiKey, formatApiKeys, formatApplication, formatCreatedSandbox, formatDeliveries, formatOrgKeys, formatProblem, formatSandboxes, formatTestDeliveries, startupBanner, type SandboxesOnDemand } from './cli-output.js';
import { otpOutput } from './cli-otp.js';
import { parseDuration } from './domain/clock.js';
import { ADMIN_KEY_FILE, APP_CREDENTIALS_FILE, appCredentialsFile, parseAppCredentialsFile, startSandbox, writeSecretFile, type RunningSandbox } from './sandbox.js';
import type { DatabaseOptions } from './db/database.js';
import { checkAdminToken } from './tenancy/admin-routes.js';
import { SANDBOXES_PREFIX } from './tenancy/paths.js';
import { MAX_TTL_MS, MIN_TTL_MS } from './tenancy/tenants.js';

/** Where a PGlite data folder keeps the admin token of sandboxes on demand (made at first start). */
const ADMIN_TOKEN_FILE = 'admin-token';

const USAGE = `Usage: expys-sandbox [serve] [options]          run the sandbox
       expys-sandbox <command> [args] [--url U] [--key K]   drive a running one

Serve options:
  -p, --port <n>              port (default $EXPYS_SANDBOX_PORT or 4020; 0 picks a free one)
      --host <addr>           interface (default 127.0.0.1; 0.0.0.0 to share it on your LAN)
      --data <dir>            PGlite data folder, kept across restarts (default $EXPYS_SANDBOX_DATA or ./.expys-sandbox)
      --memory                keep everything in memory (gone when the sandbox stops)
      --database-url <url>    PostgreSQL instead of PGlite (default $EXPYS_SANDBOX_DATABASE_URL), for a shared sandbox
      --pool-size <n>         PostgreSQL connections this process may open, 1–100 (default $EXPYS_SANDBOX_POOL_SIZE or 10):
                              N processes open up to N × n, within the server's max_connections
      --sample-keys           at first start, create the mock's sample credentials (Org-API-Keys, the sample
                              application and its API keys) instead of a random Org-API-Key and application
      --forward-webhooks <u>  deliver every webhook to this URL (e.g. http://127.0.0.1:3000/webhooks)
      --allow-private-webhook-targets
                              deliver webhooks to private, loopback and link-local addresses too
                              (default: public addresses only, and the forward URL; $EXPYS_SANDBOX_ALLOW_PRIVATE_WEBHOOK_TARGETS=1)
      --rate-limit <n>        requests per credential per minute (default 6000; 0 = off)
      --cors-origin <o>       browser origin allowed by CORS, repeatable, or * (default: any localhost origin)
      --spec <file>           the bundle to serve (default $EXPYS_SANDBOX_SPEC or @expys/openapi's full bundle)
      --admin-token <t>       the admin token that creates and deletes sandboxes on demand (default
                              $EXPYS_SANDBOX_ADMIN_TOKEN; at least 32 printable characters). Without one: with a
                              data folder, <data>/${ADMIN_TOKEN_FILE} (made at first start); with --memory, a new one
                              shown in the banner; with PostgreSQL, sandboxes on demand are off
  -q, --quiet                 no request log

The application and its API keys (the API's application operations, HTTP Basic with the App ID and
App Secret: --app-id and --app-secret, $EXPYS_APP_ID and $EXPYS_APP_SECRET, or <data>/${APP_CREDENTIALS_FILE}):
  apps                                    the application: App ID, name, last secret rotation
  apps rotate-secret [--previous-expires-at <time>]
                                          a new App Secret, shown once (saved to <data>/${APP_CREDENTIALS_FILE} when
                                          read from there); the old one works until <time> (default 1 h, at most 7 days;
                                          "now" ends it at once). Without the App Secret, with the Org-API-Key instead.
  keys [list]                             the application's API keys (hints only), newest first
  keys create --name <n> --scope <s>… [--expires-at <time>]
                                          a new API key restricted to the scopes, shown once
  keys revoke <keyId> [--at <time>]       revoke now, or at a later time so old and new keys overlap

Commands (through the control plane, with an Org-API-Key: --key, $EXPYS_SANDBOX_KEY, or <data>/${ADMIN_KEY_FILE}):
  status                                  what the sandbox holds (App IDs included), and its clock
  clock [advance <duration>]              show or advance the test clock (16m, 2h, 3d…)
  org-keys [list]                         the org's Org-API-Keys (hints only)
  org-keys create [--description d]       a new Org-API-Key (full authority), shown once
  org-keys revoke <keyId>                 revoke an Org-API-Key (401 invalid_api_key from then on)
  token <externalUserID>                  mint a member token without a backend
  otp <externalUserID>                    the member's latest passcode that can still be verified, and its code
                                          (the sandbox delivers passcodes nowhere; exits 1 when there is none)
  deliveries [--webhook <id>]             the webhook delivery log, newest first
  redeliver <deliveryId>                  send a delivery again now
  test-delivery <webhookId> [--to <url>]  valid, tampered, stale and duplicate deliveries, to prove a verifier
                                          (to a public address, the forward URL, or any with --allow-private-webhook-targets)
  reset                                   wipe the data and seed it again from the spec (keys, applications and clock stay)

Sandboxes on demand (isolated, throwaway; with the admin token: --admin-token, $EXPYS_SANDBOX_ADMIN_TOKEN,
or <data>/${ADMIN_TOKEN_FILE}; --url is the server's own URL):
  sandboxes [list]                        the live sandboxes: id, label, expiry, URL
  sandboxes create [--label <l>] [--ttl <duration>] [--json]
                                          a new sandbox (its own org, keys, seed, clock and webhooks) at
                                          <url>/sandboxes/<id>: its Org-API-Key, App ID and App Secret, shown once.
                                          --ttl: 1m to 30d (default 24h); --json: the server's answer, for scripts
  sandboxes delete <id>                   404 from now on; its data is dropped seconds later
  Every command above drives a sandbox made on demand with --url <url>/sandboxes/<id> --key <its Org-API-Key>
  (and --app-id/--app-secret for apps and keys).

Times are RFC 3339 (2026-03-01T09:00:00Z) on the sandbox clock.
  -h, --help`;

const COMMANDS = new Set(['serve', 'status', 'clock', 'apps', 'keys', 'org-keys', 'token', 'otp', 'deliveries', 'redeliver', 'test-delivery', 'reset', 'sandboxes']);

function fail(message: string, code = 2): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(code);
}

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        port: { type: 'string', short: 'p', default: process.env.EXPYS_SANDBOX_PORT ?? '4020' },
        host: { type: 'string', default: process.env.EXPYS_SANDBOX_HOST ?? '127.0.0.1' },
        data: { type: 'string', default: process.env.EXPYS_SANDBOX_DATA ?? '.expys-sandbox' },
        memory: { type: 'boolean', default: false },
        'database-url': { type: 'string', default: process.env.EXPYS_SANDBOX_DATABASE_URL },
        'pool-size': { type: 'string', default: process.env.EXPYS_SANDBOX_POOL_SIZE },
        'sample-keys': { type: 'boolean', default: process.env.EXPYS_SANDBOX_SAMPLE_KEYS === '1' },
        'forward-webhooks': { type: 'string', default: process.env.EXPYS_SANDBOX_FORWARD_WEBHOOKS },
        'allow-private-webhook-targets': { type: 'boolean', default: process.env.EXPYS_SANDBOX_ALLOW_PRIVATE_WEBHOOK_TARGETS === '1' },
        'rate-limit': { type: 'string', default: process.env.EXPYS_SANDBOX_RATE_LIMIT ?? '6000' },
        'cors-origin': { type: 'string', multiple: true },
        spec: { type: 'string', default: process.env.EXPYS_SANDBOX_SPEC },
        quiet: { type: 'boolean', short: 'q', default: false },
        'admin-token': { type: 'string', default: process.env.EXPYS_SANDBOX_ADMIN_TOKEN || undefined },
        label: { type: 'string' },
        ttl: { type: 'string' },
        json: { type: 'boolean', default: false },
        url: { type: 'string', default: process.env.EXPYS_SANDBOX_URL },
        key: { type: 'string', default: process.env.EXPYS_SANDBOX_KEY },
        scope: { type: 'string', multiple: true },
        description: { type: 'string' },
        name: { type: 'string' },
        'expires-at': { type: 'string' },
        at: { type: 'string' },
        'previous-expires-at': { type: 'string' },
        'app-id': { type: 'string', default: process.env.EXPYS_APP_ID },
        'app-secret': { type: 'string', default: process.env.EXPYS_APP_SECRET },
        webhook: { type: 'string' },
        to: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
}

async function serve(values: Values): Promise<void> {
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0–65535, not ${values.port}`);
  const rateLimit = Number(values['rate-limit']);
  if (!Number.isInteger(rateLimit) || rateLimit < 0) fail(`--rate-limit must be a whole number ≥ 0, not ${values['rate-limit']}`);
  const poolSize = values['pool-size'] === undefined ? undefined : Number(values['pool-size']);
  if (poolSize !== undefined && !(Number.isInteger(poolSize) && poolSize >= 1 && poolSize <= 100)) fail(`--pool-size must be a whole number from 1 to 100, not ${values['pool-size']}`);
  if (poolSize !== undefined && !values['database-url']) fail('--pool-size is for PostgreSQL (--database-url): PGlite has one connection.');
  const database: DatabaseOptions = values['database-url']
    ? { kind: 'postgres', url: values['database-url'], ...(poolSize === undefined ? {} : { poolSize }) }
    : values.memory
      ? { kind: 'memory' }
      : { kind: 'pglite', dataDir: path.resolve(values.data!) };
  const origins = values['cors-origin'];
  const admin = serveAdminToken(values, database);

  let sandbox: RunningSandbox | undefined;
  let stopping = false;
  const stop = async (reason: string) => {
    // A second Ctrl-C does not wait: a stop held up by a slow webhook endpoint is cut short.
    if (stopping) process.exit(130);
    stopping = true;
    console.error(`\n${reason}: stopping the sandbox…`);
    await sandbox?.stop();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));

  const started = performance.now();
  try {
    sandbox = await startSandbox({
      database,
      port,
      host: values.host,
      specFile: values.spec ? path.resolve(values.spec) : undefined,
      sampleKeys: values['sample-keys'],
      webhooks: { ...(values['forward-webhooks'] ? { forwardTo: values['forward-webhooks'] } : {}), allowPrivateTargets: values['allow-private-webhook-targets'] },
      rateLimit: { limit: rateLimit, windowMs: 60_000 },
      cors: !origins || origins.length === 0 ? 'local' : origins.includes('*') ? '*' : origins,
      onRequest: values.quiet ? undefined : (e) => console.log(`  ${e.method} ${e.url} → ${e.code ? `${e.status} ${e.code}` : e.status} (${e.ms.toFixed(0)} ms)`),
      ...(admin.token === undefined ? {} : { adminToken: admin.token }),
    });
    // Written once the folder is ours (a start refused by another sandbox's lock writes nothing).
    admin.save?.();
  } catch (error) {
    console.error(`✖ The sandbox could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  if (stopping) return;
  console.log(startupBanner(sandbox, values['forward-webhooks'], admin.banner));
  console.log(`Ready in ${((performance.now() - started) / 1000).toFixed(1)} s. Requests:`);
}

type Values = ReturnType<typeof parse>['values'];

/**
 * The admin token serve starts with (undefined: sandboxes on demand off), what the banner says
 * about it, and (a data folder's first one) how to save it. Given (flag or environment) it is
 * used as it is; else a data folder keeps one in <data>/admin-token, made at first start; in
 * memory a new one is shown once; PostgreSQL has no folder to keep one in: off.
 */
function serveAdminToken(values: Values, database: DatabaseOptions): { token?: string; banner: SandboxesOnDemand; save?: () => void } {
  const given = values['admin-token'];
  if (given) {
    try {
      checkAdminToken(given);
    } catch (error) {
      fail(`--admin-token (or EXPYS_SANDBOX_ADMIN_TOKEN): ${(error as Error).message}`);
    }
    return { token: given, banner: { token: 'given' } };
  }
  const made = () => randomBytes(32).toString('hex');
  if (database.kind === 'pglite') {
    const file = path.join(database.dataDir, ADMIN_TOKEN_FILE);
    if (existsSync(file)) {
      const token = readFileSync(file, 'utf8').trim();
      try {
        checkAdminToken(token);
      } catch (error) {
        fail(`${file} holds no usable admin token: ${(error as Error).message} Delete the file (a new token is made at start) or pass --admin-token.`, 1);
      }
      return { token, banner: { token: 'file', file, created: false } };
    }
    const token = made();
    return { token, banner: { token: 'file', file, created: true }, save: () => writeSecretFile(database.dataDir, ADMIN_TOKEN_FILE, `${token}\n`) };
  }
  if (database.kind === 'memory') {
    const token = made();
    return { token, banner: { token: 'shown', value: token } };
  }
  return { banner: { token: 'off' } };
}

const sandboxUrl = (values: Values) => values.url ?? `http://127.0.0.1:${values.port}`;

/**
 * `route` under the sandbox's URL, that URL's path kept: with --url http://host:4020/sandboxes/sbx_…
 * every command reaches that sandbox (new URL('/_sandbox/…', url) would drop the path).
 */
function endpoint(values: Values, route: string): URL {
  let url: URL;
  try {
    url = new URL(sandboxUrl(values));
  } catch {
    return fail(`--url must be an absolute URL such as http://127.0.0.1:4020, not ${JSON.stringify(sandboxUrl(values))}.`);
  }
  const question = route.indexOf('?');
  const pathname = question === -1 ? route : route.slice(0, question);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${pathname.replace(/^\/+/, '')}`;
  url.search = question === -1 ? '' : route.slice(question);
  url.hash = '';
  return url;
}

/** The sandbox made on demand that --url names (…/sandboxes/<id>), if it names one. */
function sandboxInUrl(values: Values): string | undefined {
  try {
    return new RegExp(`${SANDBOXES_PREFIX}([^/]+)/?$`).exec(new URL(sandboxUrl(values)).pathname)?.[1];
  } catch {
    return undefined;
  }
}

/** fetch, or exit 1 saying that nothing answers at the URL. */
async function send(values: Values, url: URL, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    console.error(`✖ No sandbox answers at ${sandboxUrl(values)} (${((error as Error).cause as Error | undefined)?.message ?? (error as Error).message}). Start it with expys-sandbox, or pass --url.`);
    process.exit(1);
  }
}

/** A call to the running sandbox's control plane. */
async function control(values: Values, method: 'GET' | 'POST', route: string, body?: unknown): Promise<any> {
  let key = values.key;
  const onDemand = sandboxInUrl(values);
  if (!key && onDemand) {
    // The data folder's key is the default sandbox's: it means nothing in another one.
    fail(`--url names the sandbox ${onDemand}: pass its Org-API-Key with --key (\`sandboxes create\` printed it) or set EXPYS_SANDBOX_KEY; <data>/${ADMIN_KEY_FILE} holds the default sandbox's.`, 1);
  }
  if (!key) {
    try {
      key = readFileSync(path.join(path.resolve(values.data!), ADMIN_KEY_FILE), 'utf8').trim();
    } catch {
      fail(`No key: pass --key (an Org-API-Key expys_test_… of the sandbox) or set EXPYS_SANDBOX_KEY; ${path.join(values.data!, ADMIN_KEY_FILE)} was not found.`, 1);
    }
  }
  const response = await send(values, endpoint(values, `/_sandbox/${route}`), {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const result = await response.json().catch(() => ({ error: `answered ${response.status} without JSON` }));
  if (!response.ok) {
    console.error(`✖ ${result.error ?? `answered ${response.status}`}`);
    process.exit(1);
  }
  return result;
}

interface AppCredentials {
  appId: string;
  appSecret: string;
  /** The data-folder file they were read from: a rotation writes the new secret back to it. */
  file?: string;
}

/** The application's credentials: flags or environment (both parts), else the data folder's file. */
function appCredentials(values: Values): AppCredentials | undefined {
  const [appId, appSecret] = [values['app-id'], values['app-secret']];
  if (appId && appSecret) return { appId, appSecret };
  if (appId || appSecret) fail(`Give both the App ID and the App Secret (--app-id and --app-secret, or EXPYS_APP_ID and EXPYS_APP_SECRET); only the ${appId ? 'App ID' : 'App Secret'} was given.`, 1);
  // The data folder's application is the default sandbox's, not one made on demand.
  if (sandboxInUrl(values)) return undefined;
  const file = path.join(path.resolve(values.data!), APP_CREDENTIALS_FILE);
  if (!existsSync(file)) return undefined;
  const parsed = parseAppCredentialsFile(readFileSync(file, 'utf8'));
  if (!parsed) fail(`${file} holds no EXPYS_APP_ID=… and EXPYS_APP_SECRET=… lines: pass --app-id and --app-secret.`, 1);
  return { ...parsed, file };
}

function requireAppCredentials(values: Values): AppCredentials {
  const found = appCredentials(values);
  if (found) return found;
  const onDemand = sandboxInUrl(values);
  if (onDemand) {
    fail(
      `No application credentials: --url names the sandbox ${onDemand}: pass its App ID and App Secret (\`sandboxes create\` printed them) ` +
        'with --app-id and --app-secret, or set EXPYS_APP_ID and EXPYS_APP_SECRET. Lost the App Secret? `expys-sandbox apps rotate-secret` with its Org-API-Key (--key) issues a new one.',
      1,
    );
  }
  return fail(
    `No application credentials: pass --app-id and --app-secret, set EXPYS_APP_ID and EXPYS_APP_SECRET, or run where <data>/${APP_CREDENTIALS_FILE} is ` +
      `(${path.join(values.data!, APP_CREDENTIALS_FILE)} was not found; the sandbox writes it at first start with PGlite). ` +
      'Lost the App Secret? `expys-sandbox apps rotate-secret` with the Org-API-Key (--key) issues a new one.',
    1,
  );
}

/** An application operation of the API (HTTP Basic): its JSON, or exit 1 with the problem it answered. */
async function appApi(values: Values, app: AppCredentials, method: 'GET' | 'POST', route: string, body?: unknown, headers: Record<string, string> = {}): Promise<any> {
  const basic = Buffer.from(`${app.appId}:${app.appSecret}`, 'utf8').toString('base64');
  const response = await send(values, endpoint(values, route), {
    method,
    headers: { authorization: `Basic ${basic}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let result: any;
  try {
    result = text ? JSON.parse(text) : undefined;
  } catch {
    result = undefined;
  }
  if (!response.ok) {
    console.error(`✖ ${formatProblem(response.status, result)}`);
    if (result?.code === 'invalid_app_credentials') {
      console.error(`  The App ID ${app.appId} and its App Secret${app.file ? ` (from ${app.file})` : ''} were refused: check both, or issue a new App Secret with \`expys-sandbox apps rotate-secret --key <Org-API-Key>\`.`);
    }
    process.exit(1);
  }
  return result;
}

/** A time option as the API takes it: RFC 3339, or "now". */
function timeOption(values: Values, name: 'expires-at' | 'at' | 'previous-expires-at'): string | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (value === 'now') return new Date().toISOString();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
    fail(`--${name} must be a date-time such as 2026-03-01T09:00:00Z (or "now"), not ${JSON.stringify(value)}.`);
  }
  return value;
}

async function apps(values: Values, args: string[]): Promise<void> {
  const sub = args[0] ?? 'show';
  if (sub === 'show') {
    const app = requireAppCredentials(values);
    return void console.log(formatApplication(await appApi(values, app, 'GET', '/v1/app')));
  }
  if (sub !== 'rotate-secret') fail(`apps has no ${JSON.stringify(sub)}: use apps, or apps rotate-secret.`);
  const previousSecretExpiresAt = timeOption(values, 'previous-expires-at');
  const body = previousSecretExpiresAt ? { previousSecretExpiresAt } : {};
  const app = appCredentials(values);
  let rotation: { appId: string; appSecret: string; previousSecretExpiresAt: string };
  if (app) {
    rotation = await appApi(values, app, 'POST', '/v1/app/secret', body, { 'idempotency-key': `cli-rotate-${crypto.randomUUID()}` });
  } else {
    // No App Secret at hand: the Org-API-Key (control plane) has authority over the org's applications.
    const appId = values['app-id'] ?? (await onlyApplication(values));
    rotation = await control(values, 'POST', `apps/${encodeURIComponent(appId)}/secret`, body);
  }
  console.log(`${rotation.appSecret}\n  the new App Secret of ${rotation.appId}. Shown once: store it now.`);
  console.log(`  The previous one works until ${rotation.previousSecretExpiresAt}.`);
  // Written back where the CLI reads it: the file it came from, or (rotated with the Org-API-Key) the data folder's.
  const dataDir = path.resolve(values.data!);
  // Never the data folder's file for a sandbox made on demand (that file is the default sandbox's).
  const file = app ? app.file : !sandboxInUrl(values) && existsSync(dataDir) ? path.join(dataDir, APP_CREDENTIALS_FILE) : undefined;
  if (file) {
    writeSecretFile(path.dirname(file), path.basename(file), appCredentialsFile(rotation.appId, rotation.appSecret));
    console.log(`  Saved to ${file} (the CLI's apps and keys commands use it).`);
  }
}

/** The App ID when the sandbox has exactly one application (as it creates). */
async function onlyApplication(values: Values): Promise<string> {
  const { data } = await control(values, 'GET', 'apps');
  if (data.length === 1) return data[0].appId;
  return fail(`The sandbox has ${data.length} applications (${data.map((a: any) => a.appId).join(', ') || 'none'}): name one with --app-id.`, 1);
}

async function keys(values: Values, args: string[]): Promise<void> {
  const sub = args[0] ?? 'list';
  const app = requireAppCredentials(values);
  if (sub === 'list') {
    const all: any[] = [];
    let cursor: string | undefined;
    do {
      const page = await appApi(values, app, 'GET', `/v1/app/keys?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      all.push(...page.data);
      cursor = page.hasMore ? page.nextCursor : undefined;
    } while (cursor);
    return void console.log(formatApiKeys(all));
  }
  if (sub === 'create') {
    if (!values.name) fail('keys create needs --name (what the key is for, e.g. --name "Nightly points job").');
    if (!values.scope || values.scope.length === 0) fail('keys create needs at least one --scope (e.g. --scope member_read --scope points_write).');
    const expiresAt = timeOption(values, 'expires-at');
    const key = await appApi(values, app, 'POST', '/v1/app/keys', { name: values.name, scopes: values.scope, ...(expiresAt ? { expiresAt } : {}) }, { 'idempotency-key': `cli-key-${crypto.randomUUID()}` });
    return void console.log(`${key.key}\n  ${formatApiKey(key)}\n  Shown once: store it now.`);
  }
  if (sub === 'revoke') {
    const keyId = args[1] ?? fail('keys revoke needs a key id (key_…; see keys list).');
    const at = timeOption(values, 'at');
    const key = await appApi(values, app, 'POST', `/v1/app/keys/${encodeURIComponent(keyId)}/revoke`, at ? { at } : {});
    return void console.log(key.status === 'revoked' ? `Revoked ${key.id} (${key.hint}) at ${key.revokedAt}.` : `${key.id} (${key.hint}) works until ${key.revokedAt}, then is revoked.`);
  }
  fail(`keys has no ${JSON.stringify(sub)}: use keys list, keys create or keys revoke.`);
}

/** The admin token of sandboxes on demand: --admin-token, EXPYS_SANDBOX_ADMIN_TOKEN, or <data>/admin-token. */
function adminToken(values: Values): { token: string; file?: string } {
  if (values['admin-token']) return { token: values['admin-token'] };
  const file = path.join(path.resolve(values.data!), ADMIN_TOKEN_FILE);
  const token = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  if (token) return { token, file };
  return fail(
    `No admin token: pass --admin-token (the token the sandbox was started with) or set EXPYS_SANDBOX_ADMIN_TOKEN; ${file} was not found. ` +
      'A sandbox with a data folder writes it there at first start; with --memory its banner shows it; on PostgreSQL start it with --admin-token.',
    1,
  );
}

/** A call to the server's sandboxes on demand (/_sandbox/sandboxes…) with the admin token: its JSON, or exit 1 with what it answered. */
async function sandboxesApi(values: Values, method: 'GET' | 'POST' | 'DELETE', route: string, body?: unknown): Promise<any> {
  const { token, file } = adminToken(values);
  const response = await send(values, endpoint(values, `/_sandbox/${route}`), {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const result = await response.json().catch(() => undefined);
  if (!response.ok) {
    console.error(`✖ ${response.status}: ${result?.error ?? result?.detail ?? `${sandboxUrl(values)} answered without JSON`}`);
    if (response.status === 401) console.error(`  The admin token${file ? ` from ${file}` : ''} was refused: it must be the one this sandbox was started with.`);
    process.exit(1);
  }
  return result;
}

async function sandboxes(values: Values, args: string[]): Promise<void> {
  const sub = args[0] ?? 'list';
  const named = sandboxInUrl(values);
  if (named) fail(`--url names the sandbox ${named}: sandboxes are listed, created and deleted on the server's own URL (without ${SANDBOXES_PREFIX}${named}).`, 1);
  if (sub === 'list') {
    return void console.log(formatSandboxes((await sandboxesApi(values, 'GET', 'sandboxes')).data));
  }
  if (sub === 'create') {
    let ttlSeconds: number | undefined;
    if (values.ttl !== undefined) {
      let ms = 0;
      try {
        ms = parseDuration(values.ttl);
      } catch (error) {
        fail(`--ttl: ${(error as Error).message}`);
      }
      if (ms % 1000 !== 0 || ms < MIN_TTL_MS || ms > MAX_TTL_MS) fail(`--ttl must be whole seconds from 1m to 30d (e.g. 90s, 2h, 7d), not ${JSON.stringify(values.ttl)}.`);
      ttlSeconds = ms / 1000;
    }
    const created = await sandboxesApi(values, 'POST', 'sandboxes', { ...(values.label === undefined ? {} : { label: values.label }), ...(ttlSeconds === undefined ? {} : { ttlSeconds }) });
    // Its URL on the --url given (the same as the server's, unless a proxy put a path before it).
    const url = endpoint(values, `${SANDBOXES_PREFIX}${created.id}`).href;
    if (values.json) return void console.log(JSON.stringify({ ...created, url }, null, 2));
    return void console.log(formatCreatedSandbox({ ...created, url }));
  }
  if (sub === 'delete') {
    const id = args[1] ?? fail('sandboxes delete needs a sandbox id (sbx_…; see sandboxes list).');
    await sandboxesApi(values, 'DELETE', `sandboxes/${encodeURIComponent(id)}`);
    return void console.log(`Deleted ${id}: it answers 404 from now on, and its data is dropped within seconds.`);
  }
  fail(`sandboxes has no ${JSON.stringify(sub)}: use sandboxes list, sandboxes create or sandboxes delete.`);
}

async function main(): Promise<void> {
  const { values, positionals } = parse();
  if (values.help) return void console.log(USAGE);
  const [command = 'serve', ...args] = positionals;
  if (!COMMANDS.has(command)) fail(`Unknown command ${JSON.stringify(command)}.`);
  const need = (index: number, what: string) => args[index] ?? fail(`${command} needs ${what}.`);

  switch (command) {
    case 'serve':
      return serve(values);
    case 'status':
      return void console.log(JSON.stringify(await control(values, 'GET', 'status'), null, 2));
    case 'clock': {
      if (args[0] === 'advance') {
        const by = need(1, 'a duration (e.g. 16m)');
        try {
          parseDuration(by);
        } catch (error) {
          fail((error as Error).message);
        }
        const result = await control(values, 'POST', 'clock/advance', { by });
        return void console.log(`The sandbox clock is now ${result.now} (${Math.round(result.offsetMs / 1000)} s ahead of real time).`);
      }
      const result = await control(values, 'GET', 'clock');
      return void console.log(`${result.now} (${Math.round(result.offsetMs / 1000)} s ahead of real time)`);
    }
    case 'apps':
      return apps(values, args);
    case 'keys':
      return keys(values, args);
    case 'org-keys': {
      const sub = args[0] ?? 'list';
      if (values.scope) fail('Org-API-Keys have full authority and no scopes: for a restricted key use keys create --name … --scope ….');
      if (sub === 'create') {
        const key = await control(values, 'POST', 'keys', { description: values.description ?? '' });
        return void console.log(`${key.key}\n  id ${key.id}, an Org-API-Key (full authority). Shown once: store it now.`);
      }
      if (sub === 'revoke') {
        const key = await control(values, 'POST', `keys/${encodeURIComponent(need(1, 'an Org-API-Key id'))}/revoke`);
        return void console.log(`Revoked ${key.id} (${key.hint}) at ${key.revokedAt}.`);
      }
      if (sub !== 'list') fail(`org-keys has no ${JSON.stringify(sub)}: use org-keys list, org-keys create or org-keys revoke.`);
      return void console.log(formatOrgKeys((await control(values, 'GET', 'keys')).data));
    }
    case 'token': {
      const grant = await control(values, 'POST', 'tokens', { externalUserID: need(0, 'an externalUserID') });
      return void console.log(`${grant.token}\n  for ${grant.externalUserID}, expires ${grant.expiresAt}`);
    }
    case 'otp': {
      const externalUserID = need(0, 'an externalUserID');
      const { data } = await control(values, 'GET', `members/${encodeURIComponent(externalUserID)}/passcodes`);
      const output = otpOutput(externalUserID, data);
      if (output.stdout) console.log(output.stdout);
      if (output.stderr) console.error(output.stderr);
      process.exitCode = output.exitCode;
      return;
    }
    case 'deliveries': {
      const query = values.webhook ? `?webhookId=${encodeURIComponent(values.webhook)}` : '';
      return void console.log(formatDeliveries((await control(values, 'GET', `deliveries${query}`)).data));
    }
    case 'redeliver': {
      const result = await control(values, 'POST', `deliveries/${encodeURIComponent(need(0, 'a delivery id'))}/redeliver`);
      return void console.log(result.ok ? `Delivered: ${result.url} answered ${result.status}.` : `Not delivered: ${result.url} ${result.error ?? `answered ${result.status}`}.`);
    }
    case 'test-delivery': {
      const result = await control(values, 'POST', `webhooks/${encodeURIComponent(need(0, 'a webhook endpoint id'))}/test-deliveries`, values.to ? { url: values.to } : {});
      console.log(formatTestDeliveries(result.results));
      if (!result.passed) process.exitCode = 1;
      return;
    }
    case 'sandboxes':
      return sandboxes(values, args);
    case 'reset': {
      const status = await control(values, 'POST', 'reset');
      return void console.log(`Reset: ${JSON.stringify(status.counts)}`);
    }
  }
}

await main();

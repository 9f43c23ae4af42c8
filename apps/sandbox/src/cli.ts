#!/usr/bin/env node
// expys-sandbox: run the stateful sandbox, or drive a running one through its control plane.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatApiKey, formatApiKeys, formatApplication, formatDeliveries, formatOrgKeys, formatProblem, formatTestDeliveries, startupBanner } from './cli-output.js';
import { otpOutput } from './cli-otp.js';
import { parseDuration } from './domain/clock.js';
import { ADMIN_KEY_FILE, APP_CREDENTIALS_FILE, appCredentialsFile, parseAppCredentialsFile, startSandbox, writeSecretFile, type RunningSandbox } from './sandbox.js';
import type { DatabaseOptions } from './db/database.js';

const USAGE = `Usage: expys-sandbox [serve] [options]          run the sandbox
       expys-sandbox <command> [args] [--url U] [--key K]   drive a running one

Serve options:
  -p, --port <n>              port (default $EXPYS_SANDBOX_PORT or 4020; 0 picks a free one)
      --host <addr>           interface (default 127.0.0.1; 0.0.0.0 to share it on your LAN)
      --data <dir>            PGlite data folder, kept across restarts (default $EXPYS_SANDBOX_DATA or ./.expys-sandbox)
      --memory                keep everything in memory (gone when the sandbox stops)
      --database-url <url>    PostgreSQL instead of PGlite (default $EXPYS_SANDBOX_DATABASE_URL), for a shared sandbox
      --sample-keys           at first start, create the mock's sample credentials (Org-API-Keys, the sample
                              application and its API keys) instead of a random Org-API-Key and application
      --forward-webhooks <u>  deliver every webhook to this URL (e.g. http://127.0.0.1:3000/webhooks)
      --allow-private-webhook-targets
                              deliver webhooks to private, loopback and link-local addresses too
                              (default: public addresses only, and the forward URL; $EXPYS_SANDBOX_ALLOW_PRIVATE_WEBHOOK_TARGETS=1)
      --rate-limit <n>        requests per credential per minute (default 6000; 0 = off)
      --cors-origin <o>       browser origin allowed by CORS, repeatable, or * (default: any localhost origin)
      --spec <file>           the bundle to serve (default $EXPYS_SANDBOX_SPEC or @expys/openapi's full bundle)
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

Times are RFC 3339 (2026-03-01T09:00:00Z) on the sandbox clock.
  -h, --help`;

const COMMANDS = new Set(['serve', 'status', 'clock', 'apps', 'keys', 'org-keys', 'token', 'otp', 'deliveries', 'redeliver', 'test-delivery', 'reset']);

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
        'sample-keys': { type: 'boolean', default: process.env.EXPYS_SANDBOX_SAMPLE_KEYS === '1' },
        'forward-webhooks': { type: 'string', default: process.env.EXPYS_SANDBOX_FORWARD_WEBHOOKS },
        'allow-private-webhook-targets': { type: 'boolean', default: process.env.EXPYS_SANDBOX_ALLOW_PRIVATE_WEBHOOK_TARGETS === '1' },
        'rate-limit': { type: 'string', default: process.env.EXPYS_SANDBOX_RATE_LIMIT ?? '6000' },
        'cors-origin': { type: 'string', multiple: true },
        spec: { type: 'string', default: process.env.EXPYS_SANDBOX_SPEC },
        quiet: { type: 'boolean', short: 'q', default: false },
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
  const database: DatabaseOptions = values['database-url']
    ? { kind: 'postgres', url: values['database-url'] }
    : values.memory
      ? { kind: 'memory' }
      : { kind: 'pglite', dataDir: path.resolve(values.data!) };
  const origins = values['cors-origin'];

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
    });
  } catch (error) {
    console.error(`✖ The sandbox could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  if (stopping) return;
  console.log(startupBanner(sandbox, values['forward-webhooks']));
  console.log(`Ready in ${((performance.now() - started) / 1000).toFixed(1)} s. Requests:`);
}

type Values = ReturnType<typeof parse>['values'];

const sandboxUrl = (values: Values) => values.url ?? `http://127.0.0.1:${values.port}`;

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
  if (!key) {
    try {
      key = readFileSync(path.join(path.resolve(values.data!), ADMIN_KEY_FILE), 'utf8').trim();
    } catch {
      fail(`No key: pass --key (an Org-API-Key expys_test_… of the sandbox) or set EXPYS_SANDBOX_KEY; ${path.join(values.data!, ADMIN_KEY_FILE)} was not found.`, 1);
    }
  }
  const response = await send(values, new URL(`/_sandbox/${route}`, sandboxUrl(values)), {
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
  const file = path.join(path.resolve(values.data!), APP_CREDENTIALS_FILE);
  if (!existsSync(file)) return undefined;
  const parsed = parseAppCredentialsFile(readFileSync(file, 'utf8'));
  if (!parsed) fail(`${file} holds no EXPYS_APP_ID=… and EXPYS_APP_SECRET=… lines: pass --app-id and --app-secret.`, 1);
  return { ...parsed, file };
}

function requireAppCredentials(values: Values): AppCredentials {
  return (
    appCredentials(values) ??
    fail(
      `No application credentials: pass --app-id and --app-secret, set EXPYS_APP_ID and EXPYS_APP_SECRET, or run where <data>/${APP_CREDENTIALS_FILE} is ` +
        `(${path.join(values.data!, APP_CREDENTIALS_FILE)} was not found; the sandbox writes it at first start with PGlite). ` +
        'Lost the App Secret? `expys-sandbox apps rotate-secret` with the Org-API-Key (--key) issues a new one.',
      1,
    )
  );
}

/** An application operation of the API (HTTP Basic): its JSON, or exit 1 with the problem it answered. */
async function appApi(values: Values, app: AppCredentials, method: 'GET' | 'POST', route: string, body?: unknown, headers: Record<string, string> = {}): Promise<any> {
  const basic = Buffer.from(`${app.appId}:${app.appSecret}`, 'utf8').toString('base64');
  const response = await send(values, new URL(route, sandboxUrl(values)), {
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
  const file = app ? app.file : existsSync(dataDir) ? path.join(dataDir, APP_CREDENTIALS_FILE) : undefined;
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
    case 'reset': {
      const status = await control(values, 'POST', 'reset');
      return void console.log(`Reset: ${JSON.stringify(status.counts)}`);
    }
  }
}

await main();

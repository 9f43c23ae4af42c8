#!/usr/bin/env node
// expys-sandbox: run the stateful sandbox, or drive a running one through its control plane.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatDeliveries, formatKeys, formatTestDeliveries, startupBanner } from './cli-output.js';
import { parseDuration } from './domain/clock.js';
import { ADMIN_KEY_FILE, startSandbox, type RunningSandbox } from './sandbox.js';
import type { DatabaseOptions } from './db/database.js';

const USAGE = `Usage: expys-sandbox [serve] [options]          run the sandbox
       expys-sandbox <command> [args] [--url U] [--key K]   drive a running one

Serve options:
  -p, --port <n>              port (default $EXPYS_SANDBOX_PORT or 4020; 0 picks a free one)
      --host <addr>           interface (default 127.0.0.1; 0.0.0.0 to share it on your LAN)
      --data <dir>            PGlite data folder, kept across restarts (default $EXPYS_SANDBOX_DATA or ./.expys-sandbox)
      --memory                keep everything in memory (gone when the sandbox stops)
      --database-url <url>    PostgreSQL instead of PGlite (default $EXPYS_SANDBOX_DATABASE_URL), for a shared sandbox
      --sample-keys           at first start, create the mock's sample keys instead of a random one
      --forward-webhooks <u>  deliver every webhook to this URL (e.g. http://127.0.0.1:3000/webhooks)
      --allow-private-webhook-targets
                              deliver webhooks to private, loopback and link-local addresses too
                              (default: public addresses only, and the forward URL; $EXPYS_SANDBOX_ALLOW_PRIVATE_WEBHOOK_TARGETS=1)
      --rate-limit <n>        requests per credential per minute (default 6000; 0 = off)
      --cors-origin <o>       browser origin allowed by CORS, repeatable, or * (default: any localhost origin)
      --spec <file>           the bundle to serve (default $EXPYS_SANDBOX_SPEC or @expys/openapi's full bundle)
  -q, --quiet                 no request log

Commands (through the control plane, with a full-access key: --key, $EXPYS_SANDBOX_KEY, or <data>/${ADMIN_KEY_FILE}):
  status                                  what the sandbox holds, and its clock
  clock [advance <duration>]              show or advance the test clock (16m, 2h, 3d…)
  keys [list]                             the org's keys (hints only)
  keys create [--scope s]… [--description d]   a new key (restricted with --scope), shown once
  keys revoke <keyId>                     revoke a key (401 invalid_api_key from then on)
  token <externalUserID>                  mint a member token without a backend
  deliveries [--webhook <id>]             the webhook delivery log, newest first
  redeliver <deliveryId>                  send a delivery again now
  test-delivery <webhookId> [--to <url>]  valid, tampered, stale and duplicate deliveries, to prove a verifier
                                          (to a public address, the forward URL, or any with --allow-private-webhook-targets)
  reset                                   wipe the data and seed it again from the spec (keys and clock stay)

  -h, --help`;

const COMMANDS = new Set(['serve', 'status', 'clock', 'keys', 'token', 'deliveries', 'redeliver', 'test-delivery', 'reset']);

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
        webhook: { type: 'string' },
        to: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
}

async function serve(values: ReturnType<typeof parse>['values']): Promise<void> {
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

/** A call to the running sandbox's control plane. */
async function control(values: ReturnType<typeof parse>['values'], method: 'GET' | 'POST', route: string, body?: unknown): Promise<any> {
  const url = values.url ?? `http://127.0.0.1:${values.port}`;
  let key = values.key;
  if (!key) {
    try {
      key = readFileSync(path.join(path.resolve(values.data!), ADMIN_KEY_FILE), 'utf8').trim();
    } catch {
      fail(`No key: pass --key (a full-access expys_test_… key of the sandbox) or set EXPYS_SANDBOX_KEY; ${path.join(values.data!, ADMIN_KEY_FILE)} was not found.`, 1);
    }
  }
  let response: Response;
  try {
    response = await fetch(new URL(`/_sandbox/${route}`, url), {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    console.error(`✖ No sandbox answers at ${url} (${((error as Error).cause as Error | undefined)?.message ?? (error as Error).message}). Start it with expys-sandbox, or pass --url.`);
    process.exit(1);
  }
  const result = await response.json().catch(() => ({ error: `answered ${response.status} without JSON` }));
  if (!response.ok) {
    console.error(`✖ ${result.error ?? `answered ${response.status}`}`);
    process.exit(1);
  }
  return result;
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
    case 'keys': {
      const sub = args[0] ?? 'list';
      if (sub === 'create') {
        const key = await control(values, 'POST', 'keys', { scopes: values.scope, description: values.description ?? '' });
        return void console.log(`${key.key}\n  id ${key.id}, scopes ${key.scopes === 'all' ? 'all' : key.scopes.join(', ')}. Shown once: store it now.`);
      }
      if (sub === 'revoke') {
        const key = await control(values, 'POST', `keys/${encodeURIComponent(need(1, 'a key id'))}/revoke`);
        return void console.log(`Revoked ${key.id} (${key.hint}) at ${key.revokedAt}.`);
      }
      return void console.log(formatKeys((await control(values, 'GET', 'keys')).data));
    }
    case 'token': {
      const grant = await control(values, 'POST', 'tokens', { externalUserID: need(0, 'an externalUserID') });
      return void console.log(`${grant.token}\n  for ${grant.externalUserID}, expires ${grant.expiresAt}`);
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

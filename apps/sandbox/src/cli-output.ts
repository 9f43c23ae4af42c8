// What the CLI prints: the start-up banner and the control plane's answers as short tables.
import { API_KEY_SCOPES, type ApiKeyView, type ApplicationView } from './domain/applications.js';
import type { OrgApiKeyInfo } from './domain/credentials.js';
import type { RunningSandbox } from './sandbox.js';
import type { DeliveryRecord } from './webhooks/deliveries.js';
import type { TestDeliveryResult } from './webhooks/test-deliveries.js';

/** What serve did with the admin token of sandboxes on demand, for the banner. */
export type SandboxesOnDemand =
  /** In the data folder's file (made by this start, or an earlier one). */
  | { token: 'file'; file: string; created: boolean }
  /** Made for this start (in memory, nowhere to keep it): shown once. */
  | { token: 'shown'; value: string }
  /** Given with --admin-token or EXPYS_SANDBOX_ADMIN_TOKEN. */
  | { token: 'given' }
  /** None: sandboxes on demand are off. */
  | { token: 'off' };

function sandboxesOnDemandLine(url: string, onDemand: SandboxesOnDemand): string {
  const where = `each isolated, at ${url}/sandboxes/<id>/`;
  switch (onDemand.token) {
    case 'file':
      return `  Sandboxes on demand: \`expys-sandbox sandboxes create\` (${where}); the admin token is in ${onDemand.file}${onDemand.created ? ' (made now)' : ''}`;
    case 'shown':
      return `  Sandboxes on demand: \`expys-sandbox sandboxes create --admin-token ${onDemand.value}\` (${where}); this admin token is shown once`;
    case 'given':
      return `  Sandboxes on demand: \`expys-sandbox sandboxes create\` with the admin token you gave (--admin-token or EXPYS_SANDBOX_ADMIN_TOKEN) (${where})`;
    case 'off':
      return '  Sandboxes on demand: off; start with --admin-token <token> (or EXPYS_SANDBOX_ADMIN_TOKEN; e.g. `openssl rand -hex 32`) to create isolated sandboxes with `expys-sandbox sandboxes create`';
  }
}

export function startupBanner(sandbox: RunningSandbox, forwardTo?: string, onDemand?: SandboxesOnDemand): string {
  const lines = [
    '',
    `Expys sandbox on ${sandbox.url}`,
    `  data: ${sandbox.databaseKind === 'postgres' ? `PostgreSQL ${sandbox.location}` : sandbox.location === 'memory' ? 'PGlite in memory (gone when it stops)' : `PGlite in ${sandbox.location}`}`,
  ];
  lines.push(
    sandbox.context.deliveries.targets.allowPrivate
      ? '  webhook targets: any address, private and loopback included (--allow-private-webhook-targets)'
      : `  webhook targets: public addresses only${forwardTo ? ' (and the forward URL)' : ''}; --allow-private-webhook-targets allows private and loopback ones`,
  );
  if (sandbox.migrationsApplied.length > 0) lines.push(`  migrations applied: ${sandbox.migrationsApplied.join(', ')}`);
  if (sandbox.exampleOperations.length > 0) lines.push(`  ${sandbox.exampleOperations.length === 1 ? '1 operation' : `${sandbox.exampleOperations.length} operations`} answered from the spec's examples (no sandbox code yet; header Expys-Sandbox-Answer: example): ${sandbox.exampleOperations.join(', ')}`);
  if (sandbox.createdKeys.length > 0) {
    lines.push('', 'First start: seeded from the spec\'s examples. Org-API-Keys (shown once; keep them in your backend\'s secrets):');
    for (const key of sandbox.createdKeys) lines.push(`  ${key.key}  ${describeOrgKey(key)}`);
  } else {
    lines.push('  Org-API-Keys: created at first start; list them with `expys-sandbox org-keys`, add one with `expys-sandbox org-keys create`');
  }
  if (sandbox.createdApp) {
    const { application, appSecret } = sandbox.createdApp;
    lines.push(
      '',
      `${sandbox.firstStart ? 'The application' : 'This data predates applications: its application was created now'} (shown once; the App Secret is a backend secret):`,
      `  App ID      ${application.appId}  ${application.name}`,
      `  App Secret  ${appSecret}`,
    );
    if (sandbox.location !== 'memory' && sandbox.databaseKind === 'pglite') lines.push(`  (also in ${sandbox.location}/app-credentials for the CLI's apps and keys commands)`);
    for (const key of sandbox.createdApiKeys) lines.push(`  ${key.key}  API key: ${describeApiKey(key)}`);
  }
  lines.push('  API keys: `expys-sandbox keys` lists them, `expys-sandbox keys create --name … --scope …` adds one');
  lines.push(`  Dashboard: ${sandbox.url}/_dashboard/ (sign in with an Org-API-Key)`);
  if (onDemand) lines.push(sandboxesOnDemandLine(sandbox.url, onDemand));
  lines.push(
    '',
    'Try:',
    `  curl -X POST ${sandbox.url}/v1/auth/exchange -H "Authorization: Bearer <key>" -H "Idempotency-Key: $(uuidgen)" \\`,
    `       -H "Content-Type: application/json" -d '{"externalUserID":"user_123"}'`,
    '  expys-sandbox keys create --name "My backend" --scope token_write --scope member_write   # an API key restricted to scopes',
    '  expys-sandbox clock advance 16m     # member tokens expire, webhook retries fall due',
    '  expys-sandbox deliveries            # the webhook delivery log',
  );
  if (forwardTo) lines.push(`  webhooks: every delivery goes to ${forwardTo}`);
  lines.push('');
  return lines.join('\n');
}

/** An Org-API-Key's state and description; a description that already says it ("full access (created at first start)") is printed alone. */
function describeOrgKey(key: Pick<OrgApiKeyInfo, 'revokedAt' | 'description'>): string {
  const access = key.revokedAt ? 'revoked' : 'full access';
  if (!key.description) return access;
  return key.description.includes(access) ? key.description : `${access}  (${key.description})`;
}

export function formatOrgKeys(keys: OrgApiKeyInfo[]): string {
  if (keys.length === 0) return 'No Org-API-Keys.';
  return keys
    .map((k) => {
      if (k.revokedAt) return `${k.id}  ${k.hint.padEnd(20)} revoked ${k.revokedAt}  ${k.description}`;
      return `${k.id}  ${k.hint.padEnd(20)} ${describeOrgKey(k)}`;
    })
    .join('\n');
}

/** "member_read, points_write; expires …; revoked at …" (every scope of the spec: "every scope"). */
function describeApiKey(key: ApiKeyView): string {
  const every = API_KEY_SCOPES.every((scope) => key.scopes.includes(scope));
  const parts = [every ? 'every scope' : key.scopes.join(', ')];
  if (key.expiresAt) parts.push(`${key.status === 'expired' ? 'expired' : 'expires'} ${key.expiresAt}`);
  if (key.revokedAt) parts.push(key.status === 'revoked' ? `revoked ${key.revokedAt}` : `revoked from ${key.revokedAt}`);
  return `${key.name}  [${parts.join('; ')}]`;
}

export function formatApiKey(key: ApiKeyView): string {
  return `${key.id}  ${key.hint.padEnd(14)} ${key.status.padEnd(7)} ${describeApiKey(key)}`;
}

export function formatApiKeys(keys: ApiKeyView[]): string {
  if (keys.length === 0) return 'No API keys yet: create one with expys-sandbox keys create --name … --scope ….';
  return keys.map(formatApiKey).join('\n');
}

export function formatApplication(app: ApplicationView): string {
  return [
    `${app.appId}  ${app.name}  (${app.environment})`,
    `  created ${app.createdAt}`,
    `  App Secret ${app.secretRotatedAt ? `last rotated ${app.secretRotatedAt}` : 'never rotated'}${app.previousSecretExpiresAt ? `; the previous one works until ${app.previousSecretExpiresAt}` : ''}`,
  ].join('\n');
}

/** A problem+json answer of the API, for a terminal: its code, detail and field errors. */
export function formatProblem(status: number, problem: any): string {
  if (!problem || typeof problem !== 'object') return `answered ${status}`;
  const lines = [`${status} ${problem.code ?? problem.title ?? ''}: ${problem.detail ?? problem.title ?? ''}`];
  for (const error of Array.isArray(problem.errors) ? problem.errors : []) lines.push(`  ${error.path}: ${error.message}`);
  return lines.join('\n');
}

export function formatDeliveries(deliveries: DeliveryRecord[]): string {
  if (deliveries.length === 0) return 'No deliveries yet.';
  return deliveries
    .map((d) => {
      const head = `${d.id}  ${d.eventType.padEnd(18)} ${d.eventId}  → ${d.webhookId}  ${d.state}, ${d.attempts} attempt(s)${d.nextAttemptAt && d.state === 'pending' ? `, next ${d.nextAttemptAt}` : ''}`;
      return [head, ...d.log.map((a) => `    #${a.attempt} ${a.at} ${a.url} → ${a.status ?? a.error} (${a.durationMs} ms)`)].join('\n');
    })
    .join('\n');
}

export function formatTestDeliveries(results: TestDeliveryResult[]): string {
  const lines = results.map((r) => `  ${r.passed ? '✔' : '✖'} ${r.kind.padEnd(9)} expected ${r.expected}, got ${r.status ?? r.error}`);
  const passed = results.every((r) => r.passed);
  lines.push(
    passed
      ? 'Your endpoint accepts genuine deliveries and refuses tampered and stale ones. Check that the duplicate was not processed twice (same webhook-id, the event id).'
      : 'Your endpoint does not verify deliveries as the spec says (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature): see "Verifying a delivery" under Webhooks in the docs.',
  );
  return lines.join('\n');
}

/** A sandbox as `GET /_sandbox/sandboxes` lists it. */
export interface ListedSandbox {
  id: string;
  label: string;
  url: string;
  createdAt: string;
  expiresAt: string | null;
}

export function formatSandboxes(sandboxes: ListedSandbox[]): string {
  if (sandboxes.length === 0) return 'No sandboxes on demand: create one with expys-sandbox sandboxes create [--label …] [--ttl 2h].';
  return sandboxes.map((s) => `${s.id}  ${s.expiresAt ? `expires ${s.expiresAt}` : 'no expiry'}  ${s.url}${s.label ? `  ${s.label}` : ''}`).join('\n');
}

/** The 201 of `POST /_sandbox/sandboxes`: its credentials are shown once. */
export function formatCreatedSandbox(created: ListedSandbox & { orgApiKey: string; appId: string; appSecret: string }): string {
  return [
    `Sandbox ${created.id}${created.label ? ` (${created.label})` : ''}, ${created.expiresAt ? `until ${created.expiresAt}` : 'no expiry'}:`,
    `  URL          ${created.url}`,
    `  Org-API-Key  ${created.orgApiKey}`,
    `  App ID       ${created.appId}`,
    `  App Secret   ${created.appSecret}`,
    'Shown once: store the Org-API-Key and the App Secret now. Its API is at <URL>/v1/…, its dashboard at <URL>/_dashboard/;',
    `the CLI drives it with --url ${created.url} --key <Org-API-Key>. Delete it with expys-sandbox sandboxes delete ${created.id}.`,
  ].join('\n');
}

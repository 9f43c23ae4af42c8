// What the CLI prints: the start-up banner and the control plane's answers as short tables.
import type { ApiKeyInfo } from './domain/credentials.js';
import type { RunningSandbox } from './sandbox.js';
import type { DeliveryRecord } from './webhooks/deliveries.js';
import type { TestDeliveryResult } from './webhooks/test-deliveries.js';

export function startupBanner(sandbox: RunningSandbox, forwardTo?: string): string {
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
    for (const key of sandbox.createdKeys) lines.push(`  ${key.key}  ${describeKey(key)}`);
  } else {
    lines.push('  keys: created at first start; list them with `expys-sandbox keys`, add one with `expys-sandbox keys create`');
  }
  lines.push(
    '',
    'Try:',
    `  curl -X POST ${sandbox.url}/v1/auth/exchange -H "Authorization: Bearer <key>" -H "Idempotency-Key: $(uuidgen)" \\`,
    `       -H "Content-Type: application/json" -d '{"externalUserID":"user_123"}'`,
    '  expys-sandbox clock advance 16m     # member tokens expire, webhook retries fall due',
    '  expys-sandbox deliveries            # the webhook delivery log',
  );
  if (forwardTo) lines.push(`  webhooks: every delivery goes to ${forwardTo}`);
  lines.push('');
  return lines.join('\n');
}

/** What a key may do. */
const accessOf = (key: Pick<ApiKeyInfo, 'scopes' | 'revokedAt'>) => (key.revokedAt ? 'revoked' : key.scopes === 'all' ? 'full access' : key.scopes.join(', '));

/** Its access and description; a description that already says it ("full access (created at first start)") is printed alone. */
function describeKey(key: Pick<ApiKeyInfo, 'scopes' | 'revokedAt' | 'description'>): string {
  const access = accessOf(key);
  if (!key.description) return access;
  return key.description.includes(access) ? key.description : `${access}  (${key.description})`;
}

export function formatKeys(keys: ApiKeyInfo[]): string {
  return keys
    .map((k) => {
      if (k.revokedAt) return `${k.id}  ${k.hint.padEnd(20)} revoked ${k.revokedAt}  ${k.description}`;
      return `${k.id}  ${k.hint.padEnd(20)} ${k.description.includes(accessOf(k)) ? k.description : `${accessOf(k)}  ${k.description}`}`;
    })
    .join('\n');
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

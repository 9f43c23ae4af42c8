// The server page's "Credentials" section, what a backend developer needs to hold the keys:
// the three server credentials (the Org-API-Key, API keys, an application's App ID and App
// Secret), the scopes with their documented meanings (the ApiKeyScope schema), which operation
// needs which scope (each operation's security requirement), and the rotation recipe (tested
// code, src/recipes/rotate-api-key.ts). Built from the server bundle: the spec's own
// "## Credentials" section is moved here, its scopes table replaced by the derived ones.
import { operationsOf, type OpenApiDocument } from '../../../scripts/bundle/walk.js';
import { deref } from './bundles.js';
import { APP_CREDENTIAL_ENV, CREDENTIAL_ENV } from './clients.js';
import { sectionBody, sectionPattern, sectionTaker, tableRows } from './markdown-sections.js';
import { serverAuthOf } from './server-auth.js';

export const CREDENTIALS_HEADING = '## Credentials';

interface ScopeRow {
  scope: string;
  type: string;
  meaning: string;
}

/**
 * The scopes as the ApiKeyScope schema documents them: its enum, each value with a row of its
 * description's table. The spec's info.description repeats the table; the two must agree.
 */
export function documentedScopes(doc: OpenApiDocument, descriptionTable?: string): ScopeRow[] {
  const schema = deref(doc, doc.components?.schemas?.ApiKeyScope);
  const values: unknown = schema?.enum;
  if (!Array.isArray(values) || values.length === 0) {
    // A bundle without the schema (no operation of it uses ApiKeyScope: a small synthetic spec of
    // the scale bench) still has the description's table.
    const repeated = descriptionTable === undefined ? new Map<string, string[]>() : tableRows(descriptionTable);
    if (repeated.size === 0) throw new Error('credentials page: the bundle has no ApiKeyScope schema with an enum of scopes, and info.description no scopes table');
    return [...repeated].map(([scope, cells]) => ({ scope, type: cells[0] ?? '', meaning: cells[1] ?? '' }));
  }
  const rows = tableRows(String(schema.description ?? ''));
  const scopes = values.map((scope: string) => {
    const cells = rows.get(scope);
    if (!cells || cells.length < 2) throw new Error(`credentials page: the ApiKeyScope description has no row for \`${scope}\` (its meaning)`);
    return { scope, type: cells[0], meaning: cells[1] };
  });
  const extra = [...rows.keys()].filter((scope) => !values.includes(scope));
  if (extra.length > 0) throw new Error(`credentials page: the ApiKeyScope description documents ${extra.join(', ')}, which its enum does not have`);
  if (descriptionTable !== undefined) {
    const repeated = tableRows(descriptionTable);
    const differs = scopes.filter((s) => repeated.get(s.scope)?.join('|') !== `${s.type}|${s.meaning}`).map((s) => s.scope);
    if (differs.length > 0 || repeated.size !== scopes.length) {
      throw new Error(`credentials page: the scopes of info.description and of ApiKeyScope disagree (${differs.join(', ') || 'another scope'}): fix one of them`);
    }
  }
  return scopes;
}

interface OperationRow {
  operationId: string;
  request: string;
  /** The scope an API key needs; undefined for the application's operations (HTTP Basic). */
  scope?: string;
}

/** Every server operation with the credential it takes, in the bundle's order. */
export function operationCredentials(doc: OpenApiDocument): OperationRow[] {
  return operationsOf(doc)
    .filter((e) => e.section === 'paths')
    .map(({ operation, method, key }) => {
      const auth = serverAuthOf(operation);
      return { operationId: String(operation.operationId), request: `${method.toUpperCase()} ${key}`, ...(auth.kind === 'bearer' ? { scope: auth.scope } : {}) };
    });
}

const code = (text: string) => `\`${text}\``;

export function credentialsPage(doc: OpenApiDocument, specCredentials: string, rotationRecipe: string): string {
  const parts = sectionTaker(sectionBody(specCredentials), 'credentials page');
  const specScopes = parts.take('a "### Scopes" section under "## Credentials"', sectionPattern(3, 'Scopes'));
  const rotation = sectionBody(parts.take('a "### Rotation" section under "## Credentials"', sectionPattern(3, 'Rotation')));
  const memberTokens = parts.drop(sectionPattern(3, 'Member tokens'));
  const overview = parts.rest;

  const scopes = documentedScopes(doc, specScopes);
  const operations = operationCredentials(doc);
  const neededBy = (scope: string) => operations.filter((o) => o.scope === scope).map((o) => code(o.operationId));
  const unknown = operations.filter((o) => o.scope && !scopes.some((s) => s.scope === o.scope));
  if (unknown.length > 0) throw new Error(`credentials page: ${unknown.map((o) => `${o.operationId} needs ${o.scope}`).join(', ')}, which ApiKeyScope does not document`);
  const unused = scopes.filter((s) => neededBy(s.scope).length === 0).map((s) => code(s.scope));
  const application = operations.filter((o) => !o.scope);

  return [
    CREDENTIALS_HEADING,
    '',
    'Your backend holds three kinds of credentials, and the app none of them (it holds member tokens only):',
    '',
    '- the **Org-API-Key** (`Authorization: Bearer`), full authority over the org, for what needs all of it;',
    '- **API keys** (`Authorization: Bearer`), each created within an application and restricted to the',
    '  scopes it was created with: give each integration its own key with only the scopes it needs;',
    "- each **application's App ID and App Secret** (HTTP Basic: the App ID as the user name, the App",
    "  Secret as the password), only for the application's own operations: creating, listing and revoking",
    '  its API keys and rotating the App Secret.',
    '',
    overview,
    '',
    '### Scopes',
    '',
    'What an API key may do. Every operation below names the one scope it needs; a key without it gets',
    '`403 insufficient_scope`. The Org-API-Key needs no scope.',
    '',
    '| scope | type | what it allows | needed by |',
    '|---|---|---|---|',
    ...scopes.map((s) => `| ${code(s.scope)} | ${s.type} | ${s.meaning} | ${neededBy(s.scope).join(', ') || '—'} |`),
    '',
    ...(unused.length > 0
      ? [`${unused.join(', ')} name areas of the platform that this reference does not describe yet: a key may carry them, and no operation here needs them.`, '']
      : []),
    '### Which operation needs which scope',
    '',
    `Sent as \`Authorization: Bearer $${CREDENTIAL_ENV.server}\` (the Org-API-Key, or an API key with the scope):`,
    '',
    '| operation | request | an API key needs |',
    '|---|---|---|',
    ...operations.filter((o) => o.scope).map((o) => `| ${code(o.operationId)} | ${code(o.request)} | ${code(o.scope!)} |`),
    '',
    ...(application.length > 0
      ? [
          `The application's own operations take its App ID and App Secret (HTTP Basic, \`curl -u "$${APP_CREDENTIAL_ENV.appId}:$${APP_CREDENTIAL_ENV.appSecret}"\`) and no bearer credential: ${application.map((o) => code(o.operationId)).join(', ')}.`,
          '',
        ]
      : []),
    '### Rotation',
    '',
    rotation,
    '',
    'The same recipe with `@expys/server-client` (code that type-checks against the published client):',
    '',
    '```ts',
    rotationRecipe.trim(),
    '```',
    ...(memberTokens ? ['', memberTokens] : []),
  ].join('\n');
}

// The hover docs of the generated methods, as an editor shows them: the spec's description, the
// credential it takes (the Org-API-Key, or an API key with the scope named; the application's
// credentials for the application operations), and the errors by client class.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ISSUE_22_SERVER_SCOPES } from '../../member-client/test/issue-22.js';
import { operationTable } from '../src/generated/operations.js';

const source = readFileSync(new URL('../src/generated/operations.ts', import.meta.url), 'utf8');

function docOf(method: string): string {
  const match = new RegExp(`/\\*\\*\\n((?:   \\*.*\\n)+)   \\*/\\n  ${method}\\(`).exec(source);
  if (!match) throw new Error(`no JSDoc on ${method}`);
  return match[1].replace(/^   \* ?/gm, '');
}

it('creditPoints names its scope, its idempotency and what it throws', () => {
  const doc = docOf('creditPoints');
  expect(doc).toContain("Adds `amount` points (1–1,000,000) to a member's balance");
  expect(doc).toContain('`POST /v1/points/credit` · Server mode (backend only): orgApiKey or apiKey with scope `points_write`.');
  expect(doc).toContain('Idempotent: sends an Idempotency-Key');
  expect(doc).toMatch(/@throws \{PermissionError\} 403: /);
  expect(doc).toMatch(/@throws \{ConflictError\} 409: /);
});

it('an application operation says it takes the App ID and App Secret (HTTP Basic)', () => {
  expect(docOf('createApiKey')).toContain('`POST /v1/app/keys` · Server mode (backend only): appCredentials (HTTP Basic: the App ID and the App Secret).');
  expect(docOf('getMember')).toContain('apiKey with scope `member_read`');
});

it('every method has a description and at least one @throws', () => {
  const methods = [...source.matchAll(/^  (\w+)\(/gm)].map((m) => m[1]);
  expect(methods.length).toBeGreaterThan(10);
  for (const method of methods) {
    const doc = docOf(method);
    expect(doc.split('\n').filter((l) => l && !l.startsWith('@') && !l.startsWith('`')).length, method).toBeGreaterThan(2);
    expect(doc, method).toMatch(/@throws \{\w+Error\} \d{3}: /);
  }
});

// Issue 22's server methods: each names the scope the documentation gives its area, as read from
// the spec's security (the full description, so a scope moved in the bundle only still fails).

const fullDoc = JSON.parse(readFileSync(new URL('../../openapi/dist/expys.full.json', import.meta.url), 'utf8'));
const specOperation = (operationId: string) =>
  Object.values<Record<string, any>>(fullDoc.paths)
    .flatMap((item) => Object.values<any>(item))
    .find((op) => op?.operationId === operationId);

it.each(Object.entries(ISSUE_22_SERVER_SCOPES))('%s: server mode, the Org-API-Key or an API key with `%s`', (operationId, scope) => {
  const meta = operationTable[operationId as keyof typeof operationTable];
  expect(specOperation(operationId).security).toEqual([{ orgApiKey: [] }, { apiKey: [scope] }]);
  const doc = docOf(operationId);
  expect(doc).toContain(`\`${meta.method} ${meta.path}\` · Server mode (backend only): orgApiKey or apiKey with scope \`${scope}\`.`);
  expect(doc.includes('Idempotent: sends an Idempotency-Key')).toBe(meta.idempotent);
  expect(doc.includes('Paginated: `await` it for the first page')).toBe(meta.paginated);
  expect(doc).toMatch(/@throws \{PermissionError\} 403: /);
});

it('every bearer method names each scope its security requirement takes', () => {
  for (const [operationId, meta] of Object.entries(operationTable)) {
    const scopes = (specOperation(operationId).security as Record<string, string[]>[]).flatMap((requirement) => Object.values(requirement).flat());
    if ('auth' in meta) continue;
    expect(scopes.length, operationId).toBe(1);
    expect(docOf(operationId), operationId).toContain(`apiKey with scope \`${scopes[0]}\``);
  }
});

// The hover docs of the generated methods, as an editor shows them: the spec's description, the
// credential it takes (the Org-API-Key, or an API key with the scope named; the application's
// credentials for the application operations), and the errors by client class.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

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

// The member client's generated code (its JSDoc comes from the member bundle's texts) names none
// of the backend's credentials besides the Org-API-Key: no API key (`test_sk_`, `prod_sk_`,
// "API key"), no App Secret (`secret_`, "App Secret"), no App ID, no scope. The names are the
// audience audit's (scripts/bundle/audit.ts), from the spec. The hand-written guard
// (src/member-token.ts) names them on purpose, to refuse them: it is not generated, not read here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { backendCredentialNames } from '../../../scripts/bundle/audit.js';

const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const full = JSON.parse(readFileSync(path.join(PACKAGE, '../openapi/dist/expys.full.json'), 'utf8'));
const names = backendCredentialNames(full);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

/** The generated sources and what the build made of them (ESM and CommonJS, code and declarations). */
const GENERATED = ['src/generated', 'dist/generated', 'dist/cjs/generated'].flatMap((dir) => filesUnder(path.join(PACKAGE, dir)));

const namesIn = (text: string) => names.filter(({ pattern }) => pattern.test(text)).map(({ name }) => name);

describe('the generated member client', () => {
  it('has generated files to read, operations and schema, in the sources and both builds', () => {
    for (const dir of ['src/generated', 'dist/generated', 'dist/cjs/generated']) {
      const here = GENERATED.filter((f) => f.startsWith(path.join(PACKAGE, dir) + path.sep)).map((f) => path.basename(f));
      expect(here, dir).toEqual(expect.arrayContaining([expect.stringMatching(/^operations\./), expect.stringMatching(/^schema\./)]));
    }
    // Its JSDoc carries the bundle's texts about credentials (so the scan reads what could leak).
    expect(readFileSync(path.join(PACKAGE, 'src/generated/schema.ts'), 'utf8')).toContain('org_api_key_not_allowed');
  });

  it.each(GENERATED.map((f) => [path.relative(PACKAGE, f), f]))('%s names no API key, App Secret, App ID or scope', (_, file) => {
    expect(namesIn(readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('would catch each of them, in a comment as in code', () => {
    const planted = [
      '/** Send the API key. */',
      '// the App Secret',
      ' * @throws when the App ID is wrong',
      'const k = "test_sk_abc";',
      'const k = "prod_sk_abc";',
      "const s = 'secret_abc';",
      '/** needs `member_read` */',
      'scope: "points_write"',
    ];
    expect(planted.map(namesIn)).toEqual([['API key'], ['App Secret'], ['App ID'], ['test_sk_'], ['prod_sk_'], ['secret_'], ['member_read'], ['points_write']]);
    // Problem codes and the Org-API-Key are not the backend's other credentials.
    expect(namesIn('"api_key_not_allowed" | "app_secret_not_allowed" | "org_api_key_not_allowed"; an Org-API-Key')).toEqual([]);
  });
});

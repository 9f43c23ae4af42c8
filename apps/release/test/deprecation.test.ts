// Deprecation, from the spec to every consumer: an operation or field marked `deprecated` shows
// as @deprecated in the generated client (editors strike it through), as "Deprecated" in the
// docs, and removing it later is reported as breaking.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../scripts/testing/chromium.js';
import { REPO } from '../src/audiences.js';
import { diffSpec } from '../src/spec-diff.js';
import { audienceOf, fullBundle, operation, split } from './support/fixtures.js';

let work: string;
let generated: { operations: string; schema: string };
let docsHtml: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'expys-deprecation-'));
  const full = fullBundle();
  const concierge = operation(full, 'concierge');
  concierge.deprecated = true;
  concierge['x-expys-deprecation'] = 'Use listOffers with a category instead.';
  full.components.schemas.Offer.properties.imageUrl.deprecated = true;
  const bundle = path.join(work, 'expys.member.json');
  writeFileSync(bundle, JSON.stringify(audienceOf(full, 'member')));

  const tsx = path.join(REPO, 'scripts/node_modules/.bin/tsx');
  execFileSync(tsx, [path.join(REPO, 'scripts/generate/client.ts'), '--audience', 'member', '--out', path.join(work, 'generated'), '--bundle', bundle], { cwd: path.join(REPO, 'packages/member-client'), stdio: 'pipe' });
  generated = { operations: readFileSync(path.join(work, 'generated/operations.ts'), 'utf8'), schema: readFileSync(path.join(work, 'generated/schema.ts'), 'utf8') };

  const redocly = path.join(REPO, 'scripts/node_modules/.bin/redocly');
  execFileSync(redocly, ['build-docs', bundle, '-o', path.join(work, 'docs.html'), '--inlineBundle'], { stdio: 'pipe', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } });
  docsHtml = readFileSync(path.join(work, 'docs.html'), 'utf8');
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a deprecated operation and field', () => {
  it('are @deprecated in the generated client, with the note from the spec', () => {
    const doc = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*concierge\(/.exec(generated.operations)?.[1] ?? '';
    expect(doc).toContain('@deprecated Use listOffers with a category instead.');
    // The tag comes last: the method's other notes are not swallowed into it.
    expect(doc.trim().split('\n').pop()).toContain('@deprecated');
    const other = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*listOffers\(/.exec(generated.operations)?.[1] ?? '';
    expect(other).not.toContain('@deprecated');
    expect(generated.schema).toMatch(/@deprecated[\s\S]{0,300}imageUrl/);
  });

  it('are marked in the docs, as rendered in a browser', async () => {
    // The page embeds the spec; Redoc renders the badge in the browser, so look there.
    expect(docsHtml).toContain('"deprecated":true');
    const browser = await launchChromium({ name: 'deprecation' });
    try {
      // Redoc renders in the browser; the concierge operation carries the badge, and a page
      // built from the same bundle without the deprecation has none.
      const page = await browser.context.newPage();
      await page.goto(`${pathToFileURL(path.join(work, 'docs.html')).href}#/concierge`);
      await page.getByText('Ask the concierge').first().waitFor();
      const text = await page.locator('body').innerText();
      expect(text).toMatch(/\/v1\/concierge\s+Deprecated\s+Ask the concierge/);
      expect(text.match(/Deprecated/g)).toHaveLength(2);
    } finally {
      await browser.close();
    }
  });

  it('removing them later is breaking for the member client', () => {
    const deprecated = fullBundle();
    operation(deprecated, 'concierge').deprecated = true;
    const removed = structuredClone(deprecated);
    delete removed.paths['/v1/concierge'];
    const changes = diffSpec(split(deprecated), split(removed));
    expect(changes.filter((c) => c.severity === 'breaking').map((c) => [c.audience, c.package, c.operationId])).toContainEqual(['member', '@expys/member-client', 'concierge']);
  });
});

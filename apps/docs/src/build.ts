// Builds the static docs into dist/: member.html and server.html (Redocly build-docs, Redoc
// inlined so the pages work offline) from docs-only copies of the audience bundles, and the
// landing page. Fail-closed like the bundler: if a page names the other side, dist/ is removed.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { auditDocsCopy, leaksIn } from './boundary.js';
import { AUDIENCES, loadBundle, type Audience } from './bundles.js';
import { sampleLanguages } from './code-samples.js';
import { PAGE_TITLES, docsCopy } from './docs-copy.js';
import { landingPage } from './landing.js';
import { offlinePage } from './offline.js';
import { BUILD, DIST, PAGES, docsCopyFile } from './paths.js';

const require = createRequire(import.meta.url);
const REDOCLY_BIN = path.join(path.dirname(require.resolve('@redocly/cli/package.json')), 'bin/cli.js');

function redoclyBuildDocs(audience: Audience): Promise<void> {
  const title = PAGE_TITLES[audience];
  const redocOptions = { codeSamples: { languages: sampleLanguages(audience) } };
  const args = [REDOCLY_BIN, 'build-docs', docsCopyFile(audience), '--output', path.join(DIST, PAGES[audience])];
  args.push('--title', title, '--inlineBundle', '--openapi', JSON.stringify(redocOptions));
  return new Promise((resolve, reject) => {
    // stderr is kept quiet (Redocly prints a Node 20 banner there) and shown only on failure.
    const child = spawn(process.execPath, args, {
      cwd: BUILD,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`redocly build-docs ${title} failed:\n${stderr}`))));
  });
}

function fail(message: string): never {
  rmSync(DIST, { recursive: true, force: true });
  console.error(`\n✖ ${message}\n  The docs were not written.`);
  process.exit(1);
}

async function main(): Promise<void> {
  const started = performance.now();
  rmSync(DIST, { recursive: true, force: true });
  rmSync(BUILD, { recursive: true, force: true });
  mkdirSync(DIST, { recursive: true });
  mkdirSync(BUILD, { recursive: true });

  const full = loadBundle('full');
  const bundles = { member: loadBundle('member'), server: loadBundle('server') };

  const problems: string[] = [];
  for (const audience of AUDIENCES) {
    const copy = docsCopy(bundles[audience], audience);
    problems.push(...auditDocsCopy(copy, audience, full).map((p) => `${audience} docs copy ${p}`));
    writeFileSync(docsCopyFile(audience), `${JSON.stringify(copy, null, 2)}\n`);
  }
  if (problems.length > 0) fail(`The docs copies cross the audience boundary:\n  ${problems.join('\n  ')}`);

  // Both pages at once: each Redocly run is single-threaded and takes under a second.
  await Promise.all(AUDIENCES.map(redoclyBuildDocs));

  for (const audience of AUDIENCES) {
    const file = path.join(DIST, PAGES[audience]);
    const html = offlinePage(readFileSync(file, 'utf8'));
    writeFileSync(file, html);
    const leaks = leaksIn(html, audience, full);
    if (leaks.length > 0) fail(`${PAGES[audience]} names ${leaks.join(', ')}, which belong to the other side.`);
    // Offline: no stylesheet, script or font fetched from elsewhere.
    const external = html.match(/<(?:script|link)\b[^>]*\b(?:src|href)=["']?(?:https?:)?\/\/[^"'\s>]+/gi);
    if (external) fail(`${PAGES[audience]} loads external resources: ${external.join(', ')}`);
  }

  writeFileSync(path.join(DIST, 'index.html'), landingPage({ ...bundles, pages: PAGES }));

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const sizes = ['index.html', ...AUDIENCES.map((a) => PAGES[a])]
    .map((file) => `${file} ${(statSync(path.join(DIST, file)).size / 1024).toFixed(0)} KiB`)
    .join(', ');
  console.log(`✔ docs → ${path.relative(process.cwd(), DIST) || '.'}/ in ${seconds} s: ${sizes}`);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));

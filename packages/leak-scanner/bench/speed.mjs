// How fast expys-leak-scan reads an app build: a generated 50 MB folder of realistic content
// (real minified JS from TypeScript's compiler, its source map with sourcesContent, JSON, HTML,
// CSS, a few planted credentials), scanned by the built CLI 3 times; prints the median in MB/s.
// Run `npm run build` first. Usage: npm run bench [-- --mb 50]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mintCredential } from '@expys/credentials';
import { transform } from 'esbuild';

const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { mb: { type: 'string', default: '50' }, runs: { type: 'string', default: '3' } } });
const TARGET = Number(values.mb) * 1024 * 1024;

const dir = mkdtempSync(path.join(tmpdir(), 'expys-leak-bench-'));
try {
  // One real minified bundle with its source map (sourcesContent included), from a 9 MB library.
  const source = readFileSync(createRequire(import.meta.url).resolve('typescript/lib/typescript.js'), 'utf8');
  const { code, map } = await transform(source, { minify: true, sourcemap: 'external', sourcefile: 'node_modules/typescript/lib/typescript.js', loader: 'js' });
  const json = JSON.stringify({ data: Array.from({ length: 20_000 }, (_, i) => ({ id: `off_${i}`, title: `Offer ${i}`, points: i * 10, path: '/v1/offers' })) });
  const css = Array.from({ length: 20_000 }, (_, i) => `.c${i}{color:#${(i * 2654435761 % 0xffffff).toString(16).padStart(6, '0')};margin:${i % 13}px}`).join('');
  const html = `<!doctype html><html><body>${'<div class="card"><p>Loyalty offer</p></div>'.repeat(20_000)}</body></html>`;
  let bytes = 0;
  let n = 0;
  const write = (name, text) => {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
    bytes += Buffer.byteLength(text);
  };
  while (bytes < TARGET) {
    // Each copy differs a little (a banner), as chunks of one build do.
    write(`assets/chunk-${n}.js`, `/* chunk ${n} */${code}`);
    if (bytes < TARGET) write(`assets/chunk-${n}.js.map`, map);
    if (bytes < TARGET) write(`data/offers-${n}.json`, json);
    if (bytes < TARGET) write(`assets/style-${n}.css`, css);
    if (bytes < TARGET) write(`page-${n}.html`, html);
    n++;
  }
  // Something to find: one real key, one look-alike, one server name.
  write('assets/config.js', `export default{k:"${mintCredential('org-api-key', 'production')}",t:"expys_test_${'x'.repeat(32)}",op:"creditPoints"};`);

  const runs = [];
  for (let i = 0; i < Number(values.runs); i++) {
    const started = process.hrtime.bigint();
    let output = '';
    try {
      output = execFileSync(process.execPath, [path.join(PACKAGE, 'dist/cli.js'), '--json', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      output = error.stdout; // exit 1: the planted key was found, as it should be
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const report = JSON.parse(output);
    runs.push({ seconds, mb: report.bytes / 1024 / 1024, files: report.files, findings: report.findings.length });
  }
  runs.sort((a, b) => a.seconds - b.seconds);
  const median = runs[Math.floor(runs.length / 2)];
  console.log(`${median.mb.toFixed(1)} MB in ${median.files} files, ${median.findings} findings: median ${median.seconds.toFixed(2)} s of ${runs.length} runs, ${(median.mb / median.seconds).toFixed(0)} MB/s (process start included)`);
  console.log(`runs: ${runs.map((r) => `${r.seconds.toFixed(2)} s`).join(', ')}; Node ${process.version}`);
  // For the repository's `npm run bench` (scripts/bench), which collects every figure.
  mkdirSync(path.join(PACKAGE, 'artifacts'), { recursive: true });
  const figures = { mb: +median.mb.toFixed(1), files: median.files, seconds: +median.seconds.toFixed(3), mbPerSecond: Math.round(median.mb / median.seconds), runs: runs.length };
  writeFileSync(path.join(PACKAGE, 'artifacts/speed.json'), `${JSON.stringify(figures, null, 2)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// What the example app ships: its production build (`vite build`, what `npm run build` made),
// JavaScript and CSS, minified and gzipped, and what the leak scanner finds in it.
// Usage: npm run build, then npm run bench:size (writes artifacts/size.json for `npm run bench`).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { APP_ROOT, DIST, requireBuild } from '../test/support/paths.js';

requireBuild();
const assets = readdirSync(path.join(DIST, 'assets'));
const sum = (ext: string) => {
  const files = assets.filter((file) => file.endsWith(ext)).map((file) => readFileSync(path.join(DIST, 'assets', file)));
  return { min: files.reduce((n, f) => n + f.length, 0), gzip: files.reduce((n, f) => n + gzipSync(f, { level: 9 }).length, 0) };
};
const js = sum('.js');
const css = sum('.css');

const cli = path.join(path.dirname(createRequire(import.meta.url).resolve('@expys/leak-scanner/package.json')), 'dist/cli.js');
const scan = spawnSync(process.execPath, [cli, '--json', DIST], { encoding: 'utf8' });
const report = JSON.parse(scan.stdout) as { findings: unknown[]; files: number; bytes: number };

const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
console.log(`example app production build: JS ${kB(js.min)} min, ${kB(js.gzip)} min+gzip; CSS ${kB(css.gzip)} gzip`);
console.log(`expys-leak-scan on dist/: ${report.findings.length} findings in ${report.files} files (${kB(report.bytes)})`);
mkdirSync(path.join(APP_ROOT, 'artifacts'), { recursive: true });
writeFileSync(path.join(APP_ROOT, 'artifacts/size.json'), `${JSON.stringify({ js, css, scan: { findings: report.findings.length, files: report.files, bytes: report.bytes } }, null, 2)}\n`);

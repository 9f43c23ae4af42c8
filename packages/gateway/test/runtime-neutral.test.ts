// What makes @expys/gateway a core for every host: its built files (ESM and CommonJS) import no
// Node built-in, no framework and no MSW, only web-standard globals and a few pure packages; and
// they name no server operation (the core reads routes from the bundle it is given), so an app's
// test bundle that carries it (through @expys/msw-handlers/member) names none either.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foreignNames } from '../../../scripts/bundle/audit.js';

const DIST = path.join(import.meta.dirname, '..', 'dist');
const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
const built = files(DIST).filter((f) => /\.(js|d\.ts)$/.test(f));
const specifiers = (text: string) => [...text.matchAll(/(?:\bfrom\s*|\bimport\(\s*|\brequire\(\s*)["']([^"']+)["']/g)].map((m) => m[1]);
const ALLOWED = new Set(['@expys/credentials', 'ajv', 'ajv/dist/2020.js', 'ajv-formats', 'negotiator']);

describe('the built @expys/gateway', () => {
  it('has ESM and CommonJS builds', () => {
    expect(built.map((f) => path.relative(DIST, f))).toEqual(expect.arrayContaining(['index.js', 'boundary.js', 'fetch.js', 'cjs/index.js', 'cjs/boundary.js']));
  });

  it('imports no node: module, no Node built-in, no fastify and no msw: relative files and pure packages only', () => {
    const outside = new Set<string>();
    for (const file of built) for (const specifier of specifiers(readFileSync(file, 'utf8'))) if (!specifier.startsWith('.')) outside.add(specifier);
    const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    expect([...outside].filter((s) => s.startsWith('node:') || nodeBuiltins.has(s) || /fastify|msw/.test(s))).toEqual([]);
    expect([...outside].filter((s) => !ALLOWED.has(s))).toEqual([]);
  });

  it('and neither do the packages it imports (they are what a browser or worker bundle gets)', () => {
    const require = createRequire(path.join(DIST, 'index.js'));
    for (const name of ['negotiator', 'ajv-formats']) {
      const entry = require.resolve(name);
      const text = readFileSync(entry, 'utf8');
      expect(specifiers(text).filter((s) => s.startsWith('node:') || ['fs', 'http', 'net', 'crypto'].includes(s)), name).toEqual([]);
    }
  });

  it('names no server operation, server-only path or server scheme: an app bundle that carries it names none either', () => {
    const full = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@expys/openapi/full.json'), 'utf8'));
    const { operationIds, paths } = foreignNames(full, 'member');
    // The server schemes too: routes read schemes by their definitions (HTTP Basic, listed scopes), not their names.
    const names = [...operationIds, ...paths, ...Object.keys(full.components.securitySchemes).filter((name) => name !== 'memberToken')];
    expect(names).toEqual(expect.arrayContaining(['exchangeToken', '/v1/points/credit', 'createApiKey', '/v1/app/keys', 'orgApiKey', 'apiKey', 'appCredentials']));
    const text = built.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(names.filter((name) => new RegExp(`(?<![A-Za-z0-9_])${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![A-Za-z0-9_])`).test(text))).toEqual([]);
  });
});

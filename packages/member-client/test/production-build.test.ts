// Production builds drop the long messages (issue 23): an app bundled with NODE_ENV=production
// ships short codes, whose full texts are in client-core's README table and in development
// builds. The table lists exactly the codes the sources use.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { SANDBOX_ORG_KEY } from './support.js';

const PACKAGE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORE = path.join(PACKAGE, '../client-core');

const APP = `
  import { initialize } from "@expys/member-client";
  const expys = initialize({ environment: "sandbox", token: async () => (await fetch("/api/token").then((r) => r.json())).token });
  console.log(await expys.getWallet());`;

async function bundle(nodeEnv: 'production' | 'development'): Promise<string> {
  const result = await build({
    stdin: { contents: APP, resolveDir: PACKAGE, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    define: { 'process.env.NODE_ENV': JSON.stringify(nodeEnv) },
    alias: { '@expys/member-client': path.join(PACKAGE, 'dist/index.js') },
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

const codesIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...readFileSync(path.join(dir, f), 'utf8').matchAll(/short\('(E\d\d)'\)/g)].map((m) => m[1]));

// Long texts of each kind of message: a guard's, an option's, a member token's.
const LONG = ['Nothing was sent', 'must never ship in an app', 'carries a credential', 'maxResponseBytes (', 'must be a non-empty string'];

describe('the one-method app', () => {
  it('in production: no long message, no NODE_ENV check left, the short form instead', async () => {
    const text = await bundle('production');
    for (const long of LONG) expect(text, long).not.toContain(long);
    expect(text).not.toContain('process.env');
    expect(text).toContain('see "Error codes" in @expys/client-core');
  });

  it('in production: runs, its errors keep their class names and reasons, their messages a code', async () => {
    const result = await build({
      stdin: { contents: 'export * from "@expys/member-client";', resolveDir: PACKAGE, loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      write: false,
      define: { 'process.env.NODE_ENV': '"production"' },
      alias: { '@expys/member-client': path.join(PACKAGE, 'dist/index.js') },
      logLevel: 'silent',
    });
    const bundled = (await import(`data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`)) as typeof import('../src/index.js');
    const refusal = (() => {
      try {
        bundled.initialize({ environment: 'sandbox', token: SANDBOX_ORG_KEY });
      } catch (error) {
        return error as InstanceType<typeof bundled.CredentialError>;
      }
    })();
    expect(refusal).toBeInstanceOf(bundled.CredentialError);
    expect(refusal).toMatchObject({ name: 'CredentialError', reason: 'wrong_credential', message: expect.stringMatching(/^Expys E21: see "Error codes"/) });
    expect(new bundled.NotFoundError('x').name).toBe('NotFoundError');
  });

  it('in development: the full messages', async () => {
    const text = await bundle('development');
    for (const long of LONG) expect(text, long).toContain(long);
  });
});

describe('the error codes', () => {
  const used = [...codesIn(path.join(CORE, 'src')), ...codesIn(path.join(PACKAGE, 'src'))];
  const readme = readFileSync(path.join(CORE, 'README.md'), 'utf8');
  const table = [...readme.matchAll(/^\| (E\d\d) \|/gm)].map((m) => m[1]);

  it('are listed in client-core\'s README, each once, and the table lists no other', () => {
    expect(used.length).toBeGreaterThan(15);
    expect([...new Set(table)]).toEqual(table);
    expect([...new Set(used)].sort()).toEqual([...table].sort());
  });
});

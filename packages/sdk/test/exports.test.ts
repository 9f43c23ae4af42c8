// @expys/sdk is @expys/server-client under the documentation's name: every runtime export is
// the server client's own (one class identity for `instanceof`), but `initialize`, which adds the
// browser refusal. The browser module names the same exports, so a browser bundle links and
// fails with the refusal at load time, not with "no export named …" at build time.
import { build } from 'esbuild';
import path from 'node:path';
import * as serverClient from '@expys/server-client';
import { expect, it } from 'vitest';
import * as sdk from '../src/index.js';
import { PACKAGE_DIR } from './support.js';

it('re-exports every runtime export of @expys/server-client, the same objects, with its own initialize', () => {
  const [mine, theirs] = [sdk as Record<string, unknown>, serverClient as Record<string, unknown>];
  expect(Object.keys(mine).sort()).toEqual(Object.keys(theirs).sort());
  for (const name of Object.keys(theirs).filter((n) => n !== 'initialize')) expect(mine[name], name).toBe(theirs[name]);
  expect(sdk.initialize).not.toBe(serverClient.initialize);
});

it('the browser module (built) declares the same export names', async () => {
  const result = await build({ entryPoints: [path.join(PACKAGE_DIR, 'dist/browser.js')], bundle: true, format: 'esm', write: false, metafile: true, outdir: 'out', logLevel: 'silent' });
  const [output] = Object.values(result.metafile!.outputs);
  expect([...output.exports].sort()).toEqual(Object.keys(serverClient).sort());
});

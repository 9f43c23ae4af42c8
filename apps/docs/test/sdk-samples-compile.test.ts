// The SDK samples are real code: every one, as the docs show it, type-checks (TypeScript strict)
// against the published types of @expys/member-client and @expys/server-client. A renamed
// method, a wrong argument order or a body the client would not accept fails here.
// Needs the clients built (turbo builds them first: they are devDependencies).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { operationsOf } from '../../../scripts/bundle/walk.js';
import { AUDIENCES, loadBundle } from '../src/bundles.js';
import { CLIENT_PACKAGE } from '../src/clients.js';
import { docsCopy, ROTATION_RECIPE_SOURCE } from '../src/docs-copy.js';
import { APP_ROOT } from '../src/paths.js';
import { webhookHandlerSample } from '../src/webhook-samples.js';

// Inside the package, so that the client packages resolve from its node_modules.
const WORK = path.join(APP_ROOT, 'node_modules', '.cache', 'sdk-samples');
const require = createRequire(import.meta.url);
const TSC = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    types: ['node'],
    skipLibCheck: true,
    // A sample declares `result` and leaves it unused, as a reader would.
    noUnusedLocals: false,
  },
  include: ['**/*.ts'],
};

// What the samples assume the reader has: the member token, and an express app for webhooks.
const AMBIENT = `declare const memberToken: string;
declare module "express" {
  interface Request { body: Buffer; headers: import("node:http").IncomingHttpHeaders; get(name: string): string | undefined }
  interface Response { sendStatus(code: number): Response }
  type Handler = (req: Request, res: Response) => unknown;
  interface App { post(path: string, middleware: unknown, handler: Handler): void }
  interface Express { (): App; raw(options: { type: string }): unknown }
  const express: Express;
  export default express;
}
`;

describe('SDK samples', () => {
  it('type-check against the built clients', () => {
    for (const audience of AUDIENCES) {
      const types = path.join(APP_ROOT, 'node_modules', CLIENT_PACKAGE[audience], 'dist', 'index.d.ts');
      if (!existsSync(types)) throw new Error(`${CLIENT_PACKAGE[audience]} is not built (${types}): build it first (turbo does)`);
    }
    rmSync(WORK, { recursive: true, force: true });
    mkdirSync(WORK, { recursive: true });
    writeFileSync(path.join(WORK, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
    writeFileSync(path.join(WORK, 'ambient.d.ts'), AMBIENT);

    let count = 0;
    for (const audience of AUDIENCES) {
      const copy = docsCopy(loadBundle(audience), audience);
      for (const { operation, section } of operationsOf(copy)) {
        if (section !== 'paths') continue;
        const sdk = operation['x-codeSamples'].find((s: { label: string }) => s.label === CLIENT_PACKAGE[audience]);
        // Each sample is its own module, as a reader would paste it.
        writeFileSync(path.join(WORK, `${audience}-${operation.operationId}.ts`), sdk.source);
        count++;
      }
    }
    const events = operationsOf(loadBundle('server')).filter((e) => e.section === 'webhooks').map((e) => e.key);
    writeFileSync(path.join(WORK, 'webhook-handler.ts'), webhookHandlerSample(events, 'expys_test_'));
    // The key rotation recipe of the server page's Credentials section, as the page shows it.
    writeFileSync(path.join(WORK, 'rotate-api-key.ts'), ROTATION_RECIPE_SOURCE);

    const run = spawnSync(process.execPath, [TSC, '-p', WORK], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(count).toBe(operationsOf(loadBundle('full')).filter((e) => e.section === 'paths').length);
  });
});

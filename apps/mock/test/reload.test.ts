// The dev loop's reload: a new bundle is served on the same port, without a restart, and a
// broken one is refused while the old one keeps serving.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultBundleFile, SAMPLE_CREDENTIALS, startMock, type RunningMock } from '../src/index.js';

let dir: string;
let mock: RunningMock;
const bundleFile = () => path.join(dir, 'full.json');
const original = JSON.parse(readFileSync(defaultBundleFile(), 'utf8'));

const wallet = async () => {
  const response = await fetch(`${mock.url}/v1/wallet`, { headers: { authorization: `Bearer ${SAMPLE_CREDENTIALS.memberToken}` } });
  return { status: response.status, body: (await response.json()) as { balance?: number } };
};

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'expys-mock-reload-'));
  writeFileSync(bundleFile(), JSON.stringify(original));
  mock = await startMock({ port: 0, specFile: bundleFile() });
});
afterAll(async () => {
  await mock?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('reload', () => {
  it('serves the edited example on the same port (the same keep-alive client)', async () => {
    expect((await wallet()).body.balance).toBe(1200);
    const edited = structuredClone(original);
    // Prism serves the schema's first example (then the response's named ones): edit both.
    edited.components.schemas.Wallet.examples[0].balance = 4321;
    edited.paths['/v1/wallet'].get.responses['200'].content['application/json'].examples.wallet.value.balance = 4321;
    writeFileSync(bundleFile(), JSON.stringify(edited));
    const { routes } = await mock.reload();
    expect(routes).toBe(mock.routes.length);
    expect(await wallet()).toEqual({ status: 200, body: expect.objectContaining({ balance: 4321 }) });
  });

  it('serves a new operation after a reload, and drops a removed one', async () => {
    const edited = structuredClone(original);
    delete edited.paths['/v1/wallet'];
    writeFileSync(bundleFile(), JSON.stringify(edited));
    const before = mock.routes.length;
    await mock.reload();
    expect(mock.routes.length).toBe(before - 1);
    expect((await wallet()).status).toBe(404);
    writeFileSync(bundleFile(), JSON.stringify(original));
    await mock.reload();
    expect((await wallet()).body.balance).toBe(1200);
  });

  it('a bundle that cannot load is refused, and the last good one keeps serving', async () => {
    writeFileSync(bundleFile(), '{ "openapi": "3.1.0", "paths": ');
    await expect(mock.reload()).rejects.toThrow();
    expect((await wallet()).body.balance).toBe(1200);
  });
});

// A sandbox whose data was written before credentials carried a checksum refuses to start, and
// says what to do: its keys would all be refused by the gateway ("mistyped or made up").
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_KEY_FILE, startSandbox } from '../src/index.js';
import { sha256 } from '../src/domain/ids.js';

let folder: string;
afterEach(() => rmSync(folder, { recursive: true, force: true }));

async function startedOnce(sampleKeys: boolean) {
  folder = mkdtempSync(path.join(tmpdir(), 'expys-sandbox-legacy-'));
  const dataDir = path.join(folder, 'data');
  const sandbox = await startSandbox({ database: { kind: 'pglite', dataDir }, sampleKeys, port: 0 });
  return { dataDir, sandbox };
}

describe('data from before credential checksums', () => {
  it('an admin key without a valid checksum: refused at start, naming the folder to delete', async () => {
    const { dataDir, sandbox } = await startedOnce(false);
    await sandbox.stop();
    writeFileSync(path.join(dataDir, ADMIN_KEY_FILE), 'expys_test_SandboxFullAccessKey000000000000\n');
    await expect(startSandbox({ database: { kind: 'pglite', dataDir }, port: 0 })).rejects.toThrow(new RegExp(`before Expys credentials carried a checksum.*delete ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('the old sample keys in the database: refused at start', async () => {
    const { dataDir, sandbox } = await startedOnce(true);
    await sandbox.context.db.query("UPDATE org_api_keys SET secret_hash = $1 WHERE description = 'sample: full access'", [sha256('expys_test_SandboxFullAccessKey000000000000')]);
    await sandbox.stop();
    await expect(startSandbox({ database: { kind: 'pglite', dataDir }, port: 0 })).rejects.toThrow(/before Expys credentials carried a checksum/);
  });

  it('data written today starts again', async () => {
    const { dataDir, sandbox } = await startedOnce(true);
    await sandbox.stop();
    const again = await startSandbox({ database: { kind: 'pglite', dataDir }, port: 0 });
    await again.stop();
  });
});

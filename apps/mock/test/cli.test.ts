// The expys-mock command: lints and bundles before serving, refuses a broken spec with the lint
// errors, prints what a developer needs, serves from one process and stops cleanly.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { SAMPLE_CREDENTIALS as C } from '@expys/gateway';
import { PACKAGE_ROOT } from '../src/paths.js';
import { call } from './support/http.js';
import { prismProcessesMentioning, waitUntil } from './support/processes.js';
import { copySpec, type SpecCopy } from './support/spec-copy.js';

const CLI = ['--import', 'tsx', 'src/cli.ts'];

interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  url: string;
  exited: Promise<number | null>;
}

/** Starts the CLI on a free port and waits for its banner. */
async function startCli(spec: SpecCopy, extra: string[] = []): Promise<RunningCli> {
  const child = spawn(process.execPath, [...CLI, '--port', '0', '--spec-config', spec.config, ...extra], { cwd: PACKAGE_ROOT });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = await waitUntil(() => output.includes('Ready in') || child.exitCode !== null, 45_000);
  if (!ready || !output.includes('Ready in')) throw new Error(`the CLI did not start:\n${output}`);
  return {
    child,
    output: () => output,
    url: /is running: (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1],
    exited,
  };
}

describe('with a broken spec', () => {
  let spec: SpecCopy;
  let result: ReturnType<typeof spawnSync>;
  beforeAll(() => {
    // getOffer gets a misspelt mode: lint names the file and line.
    spec = copySpec((dir) => {
      const file = path.join(dir, 'spec/paths/offers.yaml');
      const offers = parse(readFileSync(file, 'utf8'));
      Object.values<any>(offers).find((item) => item.get?.operationId === 'getOffer').get['x-expys-mode'] = 'Member';
      writeFileSync(file, stringify(offers));
    });
    result = spawnSync(process.execPath, [...CLI, '--port', '0', '--spec-config', spec.config], {
      cwd: PACKAGE_ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
  });
  afterAll(() => rmSync(spec.dir, { recursive: true, force: true }));

  it('exits non-zero, printing the lint error with file:line', () => {
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status).toBe(1);
    expect(output).toMatch(/spec\/paths\/offers\.yaml:\d+:\d+/);
    expect(output).toContain('expys/operation-mode');
    expect(output).toContain('the mock was not started');
    expect(output).not.toContain('is running');
  });

  it('serves nothing: no bundle was written and no Prism was started', () => {
    expect(existsSync(path.join(spec.dir, 'dist/expys.full.json'))).toBe(false);
    expect(prismProcessesMentioning(spec.dir)).toEqual([]);
  });
});

describe('with a good spec', () => {
  let spec: SpecCopy;
  beforeAll(() => {
    spec = copySpec();
  });
  afterAll(() => rmSync(spec.dir, { recursive: true, force: true }));

  it('prints the URL, both kinds of sample credential with curl, and how to go dynamic; Ctrl-C stops it', async () => {
    const cli = await startCli(spec);
    try {
      const banner = cli.output();
      expect(banner).toContain(`${C.memberToken}`);
      expect(banner).toContain(`curl -H "Authorization: Bearer ${C.memberToken}" ${cli.url}/v1/`);
      expect(banner).toContain(`curl -H "Authorization: Bearer ${C.fullAccessKey}" ${cli.url}/v1/`);
      expect(banner).toContain('--dynamic');
      expect(banner).toContain('Prefer: dynamic=true');

      // The printed curl examples work as printed.
      for (const [, credential, target] of banner.matchAll(/curl -H "Authorization: Bearer (\S+)" (\S+)/g)) {
        const answer = await call(target, 'GET', '', { credential });
        expect(answer.status, target).toBe(200);
      }
      // The sample application's curl -u line works as printed too; the banner lists the API keys and never a live credential.
      const [, appId, appSecret, appTarget] = /curl -u (app_\w+):(secret_\w+) (\S+)/.exec(banner)!;
      expect([appId, appSecret]).toEqual([C.app.appId, C.app.appSecret]);
      const app = await call(appTarget, 'GET', '', { headers: { authorization: `Basic ${Buffer.from(`${appId}:${appSecret}`).toString('base64')}` } });
      expect(app.status, app.text).toBe(200);
      for (const { key } of Object.values(C.apiKeys)) expect(banner).toContain(key);
      for (const value of [C.expiredApiKey, C.revokedApiKey, C.revokedKey, C.expiredMemberToken]) expect(banner).toContain(value);
      for (const live of [C.liveKey, C.liveApiKey, C.liveMemberToken]) expect(banner).not.toContain(live);
      const refused = await call(cli.url, 'GET', '/v1/offers', { credential: C.fullAccessKey });
      expect(refused.json.code).toBe('org_api_key_not_allowed');
      expect(await waitUntil(() => cli.output().includes('403 org_api_key_not_allowed (gateway'), 2000)).toBe(true);
      // Prism runs in-process: no second process, no second port.
      expect(prismProcessesMentioning(spec.dir)).toEqual([]);
      expect(cli.output()).not.toMatch(/pid \d+/);

      cli.child.kill('SIGINT');
      expect(await cli.exited).toBe(0);
      await expect(fetch(cli.url)).rejects.toThrow();
    } finally {
      cli.child.kill('SIGKILL');
    }
  });

  it('--help documents the credential rules', () => {
    const help = spawnSync(process.execPath, [...CLI, '--help'], { cwd: PACKAGE_ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(help.status).toBe(0);
    for (const rule of ['Authorization: Basic base64(<App ID>:<App Secret>)', 'test_sk_', 'every scope', 'environment_mismatch', 'sample application']) expect(help.stdout).toContain(rule);
  });

  it('SIGTERM stops it too', async () => {
    const cli = await startCli(spec, ['--dynamic', '--quiet']);
    expect(cli.output()).toContain('dynamic: generated from the schemas');
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    await expect(fetch(cli.url)).rejects.toThrow();
  });

  it('refuses a port that is taken, saying so', async () => {
    const cli = await startCli(spec, ['--quiet']);
    try {
      const port = new URL(cli.url).port;
      const second = spawnSync(process.execPath, [...CLI, '--port', port, '--spec-config', spec.config], {
        cwd: PACKAGE_ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      cli.child.kill('SIGINT');
      await cli.exited;
    }
  });
});

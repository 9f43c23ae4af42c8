// A real npm registry for the release test: Verdaccio on a free loopback port, its storage in a
// temporary folder. @expys/* live only here (never proxied, so a public package of that name can
// never stand in); everything else is proxied from the public registry, as a consumer would get it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Registry {
  url: string;
  /** An npmrc that authenticates to this registry (a user created at start). */
  userconfig: string;
  /** The registry's recent log (warnings and errors), for a failure message. */
  log(): string;
  stop(): Promise<void>;
}

const VERDACCIO = path.join(path.dirname(createRequire(import.meta.url).resolve('verdaccio/package.json')), 'bin/verdaccio');

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

export async function startRegistry(): Promise<Registry> {
  const dir = mkdtempSync(path.join(tmpdir(), 'expys-registry-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const upstream = process.env.npm_config_registry || 'https://registry.npmjs.org/';
  writeFileSync(
    path.join(dir, 'config.yaml'),
    [
      `storage: ${path.join(dir, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${path.join(dir, 'htpasswd')}`,
      '    max_users: 10',
      'uplinks:',
      '  npmjs:',
      `    url: ${upstream}`,
      '    timeout: 60s',
      // One failed upstream request must not make the uplink "offline" for minutes (the default).
      '    max_fails: 20',
      '    fail_timeout: 2s',
      'packages:',
      "  '@expys/*':",
      '    access: $all',
      '    publish: $authenticated',
      "  '**':",
      '    access: $all',
      '    proxy: npmjs',
      'web:',
      '  enable: false',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  const child = spawn(process.execPath, [VERDACCIO, '--config', path.join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (c) => (log = (log + c).slice(-4000)));
  child.stderr!.on('data', (c) => (log = (log + c).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  while (!(await fetch(`${url}-/ping`).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`Verdaccio did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  // A publisher account, as `npm adduser` creates it.
  const user = await fetch(`${url}-/user/org.couchdb.user:release`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'release', password: 'release-test-only', email: 'release@example.com', type: 'user' }),
  }).then((r) => r.json());
  if (!user.token) {
    await stop();
    throw new Error(`Verdaccio refused the test user: ${JSON.stringify(user)}`);
  }
  const userconfig = path.join(dir, 'npmrc');
  writeFileSync(userconfig, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${user.token}\n`);
  return { url, userconfig, stop, log: () => log };
}

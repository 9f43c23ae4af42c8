// A real PostgreSQL server for tests: initdb in a temporary folder, started on a free loopback
// port (no Unix socket outside the folder), stopped and deleted by `stop()`. PostgreSQL refuses
// to run as root, so as root it runs as the `postgres` user that Debian's package creates.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  /** A fresh, empty database on this server. */
  createDatabase(name?: string): Promise<string>;
  stop(): Promise<void>;
}

function binDir(): string {
  if (process.env.EXPYS_TEST_POSTGRES_BIN) return process.env.EXPYS_TEST_POSTGRES_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin/postgres'))) : [];
  if (versions.length === 0) throw new Error('No PostgreSQL server in /usr/lib/postgresql/*/bin: run scripts/setup/ensure-postgres.sh (apt-get install postgresql).');
  return path.join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;
/** Runs a PostgreSQL program, as `postgres` when we are root. */
function command(program: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = binDir();
  const dir = mkdtempSync(path.join(tmpdir(), 'expys-pg-'));
  const data = path.join(dir, 'data');
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  const [initdb, initArgs] = command(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync']);
  execFileSync(initdb, initArgs, { stdio: 'pipe' });

  const port = await freePort();
  const [postgres, args] = command(path.join(bin, 'postgres'), ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir, '-c', 'max_connections=200']);
  const child: ChildProcess = spawn(postgres, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (chunk) => (log = (log + chunk).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const { default: pg } = await import('pg');
  const deadline = Date.now() + 20_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      break;
    } catch {
      await client.end().catch(() => {});
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
        throw new Error(`PostgreSQL did not start on port ${port}:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  let counter = 0;
  let stopped: Promise<void> | undefined;
  return {
    url,
    port,
    createDatabase: (name = `sandbox_${process.pid}_${Date.now()}_${counter++}`) => createDatabase(url, name),
    stop: () =>
      (stopped ??= (async () => {
        // pg_ctl's fast shutdown: disconnects clients, then exits cleanly. (A signal to the child
        // would reach runuser, not PostgreSQL, when we run as root.)
        const [pgCtl, stopArgs] = command(path.join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w']);
        try {
          execFileSync(pgCtl, stopArgs, { stdio: 'pipe', timeout: 15_000 });
        } catch {
          child.kill('SIGKILL');
        }
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
        rmSync(dir, { recursive: true, force: true });
      })()),
  };
}

/** Creates an empty database on the server at `serverUrl`; returns its URL. */
export async function createDatabase(serverUrl: string, name = `sandbox_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`): Promise<string> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name.replace(/[^A-Za-z0-9_]/g, '')}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name.replace(/[^A-Za-z0-9_]/g, '')}`;
  return url.toString();
}

/**
 * A resolver for tests (`webhooks: { resolve: noDnsInTests }`): every host name is unresolvable,
 * so a webhook endpoint on a public name (the spec's https://backend.example.com/…) is recorded as
 * unreachable without a DNS query or a connection. Tests send traffic to loopback only.
 */
export async function noDnsInTests(hostname: string): Promise<string[]> {
  throw Object.assign(new Error(`tests resolve no host name (${hostname}); deliver to a loopback receiver (forwardTo) instead`), { code: 'ENODNSINTESTS' });
}

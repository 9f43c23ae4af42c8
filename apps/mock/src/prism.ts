// Runs the real Prism mock as a child process on a free loopback port, and stops it for sure:
// Prism leads its own process group and the whole group is signalled; if this process dies
// first, runtime/exit-with-parent.mjs (preloaded into Prism) takes the group down.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from './paths.js';

export const PRISM_HOST = '127.0.0.1';
const EXIT_WITH_PARENT = path.join(PACKAGE_ROOT, 'runtime/exit-with-parent.mjs');
const PRISM_CLI = path.join(path.dirname(createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json')), 'dist/index.js');

export type PrismLogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

export interface PrismOptions {
  specFile: string;
  /** Generate data from the schemas (json-schema-faker) instead of serving the spec's examples. */
  dynamic: boolean;
  /** Prism's own log level; `warn` keeps request violations and drops per-request chatter. */
  logLevel?: PrismLogLevel;
  startTimeoutMs?: number;
  onOutput?: (line: string) => void;
  /** Prism exited without being asked to. */
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

export interface PrismProcess {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 2000;

export async function startPrism(options: PrismOptions): Promise<PrismProcess> {
  // A free port can be taken between our check and Prism's listen: try again with another.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options, await freePort());
    } catch (error) {
      if (attempt >= 3 || !/EADDRINUSE/.test(String(error))) throw error;
    }
  }
}

async function startOnce(options: PrismOptions, port: number): Promise<PrismProcess> {
  const args = [
    '--import',
    pathToFileURL(EXIT_WITH_PARENT).href,
    PRISM_CLI,
    'mock',
    options.specFile,
    '--host',
    PRISM_HOST,
    '--port',
    String(port),
    '--no-cors',
    '--verboseLevel',
    options.logLevel ?? 'warn',
    ...(options.dynamic ? ['--dynamic', '--json-schema-faker-fillProperties=false'] : []),
  ];
  const child = spawn(process.execPath, args, { detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  const pid = child.pid!;
  const recent: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      recent.push(line);
      if (recent.length > 40) recent.shift();
      options.onOutput?.(line);
    });
  }

  let stopping = false;
  let ready = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killGroupNow = () => signalGroup(pid, 'SIGKILL');
  process.once('exit', killGroupNow);
  child.once('exit', (code, signal) => {
    process.off('exit', killGroupNow);
    if (ready && !stopping) options.onUnexpectedExit?.(code, signal);
  });

  const stop = async () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      signalGroup(pid, 'SIGTERM');
      // Prism closes gracefully and waits for open connections; do not wait forever.
      const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    signalGroup(pid, 'SIGKILL'); // anything Prism forked and left in its group
    child.stdin?.destroy();
  };

  const gone = () => child.exitCode !== null || child.signalCode !== null;
  const outcome = await Promise.race([
    waitUntilAnswering(port, options.startTimeoutMs ?? 30_000, gone).then((ok) => (ok ? 'ready' : 'timeout')),
    exited.then(() => 'exited' as const),
  ]);
  if (outcome === 'ready' && !gone()) {
    ready = true;
    return { url: `http://${PRISM_HOST}:${port}`, port, pid, stop };
  }

  const exitedEarly = gone();
  const exit = describeExit(child);
  await stop();
  // Let the last lines Prism wrote arrive before quoting them.
  await Promise.race([new Promise((resolve) => child.once('close', resolve)), new Promise((resolve) => setTimeout(resolve, 500))]);
  const output = recent.length > 0 ? `\nPrism's last output:\n  ${recent.join('\n  ')}` : '';
  throw new Error(
    exitedEarly
      ? `Prism exited (${exit}) before it was listening on ${PRISM_HOST}:${port}.${output}`
      : `Prism did not answer on ${PRISM_HOST}:${port} within ${options.startTimeoutMs ?? 30_000} ms.${output}`,
  );
}

function describeExit(child: ChildProcess): string {
  return child.signalCode ? `signal ${child.signalCode}` : `code ${child.exitCode}`;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, PRISM_HOST, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilAnswering(port: number, timeoutMs: number, gaveUp: () => boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !gaveUp()) {
    if (await answers(port)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** Prism listens only once the spec is loaded, so an accepted connection means ready. (A TCP
 * probe rather than an HTTP one: Prism would log every probe as an unmatched-route error.) */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: PRISM_HOST, port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

// Several sandbox processes on one PostgreSQL behind a round-robin proxy, all on loopback: the
// setup a team shares, for tests and the bench. Each process is a real `node` process
// (sandbox-process.ts) that can be stopped or killed -9; the proxy sends each request to the
// next live process, and to another one when a process refuses the connection (it died) — a
// request already sent to a process that dies gets 502, as nginx answers, and the client retries.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SandboxProcessSettings } from './sandbox-process.js';

export interface SandboxProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  alive: boolean;
}

export interface Cluster {
  /** The proxy: give it to clients as the sandbox's URL. */
  url: string;
  processes: SandboxProcess[];
  /** Requests the proxy sent to each process, by index. */
  served: number[];
  /** Kills one process (default SIGKILL: no clean-up of any kind). */
  kill(index: number, signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

// The built entry (a test importing this file from src/ still starts the compiled process).
const HERE = fileURLToPath(import.meta.url);
const PROCESS_ENTRY = HERE.endsWith('.ts') ? path.resolve(path.dirname(HERE), '../../dist/testing/sandbox-process.js') : path.join(path.dirname(HERE), 'sandbox-process.js');

/** Starts one sandbox process and waits for its URL. */
export async function startSandboxProcess(settings: SandboxProcessSettings): Promise<SandboxProcess> {
  const child = spawn(process.execPath, [...profiling(), PROCESS_ENTRY], { env: { ...process.env, EXPYS_SANDBOX_PROCESS: JSON.stringify(settings) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stderr!.on('data', (chunk) => (errors = (errors + chunk).slice(-4000)));
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`A sandbox process exited (${code}) before it listened: ${errors.trim() || output.trim()}`));
    child.once('exit', onExit);
    child.stdout!.on('data', function read(chunk) {
      output += chunk;
      const line = output.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      child.stdout!.off('data', read);
      child.stdout!.resume();
      child.off('exit', onExit);
      const { url, pid } = JSON.parse(line);
      const started: SandboxProcess = { url, pid, child, alive: true };
      child.once('exit', () => (started.alive = false));
      resolve(started);
    });
  });
}

export async function startCluster(options: { processes: number; settings: SandboxProcessSettings }): Promise<Cluster> {
  // Started together: their first starts race on the migrations and the seed, as a team's would.
  const settled = await Promise.allSettled(Array.from({ length: options.processes }, () => startSandboxProcess(options.settings)));
  const processes = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    for (const p of processes) p.child.kill('SIGKILL');
    throw failed.reason;
  }
  const served = processes.map(() => 0);
  const proxy = await startRoundRobinProxy(processes, served);
  return {
    url: proxy.url,
    processes,
    served,
    async kill(index, signal = 'SIGKILL') {
      const target = processes[index];
      if (!target.alive) return;
      const exited = new Promise<void>((resolve) => target.child.once('exit', () => resolve()));
      target.child.kill(signal);
      await exited;
    },
    async stop() {
      await proxy.stop();
      await Promise.all(
        processes.map(async (p) => {
          if (!p.alive) return;
          const exited = new Promise<void>((resolve) => p.child.once('exit', () => resolve()));
          p.child.kill('SIGTERM');
          const timer = setTimeout(() => p.child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        }),
      );
    },
  };
}

/** A round-robin reverse proxy on 127.0.0.1 over the live processes. */
export async function startRoundRobinProxy(processes: SandboxProcess[], served: number[]): Promise<{ url: string; stop(): Promise<void> }> {
  const agents = processes.map(() => new http.Agent({ keepAlive: true, maxSockets: 64 }));
  let next = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => forward(Buffer.concat(chunks), 0));
    const badGateway = (message: string) => {
      if (response.headersSent) return void response.destroy();
      const body = JSON.stringify({ type: 'about:blank', title: 'Bad Gateway', status: 502, detail: message });
      response.writeHead(502, { 'content-type': 'application/problem+json', 'content-length': Buffer.byteLength(body) });
      response.end(body);
    };
    const forward = (body: Buffer, tried: number) => {
      if (tried >= processes.length) return badGateway('No sandbox process is reachable.');
      const index = next++ % processes.length;
      const target = processes[index];
      if (!target.alive) return forward(body, tried + 1);
      served[index]++;
      const upstream = http.request(target.url + request.url, { method: request.method, headers: { ...request.headers, 'content-length': String(body.length) }, agent: agents[index] }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
        answer.on('error', () => response.destroy());
      });
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        // Never connected: nothing was sent, so another process may take the request.
        if (error.code === 'ECONNREFUSED') {
          target.alive = false;
          return forward(body, tried + 1);
        }
        badGateway(`The sandbox process failed mid-request (${error.code ?? error.message}).`);
      });
      upstream.end(body);
    };
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const agent of agents) agent.destroy();
    },
  };
}

/** EXPYS_SANDBOX_CPU_PROF_DIR=<folder>: each sandbox process writes a V8 CPU profile there when it stops (for the benches). */
function profiling(): string[] {
  const dir = process.env.EXPYS_SANDBOX_CPU_PROF_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

// startMock(): the boundary in front of a fresh Prism, both on loopback. Used by the CLI and by
// tests in this and other packages (contract tests, client journeys).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { createBoundaryServer, type RequestLogEntry } from './boundary.js';
import { problemCatalog } from './problems.js';
import { PRISM_HOST, startPrism, type PrismLogLevel } from './prism.js';
import { buildRoutes, loadBundle, type Route } from './routes.js';

export interface MockOptions {
  /** Public port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Generated data (json-schema-faker) instead of the spec's examples. Default false. */
  dynamic?: boolean;
  /** Bundle to serve (JSON or YAML); default the full bundle of @expys/openapi. */
  specFile?: string;
  prismLogLevel?: PrismLogLevel;
  prismStartTimeoutMs?: number;
  onPrismOutput?: (line: string) => void;
  onRequest?: (entry: RequestLogEntry) => void;
  /** Prism died while the mock was running (requests then get 500 internal_error). */
  onPrismExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

export interface RunningMock {
  /** Base URL to point a client at, e.g. http://127.0.0.1:4010 */
  url: string;
  port: number;
  dynamic: boolean;
  specFile: string;
  /** The operations the boundary guards, from the bundle. */
  routes: readonly Route[];
  prism: { url: string; pid: number };
  /** Stops the boundary and Prism (its whole process group). Safe to call twice. */
  stop(): Promise<void>;
}

/** The full bundle built by @expys/openapi (both audiences: the mock serves every operation). */
export function defaultBundleFile(): string {
  return createRequire(import.meta.url).resolve('@expys/openapi/full.json');
}

export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const specFile = options.specFile ?? defaultBundleFile();
  const dynamic = options.dynamic ?? false;
  const doc = loadBundle(specFile);
  const routes = buildRoutes(doc);
  const problems = problemCatalog(doc);
  const production = (doc.servers ?? []).find((server: any) => server['x-expys-environment'] === 'production');

  let prismListening!: () => void;
  let prismFailed!: (error: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => {
    prismListening = resolve;
    prismFailed = reject;
  });
  ready.catch(() => {}); // start-up failures are reported by startMock itself
  const upstream = { host: PRISM_HOST, port: 0, agent: new http.Agent({ keepAlive: true, maxSockets: 64 }), ready };
  const server = createBoundaryServer({
    routes,
    problems,
    access: { productionUrl: production?.url ?? 'the production API' },
    upstream,
    onRequest: options.onRequest,
  });

  // Take the public port first: a port clash fails in milliseconds, before Prism is started.
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${options.port} on ${PRISM_HOST} is already in use; choose another (--port, or port: 0 for a free one)`)
          : error,
      ),
    );
    server.listen(options.port ?? 0, PRISM_HOST, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      upstream.agent.destroy();
    });

  let prism;
  try {
    prism = await startPrism({
      specFile,
      dynamic,
      logLevel: options.prismLogLevel,
      startTimeoutMs: options.prismStartTimeoutMs,
      onOutput: options.onPrismOutput,
      onUnexpectedExit: options.onPrismExit,
    });
  } catch (error) {
    prismFailed(error);
    await closeServer();
    throw error;
  }
  upstream.port = prism.port;
  prismListening();

  const port = (server.address() as AddressInfo).port;
  let stopped: Promise<void> | undefined;
  return {
    url: `http://${PRISM_HOST}:${port}`,
    port,
    dynamic,
    specFile,
    routes,
    prism: { url: prism.url, pid: prism.pid },
    stop: () => (stopped ??= Promise.all([closeServer(), prism.stop()]).then(() => undefined)),
  };
}

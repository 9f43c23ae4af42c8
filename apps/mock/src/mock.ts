// startMock(): the gateway in front of Prism (in-process), on one loopback port. Used by the CLI
// and by tests in this and other packages (contract tests, client journeys, workflows).
import { createRequire } from 'node:module';
import { close, createGateway, DEFAULT_RATE_LIMIT, listen, type CorsOrigins, type GatewayLimits, type RateLimitOptions, type RequestLogEntry, type Route } from './gateway/index.js';
import { loadBundle } from './gateway/routes.js';
import { createPrismHandler } from './prism-engine.js';

export const MOCK_HOST = '127.0.0.1';

export interface MockOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1; `0.0.0.0` for a phone on the LAN). */
  host?: string;
  /** Generated data (json-schema-faker) instead of the spec's examples. Default false. */
  dynamic?: boolean;
  /** Bundle to serve (JSON or YAML); default the full bundle of @expys/openapi. */
  specFile?: string;
  /** Browser origins allowed by CORS (default: any origin on this machine). */
  cors?: CorsOrigins;
  /** Requests per credential per window (default 6,000 a minute; `limit: 0` turns it off). */
  rateLimit?: RateLimitOptions;
  limits?: Partial<GatewayLimits>;
  onRequest?: (entry: RequestLogEntry) => void;
}

export interface RunningMock {
  /** Base URL to point a client at, e.g. http://127.0.0.1:4010 */
  url: string;
  port: number;
  host: string;
  dynamic: boolean;
  specFile: string;
  /** The operations the gateway serves, from the bundle. */
  routes: readonly Route[];
  cors: CorsOrigins;
  rateLimit: RateLimitOptions;
  /** Open connections right now (for tests of the connection cap). */
  connections(): Promise<number>;
  /** Stops listening and closes every connection. Safe to call twice. */
  stop(): Promise<void>;
}

/** The full bundle built by @expys/openapi (both audiences: the mock serves every operation). */
export function defaultBundleFile(): string {
  return createRequire(import.meta.url).resolve('@expys/openapi/full.json');
}

export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const specFile = options.specFile ?? defaultBundleFile();
  const dynamic = options.dynamic ?? false;
  const host = options.host ?? MOCK_HOST;
  const doc = loadBundle(specFile);
  const production = (doc.servers ?? []).find((server: any) => server['x-expys-environment'] === 'production');
  const handler = await createPrismHandler({ specFile, dynamic });
  const cors = options.cors ?? 'local';
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const { app, routes } = createGateway({
    doc,
    handler,
    access: { productionUrl: production?.url ?? 'the production API' },
    cors,
    rateLimit,
    limits: options.limits,
    onRequest: options.onRequest,
  });
  const { url, port } = await listen(app, options.port ?? 0, host, MOCK_HOST);
  let stopped: Promise<void> | undefined;
  return {
    url,
    port,
    host,
    dynamic,
    specFile,
    routes,
    cors,
    rateLimit,
    connections: () => new Promise((resolve, reject) => app.server.getConnections((error, count) => (error ? reject(error) : resolve(count)))),
    stop: () =>
      (stopped ??= close(app)),
  };
}

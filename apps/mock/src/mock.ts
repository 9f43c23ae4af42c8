// startMock(): the gateway in front of Prism (in-process), on one loopback port. Used by the CLI
// and by tests in this and other packages (contract tests, client journeys, workflows).
import { createRequire } from 'node:module';
import { DEFAULT_RATE_LIMIT, type CorsOrigins, type RateLimitOptions, type RequestLogEntry, type Route } from '@expys/gateway';
import { close, createGateway, listen, loadBundle, type GatewayLimits } from '@expys/gateway-fastify';
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
  /** The operations the gateway serves, from the bundle (the reloaded one after `reload`). */
  readonly routes: readonly Route[];
  cors: CorsOrigins;
  rateLimit: RateLimitOptions;
  /** Open connections right now (for tests of the connection cap). */
  connections(): Promise<number>;
  /**
   * Serves a new bundle on the same port without a restart (the dev loop calls it after each
   * edit): the new gateway and Prism are built first, then requests switch to them. If the new
   * bundle cannot be loaded, this rejects and the old one keeps serving.
   */
  reload(specFile?: string): Promise<{ routes: number; ms: number }>;
  /** Stops listening and closes every connection. Safe to call twice. */
  stop(): Promise<void>;
}

/** The full bundle built by @expys/openapi (both audiences: the mock serves every operation). */
export function defaultBundleFile(): string {
  return createRequire(import.meta.url).resolve('@expys/openapi/full.json');
}

export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  let specFile = options.specFile ?? defaultBundleFile();
  const dynamic = options.dynamic ?? false;
  const host = options.host ?? MOCK_HOST;
  const cors = options.cors ?? 'local';
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;

  const build = async (file: string) => {
    const doc = loadBundle(file);
    const production = (doc.servers ?? []).find((server: any) => server['x-expys-environment'] === 'production');
    const handler = await createPrismHandler({ specFile: file, document: doc, dynamic });
    return createGateway({
      doc,
      handler,
      access: { productionUrl: production?.url ?? 'the production API' },
      cors,
      rateLimit,
      limits: options.limits,
      onRequest: options.onRequest,
    });
  };

  // The first gateway owns the listening server; a reload builds another (never listening) and
  // points the server's requests at its router.
  const first = await build(specFile);
  let active = first;
  const { url, port } = await listen(first.app, options.port ?? 0, host, MOCK_HOST);
  let stopped: Promise<void> | undefined;
  return {
    url,
    port,
    host,
    dynamic,
    get specFile() {
      return specFile;
    },
    get routes() {
      return active.routes;
    },
    cors,
    rateLimit,
    connections: () => new Promise((resolve, reject) => first.app.server.getConnections((error, count) => (error ? reject(error) : resolve(count)))),
    async reload(file = specFile) {
      const started = performance.now();
      const next = await build(file);
      await next.app.ready();
      const previous = active;
      active = next;
      specFile = file;
      first.routeTo(next);
      if (previous !== first) {
        // Its server never listened: closing frees its hooks and Prism, not a port.
        void previous.app.close().catch(() => undefined);
      }
      return { routes: next.routes.length, ms: performance.now() - started };
    },
    stop: () =>
      (stopped ??= (active === first ? Promise.resolve() : active.app.close().catch(() => undefined)).then(() => close(first.app))),
  };
}

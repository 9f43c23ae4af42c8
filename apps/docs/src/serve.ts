// Serves dist/ on 127.0.0.1 (default port 4000): `npm run serve`, run by the root `npm start`
// beside the mock. Importable so the browser test can start it on a free port.
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import sirv from 'sirv';
import { DIST } from './paths.js';

export const DEFAULT_PORT = 4000;
export const DEFAULT_HOST = '127.0.0.1';

export interface DocsServer {
  url: string;
  close(): Promise<void>;
}

export function startDocsServer(options: { port?: number; host?: string; root?: string } = {}): Promise<DocsServer> {
  const { port = DEFAULT_PORT, host = DEFAULT_HOST, root = DIST } = options;
  if (!existsSync(path.join(root, 'index.html'))) {
    return Promise.reject(new Error(`${root}/index.html is missing: run \`npm run build\` in apps/docs first`));
  }
  // dev: true re-reads files on each request, so a rebuild while serving is picked up
  // (production mode caches sizes and would serve stale lengths).
  const files = sirv(root, { dev: true, etag: true, extensions: ['html'] });
  const server = http.createServer((req, res) => files(req, res, () => {
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('Not found\n');
  }));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${actual}`,
        close: () =>
          new Promise<void>((done, failed) => {
            server.close((error) => (error ? failed(error) : done()));
            server.closeAllConnections(); // a browser's keep-alive sockets would hold close() open
          }),
      });
    });
  });
}

// `tsx src/serve.ts [--port 4000] [--host 127.0.0.1]`; EXPYS_DOCS_PORT also sets the port.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.EXPYS_DOCS_PORT ?? String(DEFAULT_PORT) },
      host: { type: 'string', default: DEFAULT_HOST },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`✖ --port must be a port number, got ${values.port}`);
    process.exit(1);
  }
  startDocsServer({ port, host: values.host }).then(
    (server) => {
      console.log(`Expys docs on ${server.url}/ (member: ${server.url}/member.html, server: ${server.url}/server.html)`);
      const stop = () => void server.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: Error) => {
      console.error(`✖ ${error.message}`);
      process.exit(1);
    },
  );
}

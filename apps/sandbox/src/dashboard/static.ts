// Serves the dashboard's production build (apps/sandbox-dashboard/dist) under /_dashboard/: files
// with their content types, index.html for any path without a file of its own (the app's pages),
// never a directory listing, and nothing outside the build folder: a path with a `..` or `.`
// segment, an encoded `/` or `\`, a NUL or a bad escape is refused before the disk is touched, and
// the resolved file must lie inside the folder (symbolic links included). The gateway refuses dot
// segments and encoded slashes first; this code does not count on it.
import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const DASHBOARD_PREFIX = '/_dashboard';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * The page may load only this origin's scripts and styles and call only this origin: an injected
 * script could not send what it reads elsewhere. No framing (clickjacking of the revoke buttons).
 */
const PAGE_HEADERS = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/** Where the built dashboard is: the dist/ folder of @expys/sandbox-dashboard, or undefined when it is not installed. */
export function defaultDashboardDir(): string | undefined {
  try {
    return path.join(path.dirname(createRequire(import.meta.url).resolve('@expys/sandbox-dashboard/package.json')), 'dist');
  } catch {
    return undefined;
  }
}

export const NOT_BUILT =
  'The dashboard is not built. Build it with `sh scripts/pnpm.sh --filter @expys/sandbox-dashboard build` (or `npm run build` at the repository root), then reload /_dashboard/.';

export type Resolved = { kind: 'file'; file: string } | { kind: 'index' } | { kind: 'refused'; status: 400 | 404 };

/**
 * What a request path under /_dashboard/ names in `root`: a file of the build, the app's page
 * (index.html: a page path, or a folder), or nothing (refused). `rest` is the raw path after
 * `/_dashboard/`, still percent-encoded, without the query.
 */
export function resolveAsset(root: string, rest: string): Resolved {
  const segments: string[] = [];
  for (const raw of rest.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { kind: 'refused', status: 400 };
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return { kind: 'refused', status: 400 };
    segments.push(segment);
  }
  if (segments.length === 0) return { kind: 'index' };
  const base = path.resolve(root);
  const file = path.resolve(base, ...segments);
  if (!file.startsWith(base + path.sep)) return { kind: 'refused', status: 400 };
  let stat;
  try {
    stat = statSync(file);
  } catch {
    // A page of the app has no extension; a missing asset is a 404, not the page.
    return path.extname(file) === '' ? { kind: 'index' } : { kind: 'refused', status: 404 };
  }
  if (stat.isDirectory()) return { kind: 'index' };
  if (!stat.isFile()) return { kind: 'refused', status: 404 };
  // A symbolic link inside the build must not lead outside it.
  const real = realpathSync(file);
  if (!real.startsWith(realpathSync(base) + path.sep)) return { kind: 'refused', status: 404 };
  return { kind: 'file', file: real };
}

/** The routes: GET and HEAD of /_dashboard (redirected to /_dashboard/) and everything under it. */
export function registerDashboard(app: FastifyInstance, dir: string | undefined): void {
  const plain = (reply: FastifyReply, status: number, text: string) =>
    reply.code(status).header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'no-store').send(`${text}\n`);

  const serveFile = (request: FastifyRequest, reply: FastifyReply, file: string, page: boolean) => {
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    reply.code(200).header('content-type', type).header('content-length', statSync(file).size).header('x-content-type-options', 'nosniff');
    // Vite names the assets by their content: they never change. The page does, with each build.
    reply.header('cache-control', page || !file.includes(`${path.sep}assets${path.sep}`) ? 'no-cache' : 'public, max-age=31536000, immutable');
    if (page) for (const [name, value] of Object.entries(PAGE_HEADERS)) reply.header(name, value);
    return reply.send(request.method === 'HEAD' ? '' : createReadStream(file));
  };

  app.route({
    method: ['GET', 'HEAD'],
    url: DASHBOARD_PREFIX,
    handler: (request, reply) => reply.code(308).header('location', `${DASHBOARD_PREFIX}/`).send(),
  });
  app.route({
    method: ['GET', 'HEAD'],
    url: `${DASHBOARD_PREFIX}/*`,
    handler: async (request, reply) => {
      const index = dir === undefined ? undefined : path.join(dir, 'index.html');
      if (!dir || !index || !existsSync(index)) return plain(reply, 503, NOT_BUILT);
      const url = request.raw.url ?? '';
      const pathname = url.split('?')[0]!;
      const resolved = resolveAsset(dir, pathname.slice(DASHBOARD_PREFIX.length + 1));
      if (resolved.kind === 'refused') return plain(reply, resolved.status, resolved.status === 400 ? 'This path is refused.' : 'Nothing is here.');
      return resolved.kind === 'index' ? serveFile(request, reply, index, true) : serveFile(request, reply, resolved.file, resolved.file === realpathSync(index));
    },
  });
}

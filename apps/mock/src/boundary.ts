// The HTTP server developers talk to. It answers what Prism cannot judge (credentials, CORS
// preflight, unparseable JSON) from the spec, and passes everything else to Prism unchanged.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { checkAccess, type AccessContext } from './access.js';
import { corsHeaders, isPreflight, preflightHeaders } from './cors.js';
import { classifyCredential } from './credentials.js';
import { hasJsonBody, readJsonBody } from './json-body.js';
import type { Problem, ProblemCatalog } from './problems.js';
import { forwardToPrism, type Upstream } from './proxy.js';
import { canonicalPath, matchRoute, methodsForPath, type Route } from './routes.js';

export interface RequestLogEntry {
  method: string;
  /** Path and query as sent. */
  url: string;
  status: number;
  /** Who answered: the boundary (credentials, CORS, bad JSON) or Prism (everything else). */
  answeredBy: 'boundary' | 'prism';
  operationId?: string;
  /** The problem code, when the boundary refused the request. */
  code?: string;
  ms: number;
}

export interface BoundaryOptions {
  routes: Route[];
  problems: ProblemCatalog;
  access: AccessContext;
  upstream: Upstream;
  onRequest?: (entry: RequestLogEntry) => void;
}

export function createBoundaryServer(options: BoundaryOptions): http.Server {
  return http.createServer((req, res) => {
    handle(req, res, options).catch((error: Error) => {
      if (!res.headersSent) sendProblem(res, options.problems.create('internal_error', `The mock failed: ${error.message}`), {});
      else res.destroy(error);
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, options: BoundaryOptions): Promise<void> {
  const { routes, problems, access, upstream, onRequest } = options;
  const started = performance.now();
  const pathname = canonicalPath(new URL(req.url ?? '/', 'http://mock.invalid').pathname) ?? '';
  const route = matchRoute(routes, req.method ?? 'GET', pathname);
  let answeredBy: RequestLogEntry['answeredBy'] = 'boundary';
  let code: string | undefined;
  res.on('finish', () =>
    onRequest?.({
      method: req.method ?? '',
      url: req.url ?? '',
      status: res.statusCode,
      answeredBy,
      operationId: route?.operationId,
      code,
      ms: performance.now() - started,
    }),
  );
  const cors = corsHeaders(req.headers.origin);
  const refuse = (problem: Problem) => {
    code = problem.code;
    sendProblem(res, problem, cors);
  };

  if (isPreflight(req)) {
    res.writeHead(204, preflightHeaders(req.headers.origin, methodsForPath(routes, pathname)));
    res.end();
    return;
  }

  // Only what the boundary has checked reaches Prism. A path the spec does not define gets the
  // boundary's own 404; a defined path with another method goes on to Prism's 405 (nothing runs).
  if (!route && methodsForPath(routes, pathname).length === 0) {
    return refuse(problems.create('not_found', `No operation of the Expys API is at ${req.method} ${req.url}. Check the path against the docs.`));
  }
  const denial = route && checkAccess(route, classifyCredential(req.headers.authorization), access);
  if (denial) return refuse(problems.create(denial.code, denial.detail));

  let body: Buffer | undefined;
  if (hasJsonBody(req)) {
    const check = await readJsonBody(req);
    if (!check.ok) {
      return refuse(
        problems.create('validation_failed', 'The request body is not valid JSON; see errors. Nothing was done.', [
          { path: '', message: check.message },
        ]),
      );
    }
    body = check.body;
  }

  try {
    await upstream.ready;
  } catch {
    return refuse(problems.create('internal_error', 'The mock could not start Prism; see the mock\'s output.'));
  }
  answeredBy = 'prism';
  forwardToPrism(req, res, upstream, {
    responseHeaders: cors,
    requestHeaders: nextPagePreference(req, route),
    body,
    onUnreachable: (error) => {
      answeredBy = 'boundary';
      refuse(problems.create('internal_error', `The mock's Prism process is not answering (${error.message}). Restart the mock.`));
    },
  });
}

/** A "next page" request (it carries a cursor) gets the list's last-page example, unless the caller chose one. */
function nextPagePreference(req: IncomingMessage, route: Route | undefined): Record<string, string> {
  if (!route?.lastPageExample || req.headers.prefer) return {};
  const cursor = new URL(req.url ?? '/', 'http://mock.invalid').searchParams.get('cursor');
  return cursor ? { prefer: `example=${route.lastPageExample}` } : {};
}

function sendProblem(res: ServerResponse, problem: Problem, cors: Record<string, string>): void {
  const body = JSON.stringify(problem);
  res.writeHead(problem.status, {
    ...cors,
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...(problem.status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
  });
  res.end(body);
}

// A fetch that checks every exchange against the spec: the clients under test are given it, so
// real traffic (whatever the client sends, whatever the target answers) is validated, and each
// validated answer counts towards the coverage report.
import { ContractChecker, formatViolation, type Violation } from './checker.js';
import { recordExercise } from './coverage.js';
import { buildRoutes, canonicalPath, matchRoute } from '@expys/mock';
import { operationsOf, type OpenApiDocument, type Operation } from './spec.js';

/**
 * The response header a sandbox puts on every answer of an operation it has no code for yet (the
 * spec's example, served as the mock serves it): `Expys-Sandbox-Answer: example` (@expys/sandbox
 * SANDBOX_ANSWER_HEADER). A header on the wire, so it is recognised on a remote sandbox too.
 */
export const EXAMPLE_ANSWER_HEADER = 'expys-sandbox-answer';

/** Whether this answer is the spec's example rather than the target's code. */
export function answeredFromExamples(headers: Headers | Record<string, string | string[] | undefined>): boolean {
  const value = headers instanceof Headers ? headers.get(EXAMPLE_ANSWER_HEADER) : headers[EXAMPLE_ANSWER_HEADER];
  return value === 'example';
}

export interface CheckedFetch {
  fetch: typeof fetch;
  /** Violations seen so far (cleared by `take()`). */
  violations: Violation[];
  /** Exchanges seen so far: operation, status. */
  exchanges: { operationId: string; status: number }[];
  /** Returns and clears what was seen since the last call. */
  take(): { violations: Violation[]; exchanges: { operationId: string; status: number }[] };
}

export interface CheckedFetchOptions {
  /** Recorded in the coverage log. */
  via: string;
  /** Validate the request body as well (off for deliberately invalid input). */
  checkRequests?: boolean;
  /** Count validated exchanges in the coverage report (off for the checker's own self-tests). */
  countsForCoverage?: boolean;
}

export function checkedFetch(doc: OpenApiDocument, checker: ContractChecker, options: CheckedFetchOptions): CheckedFetch {
  // The same matcher as the mock's boundary: percent-decoded paths, most specific template first.
  const routes = buildRoutes(doc);
  const byId = new Map(operationsOf(doc).map((op) => [op.operationId, op]));
  const operationFor = (method: string, pathname: string) => {
    const path = canonicalPath(pathname);
    const route = path === undefined ? undefined : matchRoute(routes, method, path);
    return route && byId.get(route.operationId);
  };
  const state: Pick<CheckedFetch, 'violations' | 'exchanges'> = { violations: [], exchanges: [] };

  const wrapped: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const operation = operationFor(request.method, url.pathname);
    const requestText = request.body ? await request.clone().text() : '';
    const response = await fetch(request);
    if (!operation) {
      state.violations.push({ operationId: `${request.method} ${url.pathname}`, where: 'route', path: '', message: 'no operation of the spec matches this request' });
      return response;
    }
    if (options.checkRequests && requestText) state.violations.push(...checkRequestText(checker, operation, requestText));
    const text = await response.clone().text();
    let body: unknown = text || undefined;
    if (text && /json/.test(response.headers.get('content-type') ?? '')) {
      try {
        body = JSON.parse(text);
      } catch {
        state.violations.push({ operationId: operation.operationId, status: response.status, where: 'response body', path: '', message: `not JSON: ${text.slice(0, 80)}` });
      }
    }
    const found = checker.checkResponse(operation, response.status, response.headers.get('content-type'), body);
    state.violations.push(...found);
    state.exchanges.push({ operationId: operation.operationId, status: response.status });
    if (found.length === 0 && options.countsForCoverage !== false) recordExercise({ operationId: operation.operationId, status: response.status, via: options.via, ...(answeredFromExamples(response.headers) ? { fromExamples: true } : {}) });
    return response;
  };

  return {
    fetch: wrapped,
    ...state,
    take() {
      const seen = { violations: [...state.violations], exchanges: [...state.exchanges] };
      state.violations.length = 0;
      state.exchanges.length = 0;
      return seen;
    },
  };
}

function checkRequestText(checker: ContractChecker, operation: Operation, text: string): Violation[] {
  try {
    return checker.checkRequestBody(operation, JSON.parse(text));
  } catch {
    return [{ operationId: operation.operationId, where: 'request body', path: '', message: 'not JSON' }];
  }
}

/** Throws with every violation on its own line (operation, status, JSON path, message). */
export function assertNoViolations(violations: Violation[]): void {
  if (violations.length > 0) throw new Error(`Contract violations:\n  ${violations.map(formatViolation).join('\n  ')}`);
}

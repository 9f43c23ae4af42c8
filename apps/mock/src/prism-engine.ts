// Prism, in-process, as the mock's operation handler: it picks the response the spec documents
// (an example, or generated data in dynamic mode) for a request the gateway has already checked.
// No second process, no second port, no proxying: Prism is a library here, wired the way
// prism-cli wires it (createInstance + getHttpOperationsFromSpec).
import { createLogger } from '@stoplight/prism-core';
import { createInstance, getHttpOperationsFromSpec, type IHttpConfig, type IHttpRequest } from '@stoplight/prism-http';
import * as E from 'fp-ts/lib/Either.js';
import { createRequire } from 'node:module';
import type { OperationHandler, OperationRequest } from '@expys/gateway';

export interface PrismEngineOptions {
  specFile: string;
  /** The bundle already parsed (from specFile): Prism dereferences a copy instead of reading the file again. */
  document?: object;
  /** Generate data from the schemas (json-schema-faker) instead of serving the spec's examples. */
  dynamic: boolean;
}

type MockChoice = { code?: number; exampleKey?: string; dynamic?: boolean };

/** `Prefer: code=404, example=NAME, dynamic=true`, as Prism's own server reads it. */
export function preferences(prefer: string | undefined): MockChoice {
  const choice: MockChoice = {};
  for (const part of (prefer ?? '').split(/[,;]/)) {
    const [key, value = ''] = part.split('=').map((s) => s.trim().replace(/^"|"$/g, ''));
    if (key === 'code' && /^\d{3}$/.test(value)) choice.code = Number(value);
    else if (key === 'example' && value) choice.exampleKey = value;
    else if (key === 'dynamic') choice.dynamic = value === 'true';
  }
  return choice;
}

export async function createPrismHandler(options: PrismEngineOptions): Promise<OperationHandler> {
  const operations = await getHttpOperationsFromSpec(options.document ? structuredClone(options.document) : options.specFile).catch((error: Error) => {
    throw new Error(`Prism cannot load ${options.specFile}: ${error.message}`);
  });
  // The CLI's `--json-schema-faker-fillProperties=false`: dynamic data has only the documented fields.
  const faker = createRequire(createRequire(import.meta.url).resolve('@stoplight/prism-http'))('json-schema-faker');
  faker.JSONSchemaFaker.option('fillProperties', false);

  const base: IHttpConfig = {
    isProxy: false,
    // The gateway validated the request against the same bundle; Prism only picks the answer.
    validateRequest: false,
    validateResponse: false,
    checkSecurity: false,
    errors: false,
    upstreamProxy: undefined,
    mock: { dynamic: options.dynamic, ignoreExamples: false },
  };
  const prism = createInstance(base, { logger: createLogger('PRISM', { level: 'silent' }) });
  // The gateway has already matched the request to one operation of the same bundle: Prism is
  // handed that operation alone. Given every operation, its router scores and path-matches each
  // of them on every request: a GET round trip took 3.4 ms at 1,000 operations (0.5 ms now).
  const byRoute = new Map(operations.map((operation) => [`${operation.method.toLowerCase()} ${operation.path}`, [operation]]));
  // Prism's static mode answers the schema's own example (which its parser lists first, as
  // `default`) before the response's named ones: revokeApiKey answered an `active` key, the
  // ApiKey schema's example, not its `revoked` one. The response's first named example is asked
  // for explicitly, so the mock serves what the operation documents.
  const firstExample = new Map(operations.map((operation) => [`${operation.method.toLowerCase()} ${operation.path}`, firstSuccessExample(operation)]));

  return async (request: OperationRequest) => {
    const preferred = preferences(headerOf(request.headers.prefer));
    const documented = options.dynamic || preferred.dynamic || preferred.code !== undefined ? undefined : firstExample.get(`${request.route.method} ${request.route.template}`);
    const choice = { ...(documented ? { exampleKey: documented } : {}), ...nextPageChoice(request), ...preferred };
    // A fresh config object per request: Prism writes into the mock config it is given.
    const config = { ...base, mock: { dynamic: options.dynamic, ignoreExamples: false, ...choice } };
    const input: IHttpRequest = {
      method: request.method.toLowerCase() as IHttpRequest['method'],
      url: { path: request.path, query: request.query, baseUrl: undefined },
      headers: { ...flatHeaders(request.headers), accept: 'application/json, application/problem+json' },
      body: request.body,
    };
    const result = await prism.request(input, byRoute.get(`${request.route.method} ${request.route.template}`) ?? operations, config)();
    if (E.isLeft(result)) {
      const error = result.left as Error & { status?: number; detail?: string };
      // An unknown `example=` or `code=` in Prefer: say so rather than answer something else.
      if (error.status && error.status < 500 && (choice.code !== undefined || choice.exampleKey !== undefined)) {
        throw new Error(`Prefer asked for ${JSON.stringify(choice)}, which ${request.route.operationId} does not document (${error.detail ?? error.message})`);
      }
      throw new Error(error.detail ?? error.message);
    }
    const { statusCode, headers, body } = result.right.output;
    const answerHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers ?? {})) {
      if (value !== null && value !== undefined) answerHeaders[name.toLowerCase()] = String(value);
    }
    return { status: statusCode, headers: answerHeaders, body: body === undefined || body === null || body === '' ? undefined : body };
  };
}

/** The name of the first example of the operation's first 2xx JSON response, if it has one. */
function firstSuccessExample(operation: { responses: { code: string; contents?: { examples?: { key: string }[] }[] }[] }): string | undefined {
  const success = [...operation.responses].filter((r) => /^2\d\d$/.test(r.code)).sort((a, b) => a.code.localeCompare(b.code))[0];
  // Prism's parser puts the schema's own example first, as `default`: the response's named ones follow it.
  const keys = (success?.contents?.[0]?.examples ?? []).map((e) => e.key);
  return keys.find((key) => key !== 'default') ?? keys[0];
}

/**
 * A "next page" request (it carries a cursor) gets the list's last-page example: static examples
 * never advance a cursor, so without this a client iterating every page would never stop.
 */
function nextPageChoice(request: OperationRequest): MockChoice {
  const example = request.route.lastPageExample;
  return example && request.query.cursor !== undefined ? { exampleKey: example } : {};
}

function headerOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function flatHeaders(headers: OperationRequest['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) flat[name] = headerOf(value)!;
  return flat;
}

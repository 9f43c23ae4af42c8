// Builds a client's methods from its generated operation table: one method per operationId,
// called as `(...path parameters, body | query, options?)`. The generated `Methods` interface
// types the result; this file only maps positional arguments onto a request.
import { CredentialError, ExpysConfigError } from './errors.js';
import { describeAs } from './inspect.js';
import { checkedLogLevel, createObserver } from './observe.js';
import { PagePromise, type Page } from './pagination.js';
import type { Redact } from './redact.js';
import { ApiPromise, type ApiResponse } from './response.js';
import { DEFAULT_MAX_RETRIES, retryDelaysWithDefaults } from './retry-policy.js';
import { checkedTimeout, DEFAULT_TIMEOUT_MS, plainHeaders, send, type PreparedCall, type SendContext } from './send.js';
import type { CredentialSource, OperationMeta, OperationTable, RequestOptions, TransportOptions } from './types.js';

export interface OperationClientConfig extends TransportOptions {
  operations: OperationTable;
  baseUrl: string;
  credentials: CredentialSource;
  /**
   * For the operations whose table entry says `auth: "basic"`: gives the base64 of
   * `user:password` (an application's App ID and App Secret). Without it those operations reject.
   */
  basicCredentials?: CredentialSource | undefined;
  redact: Redact;
  /** How the client shows itself when logged: a name and credential-free facts. */
  describe: { name: string; summary: Record<string, unknown> };
  /** `name/version` of the client package, sent as `Expys-Client`. */
  clientIdentity: string;
  /** The environment takes production credentials: https only (see dangerouslyAllowInsecureHttp). */
  live: boolean;
}

type Method = (...args: unknown[]) => ApiPromise<unknown> | PagePromise<Page>;

/**
 * The credential sources, remembering the last credentials they handed out: messages are
 * scrubbed of those exact strings too, whatever their shape, not only of what the prefixes match.
 */
function rememberingCredentials(config: OperationClientConfig): { credentials: CredentialSource; basicCredentials?: CredentialSource; redact: Redact } {
  const known: string[] = [];
  const remember = (token: string) => {
    if (typeof token === 'string' && token.length >= 8 && !known.includes(token)) {
      known.push(token);
      if (known.length > 4) known.shift();
    }
    return token;
  };
  const wrap = (source: CredentialSource): CredentialSource => {
    const { current, refresh, refreshOn } = source;
    return {
      current: () => current.call(source).then(remember),
      ...(refresh ? { refresh: (refused: string) => refresh.call(source, refused).then(remember) } : {}),
      ...(refreshOn ? { refreshOn } : {}),
    };
  };
  return {
    credentials: wrap(config.credentials),
    ...(config.basicCredentials ? { basicCredentials: wrap(config.basicCredentials) } : {}),
    redact: (text) => config.redact(known.reduce((scrubbed, secret) => scrubbed.split(secret).join('[redacted]'), text)),
  };
}

function signatureOf(meta: OperationMeta): string {
  const slot = meta.hasBody ? 'body' : meta.hasQuery ? 'query' : undefined;
  return [...meta.pathParams, ...(slot ? [slot] : []), 'options?'].join(', ');
}

function prepareCall(operationId: string, meta: OperationMeta, args: unknown[]): PreparedCall {
  const slots = meta.pathParams.length + (meta.hasBody || meta.hasQuery ? 1 : 0);
  if (args.length > slots + 1) {
    throw new ExpysConfigError(`${operationId} takes (${signatureOf(meta)}); got ${args.length} arguments.`);
  }
  const path: Record<string, string> = {};
  meta.pathParams.forEach((name, i) => {
    const value = args[i];
    if ((typeof value !== 'string' && typeof value !== 'number') || String(value) === '') {
      throw new ExpysConfigError(`${operationId}: ${name} must be a non-empty string (argument ${i + 1}).`);
    }
    // "." and ".." survive percent-encoding and are resolved by URL parsing: /v1/offers/.. is /v1/.
    if (String(value) === '.' || String(value) === '..') {
      throw new ExpysConfigError(`${operationId}: ${name} cannot be "${String(value)}" (argument ${i + 1}): it would address another path.`);
    }
    path[name] = String(value);
  });
  const slot = meta.hasBody || meta.hasQuery ? args[meta.pathParams.length] : undefined;
  const options = (args[slots] ?? {}) as RequestOptions;
  if (typeof options !== 'object') throw new ExpysConfigError(`${operationId}: options must be an object.`);
  if (meta.hasQuery && slot !== undefined && (slot === null || typeof slot !== 'object')) {
    throw new ExpysConfigError(`${operationId}: query must be an object.`);
  }
  return {
    operationId,
    meta,
    path,
    body: meta.hasBody ? slot : undefined,
    query: meta.hasQuery ? (slot as Record<string, unknown> | undefined) : undefined,
    options,
  };
}

export function createOperationClient(config: OperationClientConfig): Record<string, Method> {
  let url: URL;
  try {
    url = new URL(config.baseUrl);
  } catch {
    throw new ExpysConfigError(`baseUrl must be an absolute URL (got ${JSON.stringify(config.baseUrl)}).`);
  }
  // A production credential in clear text can be read by anything on the way.
  if (config.live && url.protocol !== 'https:' && config.dangerouslyAllowInsecureHttp !== true) {
    throw new CredentialError(
      'insecure_transport',
      `baseUrl ${url.protocol}//${url.host} is not https: production credentials are only sent over https. For a proxy on your own machine that forwards over https, pass dangerouslyAllowInsecureHttp: true.`,
    );
  }
  const { credentials, basicCredentials, redact } = rememberingCredentials(config);
  const ctx: SendContext = {
    baseUrl: config.baseUrl.replace(/\/+$/, ''),
    // Looked up at call time, so a fetch patched after initialize (tests, polyfills) is used.
    fetch: () => config.fetch ?? globalThis.fetch,
    credentials,
    basicCredentials,
    redact,
    maxRetries: config.maxRetries ?? DEFAULT_MAX_RETRIES,
    delays: retryDelaysWithDefaults(config.retryDelays),
    headers: { ...plainHeaders(config.headers) } as Record<string, string>, // values checked on each call
    timeout: config.timeout === undefined ? DEFAULT_TIMEOUT_MS : checkedTimeout(config.timeout, 'timeout'),
    clientIdentity: config.clientIdentity,
    observer: createObserver(config.hooks ?? {}, config.logger ?? console, checkedLogLevel(config.logLevel ?? 'off'), redact),
  };

  const client: Record<string, Method> = {};
  for (const [operationId, meta] of Object.entries(config.operations)) {
    client[operationId] = (...args) => {
      // Argument errors surface as rejections, like every other failure of a call.
      const run = async (cursor?: string) => {
        let call: PreparedCall;
        try {
          call = prepareCall(operationId, meta, args);
        } catch (error) {
          ctx.observer?.error({ operationId, method: meta.method, error: error as ExpysConfigError, attempt: 0, willRetry: false });
          throw error;
        }
        if (cursor !== undefined) call.query = { ...call.query, cursor };
        return send(ctx, call);
      };
      if (!meta.paginated) return new ApiPromise(run());
      const slots = meta.pathParams.length + (meta.hasBody || meta.hasQuery ? 1 : 0);
      const maxPages = (args[slots] as RequestOptions | undefined)?.maxPages;
      return new PagePromise((cursor) => run(cursor) as Promise<ApiResponse<Page>>, { maxPages });
    };
  }
  describeAs(client, config.describe.name, config.describe.summary);
  return client;
}

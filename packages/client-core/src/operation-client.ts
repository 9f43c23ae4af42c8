// Builds a client's methods from its generated operation table: one method per operationId,
// called as `(...path parameters, body | query, options?)`, each call sent through the client's
// openapi-fetch client (fetch-client.ts), which is also exposed as `fetchClient`. The generated
// `Methods` interface types the result; this file maps positional arguments onto a request.
import { CredentialError, ExpysConfigError, ExpysError, short } from './errors.js';
import { createRuntime, DEFAULT_MAX_RESPONSE_BYTES, type AnyFetchClient } from './fetch-client.js';
import { checkedBaseUrl, plainHeaders, refuseCredentialIn } from './guard.js';
import { describeAs } from './inspect.js';
import { checkedLogLevel, createObserver } from './observe.js';
import { DEFAULT_MAX_PAGES, PagePromise, type Page } from './pagination.js';
import type { Redact } from './redact.js';
import { ApiPromise, type ApiResponse } from './response.js';
import { DEFAULT_MAX_RETRIES, retryDelaysWithDefaults } from './retry-policy.js';
import { asksForRefresh, checkedTimeout, DEFAULT_TIMEOUT_MS, send, type PreparedCall } from './send.js';
import type { CredentialSource, EnvironmentTable, OperationMeta, OperationTable, RequestOptions, TransportOptions } from './types.js';

// Long texts and programming-mistake checks in development builds only: bundlers replace
// process.env.NODE_ENV in an app's production build and drop what it guards.
declare const process: { env: { NODE_ENV?: string } };

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
  /**
   * The spec's environments and the one chosen: a baseUrl on another environment's server
   * (the production API with `environment: "sandbox"`, or the other way round) is refused.
   */
  environments?: EnvironmentTable | undefined;
  environment?: string | undefined;
}

/** The methods, and the openapi-fetch client they run on. */
export type OperationClient = Record<string, Method> & { readonly fetchClient: AnyFetchClient };

type Method = (...args: unknown[]) => ApiPromise<unknown> | PagePromise<Page>;

/** A credential source as the client uses it: `now()` is the credential at once when it is known, its promise otherwise. */
export interface CheckedSource extends CredentialSource {
  now(): string | Promise<string>;
}

/** A whole number ≥ 1 (or Infinity, for no cap), or the default. */
function checkedCount(value: unknown, name: string, fallback: number): number {
  if (process.env.NODE_ENV !== 'production' && value !== undefined && value !== Infinity && !(Number.isInteger(value) && (value as number) > 0)) {
    throw new ExpysConfigError(`${name} must be a whole number ≥ 1 (got ${String(value)}).`);
  }
  return (value as number | undefined) ?? fallback;
}

export function prepareCall(operationId: string, meta: OperationMeta, args: unknown[], redact: Redact): PreparedCall {
  const { pathParams, hasBody, hasQuery } = meta;
  const slots = pathParams.length + (hasBody || hasQuery ? 1 : 0);
  const slot = args[pathParams.length];
  const options = (args[slots] ?? {}) as RequestOptions;
  // Programming mistakes, refused in development builds.
  if (process.env.NODE_ENV !== 'production') {
    if (args.length > slots + 1) {
      throw new ExpysConfigError(`${operationId} takes (${[...pathParams, ...(hasBody ? ['body'] : hasQuery ? ['query'] : []), 'options?'].join(', ')}); got ${args.length} arguments.`);
    }
    if (typeof options !== 'object') throw new ExpysConfigError(`${operationId}: options must be an object.`);
    if (hasQuery && slot !== undefined && (!slot || typeof slot !== 'object')) throw new ExpysConfigError(`${operationId}: query must be an object.`);
  }
  const path: Record<string, string> = {};
  pathParams.forEach((name, i) => {
    const value = args[i];
    const text = String(value);
    if ((typeof value !== 'string' && typeof value !== 'number') || !text) {
      throw new ExpysConfigError(process.env.NODE_ENV !== 'production' ? `${operationId}: ${name} must be a non-empty string (argument ${i + 1}).` : short('E02'));
    }
    // "." and ".." survive percent-encoding and are resolved by URL parsing: /v1/offers/.. is /v1/.
    if (text === '.' || text === '..') {
      throw new ExpysConfigError(process.env.NODE_ENV !== 'production' ? `${operationId}: ${name} cannot be "${text}" (argument ${i + 1}): it would address another path.` : short('E03'));
    }
    refuseCredentialIn(redact, process.env.NODE_ENV !== 'production' ? `path parameter ${name} of ${operationId}` : '', text);
    path[name] = text;
  });
  const query = hasQuery ? (slot as Record<string, unknown> | undefined) : undefined;
  if (query) {
    for (const [name, value] of Object.entries(query)) {
      refuseCredentialIn(redact, process.env.NODE_ENV !== 'production' ? `query parameter ${name} of ${operationId}` : '', `${name}=${JSON.stringify(value)}`);
    }
  }
  return { operationId, meta, path, body: hasBody ? slot : undefined, query, options };
}

/** The credential without its prefix (`mt_test_…` → `…`): what a server or a log may echo. */
const bodyOf = (credential: string) => credential.replace(/^(?:[a-z]+_)+/, '');

export function createOperationClient(config: OperationClientConfig): OperationClient {
  // What the credential sources hand out is remembered: messages are scrubbed of those exact
  // strings (and of their bodies without the prefix), whatever their shape, and only the
  // Authorization values made from them may be sent.
  const known: string[] = [];
  const sent = new Set<string>();
  const keep = (secret: string) => {
    if (secret.length > 7 && !known.includes(secret)) known.push(secret) > 12 && known.shift();
  };
  const base = config.redact;
  // The prefix patterns first (`secret_[redacted]` says what it was), then the exact strings.
  const redact: Redact = (text) => known.reduce((scrubbed, secret) => scrubbed.split(secret).join('[redacted]'), base(text));
  redact.find = (text) => known.find((secret) => text.includes(secret)) ?? base.find?.(text);
  let lastCredential: string | undefined;
  let lastValue = '';
  const authorization = (basic: boolean, credential: string) => {
    const scheme = basic ? 'Basic ' : 'Bearer ';
    if (credential === lastCredential && lastValue.startsWith(scheme)) return lastValue;
    lastCredential = credential;
    const value = (lastValue = scheme + credential);
    if (!sent.has(value) && sent.add(value).size > 8) sent.delete(sent.values().next().value!);
    return value;
  };
  /**
   * A credential source that remembers what it hands out (for Basic, the password: the App
   * Secret; the App ID is public), and turns its own failure (a token provider that throws) into
   * a CredentialError with the text redacted, the original error not kept.
   */
  const wrap = (source: CredentialSource | undefined, basic: boolean): CheckedSource | undefined => {
    if (!source) return undefined;
    const { current, refresh, refreshOn } = source;
    let last: string | undefined;
    const seen = (credential: string) => {
      if (typeof credential === 'string' && credential !== last) {
        last = credential;
        let secret = credential;
        keep(secret);
        try {
          if (basic) secret = atob(secret).replace(/^[^:]*:/, '');
        } catch {
          // not base64: the whole value is what is known
        }
        keep(secret);
        if (bodyOf(secret).length > 15) keep(bodyOf(secret));
      }
      return credential;
    };
    const failed = (error: unknown): never => {
      if (error instanceof ExpysError) throw error;
      const text = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
      throw new CredentialError('credential_provider_failed', `The credential function failed: ${redact(text)}`);
    };
    // A source that hands out the same promise again (a fixed token, a provider's token until it
    // is refreshed) is answered from what that promise gave: no wait, not even a tick.
    let given: Promise<string> | undefined;
    let checked: Promise<string> | undefined;
    let value: string | undefined;
    const now = () => {
      const next = current.call(source);
      if (next !== given) {
        given = next;
        value = undefined;
        checked = next.then(seen, failed);
        checked.then((credential) => void (given === next && (value = credential)), () => undefined);
      }
      return value ?? checked!;
    };
    return {
      now,
      current: async () => now(),
      refresh: refresh && ((refused) => refresh.call(source, refused).then(seen, failed)),
      refreshOn,
    };
  };
  const credentials = wrap(config.credentials, false)!;
  const basicCredentials = wrap(config.basicCredentials, true);

  // The baseUrl: an absolute URL, no credential in it (a user:password@ included), not another
  // environment's server, https for production credentials.
  checkedBaseUrl(config, redact);

  const observer = createObserver(config.hooks ?? {}, config.logger ?? console, checkedLogLevel(config.logLevel ?? 'off'), redact);
  const maxPages = checkedCount(config.maxPages, 'maxPages', DEFAULT_MAX_PAGES);
  const runtime = createRuntime({
    baseUrl: config.baseUrl.replace(/\/+$/, ''),
    // Looked up at call time, so a fetch patched after initialize (tests, polyfills) is used.
    fetch: () => config.fetch ?? globalThis.fetch,
    operations: config.operations,
    async authorization(basic) {
      const source = basic ? basicCredentials : credentials;
      if (!source) throw new ExpysConfigError(process.env.NODE_ENV !== 'production' ? 'This operation authenticates with HTTP Basic, and this client has no credentials for it.' : short('E10'));
      return authorization(basic, await source.current());
    },
    refused(value, response) {
      // A 401 on fetchClient whose code asks for it: the source refreshes, and the next request
      // (openapi-react-query retries) goes with the new credential.
      const basic = value.startsWith('Basic');
      const source = basic ? basicCredentials : credentials;
      if (source?.refresh) {
        response
          .clone()
          .json()
          .then((body) => void (asksForRefresh(401, body, source) && source.refresh!(value.slice(value.indexOf(' ') + 1))))
          .catch(() => undefined);
      }
    },
    sent,
    redact,
    observer,
    maxResponseBytes: checkedCount(config.maxResponseBytes, 'maxResponseBytes', DEFAULT_MAX_RESPONSE_BYTES),
    clientIdentity: config.clientIdentity,
  });
  const ctx = {
    runtime,
    credentials,
    basicCredentials,
    authorization,
    redact,
    maxRetries: config.maxRetries ?? DEFAULT_MAX_RETRIES,
    delays: retryDelaysWithDefaults(config.retryDelays),
    // A Headers or a Map is refused here; the values when a call sends them (a refusal is the call's rejection).
    headers: plainHeaders(config.headers) as Record<string, string>,
    timeout: config.timeout === undefined ? DEFAULT_TIMEOUT_MS : checkedTimeout(config.timeout, 'timeout'),
    observer,
  };

  const client = {} as Record<string, Method>;
  for (const [operationId, meta] of Object.entries(config.operations)) {
    client[operationId] = (...args) => {
      // Argument errors surface as rejections, like every other failure of a call.
      const run = (cursor?: string) => {
        let call: PreparedCall;
        try {
          call = prepareCall(operationId, meta, args, redact);
        } catch (error) {
          observer?.error({ operationId, method: meta.method, error: error as ExpysConfigError, attempt: 0, willRetry: false });
          return Promise.reject(error);
        }
        if (cursor !== undefined) call.query = { ...call.query, cursor };
        return send(ctx, call);
      };
      if (!meta.paginated) return new ApiPromise(run());
      const options = args[meta.pathParams.length + (meta.hasBody || meta.hasQuery ? 1 : 0)] as RequestOptions | undefined;
      return new PagePromise((cursor) => run(cursor) as Promise<ApiResponse<Page>>, { maxPages: options?.maxPages ?? maxPages });
    };
  }
  describeAs(client, config.describe.name, config.describe.summary);
  // Not enumerable: the client's own keys are its operations.
  return Object.defineProperty(client, 'fetchClient', { value: runtime.fetchClient }) as OperationClient;
}

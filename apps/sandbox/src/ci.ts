// @expys/sandbox/ci: a sandbox of its own for one CI job (or one test file), from a running Expys
// sandbox started with an admin token. Nothing but the global fetch: no database, no server code.
//
//   await using sandbox = await createSandbox({ label: `ci ${process.env.GITHUB_RUN_ID}` });
//   const expys = initialize({ environment: 'sandbox', baseUrl: sandbox.url, token: sandbox.orgApiKey });
//
// The URL and the admin token default to EXPYS_SANDBOX_URL and EXPYS_SANDBOX_ADMIN_TOKEN. An error
// names the URL, the status and the server's message, never the admin token or a credential.

export interface SandboxServerOptions {
  /** The sandbox server's own URL (default: EXPYS_SANDBOX_URL), e.g. http://127.0.0.1:4020. */
  url?: string | undefined;
  /** The admin token the server was started with (default: EXPYS_SANDBOX_ADMIN_TOKEN). */
  adminToken?: string | undefined;
  /** Default: the global fetch. */
  fetch?: typeof fetch | undefined;
}

export interface CreateSandboxOptions extends SandboxServerOptions {
  /** Shown in `expys-sandbox sandboxes list` (at most 200 characters). */
  label?: string | undefined;
  /** Seconds until the sandbox ends by itself: 60 to 2,592,000 (30 days); default 86,400 (24 h). */
  ttlSeconds?: number | undefined;
}

export interface CreatedSandbox {
  /** `sbx_` + 20 letters and digits. */
  id: string;
  label: string;
  /**
   * The sandbox's base URL: the server URL given + `/sandboxes/<id>`. Pass it as `baseUrl` to
   * @expys/server-client and @expys/member-client (they append `/v1/…`); its control plane is at
   * `<url>/_sandbox/…` and its dashboard at `<url>/_dashboard/`.
   */
  url: string;
  /** The sandbox's Org-API-Key (full authority over its org): `expys_test_…`. */
  orgApiKey: string;
  appId: string;
  appSecret: string;
  createdAt: string;
  /** Real time (not the sandbox's test clock): from then on it answers 404 and its data is dropped. */
  expiresAt: string | null;
  /** Deletes it (404 at once; its data dropped seconds later). Once: later calls do nothing. */
  delete(): Promise<void>;
  /** `await using sandbox = await createSandbox()` deletes it at the end of the block. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** The sandbox server refused or failed a call: `status` 0 when nothing answered. */
export class SandboxServerError extends Error {
  override readonly name = 'SandboxServerError';
  constructor(
    message: string,
    /** The endpoint called. */
    readonly url: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const env = (name: string): string | undefined => {
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
  return value === '' ? undefined : value;
};

/** Credentials any server might echo back (kept: their prefix), and the admin token itself: never in an error text. */
const CREDENTIAL = /\b(expys_(?:test|live)_|mt_(?:test|live)_|(?:test|prod)_sk_|secret_)[A-Za-z0-9]{8,}/g;

function scrub(text: string, adminToken: string): string {
  // Whatever follows Bearer, except a placeholder such as <token> in the server's own hint.
  let clean = text.replace(/\bBearer\s+(?!<[a-z -]+>)\S+/gi, 'Bearer [redacted]').replace(CREDENTIAL, '$1[redacted]');
  if (adminToken) clean = clean.split(adminToken).join('[admin token]');
  return clean;
}

/** `sbx_` + 20 lower-case letters and digits (the server's ids). */
const SANDBOX_ID = /^sbx_[a-z0-9]{20}$/;

interface Server {
  base: URL;
  adminToken: string;
  fetch: typeof fetch;
}

function server(options: SandboxServerOptions, what: string): Server {
  const url = options.url ?? env('EXPYS_SANDBOX_URL');
  const adminToken = options.adminToken ?? env('EXPYS_SANDBOX_ADMIN_TOKEN');
  if (!url) throw new TypeError(`${what} needs the sandbox server's URL: pass \`url\` or set EXPYS_SANDBOX_URL (e.g. http://127.0.0.1:4020).`);
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    throw new TypeError(`${what}: the sandbox server's URL must be absolute, such as http://127.0.0.1:4020 (got ${JSON.stringify(scrub(url, adminToken ?? ''))}).`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new TypeError(`${what}: the sandbox server's URL must be http or https (got ${base.protocol}).`);
  // fetch refuses such a URL, and the admin token is the credential: say so, without printing it.
  if (base.username || base.password) throw new TypeError(`${what}: the sandbox server's URL must not carry a user name or password (${base.protocol}//…@${base.host}); the admin token is the credential.`);
  if (!adminToken) {
    throw new TypeError(
      `${what} needs the admin token the sandbox server was started with: pass \`adminToken\` or set EXPYS_SANDBOX_ADMIN_TOKEN ` +
        '(a sandbox with a data folder keeps it in <data>/admin-token; see "Sandboxes on demand" in its README).',
    );
  }
  const doFetch = options.fetch ?? globalThis.fetch;
  if (typeof doFetch !== 'function') throw new TypeError(`${what} needs fetch: pass \`fetch\` (no global fetch in this runtime).`);
  return { base, adminToken, fetch: doFetch };
}

/** `route` joined onto the base URL's path (a proxy's path prefix kept), without its query or fragment. */
function endpoint(base: URL, route: string): URL {
  const url = new URL(base.href);
  url.search = '';
  url.hash = '';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${route.replace(/^\/+/, '')}`;
  return url;
}

async function call(server: Server, what: string, method: string, route: string, body?: unknown): Promise<{ status: number; json: any }> {
  const url = endpoint(server.base, route);
  let response: Response;
  try {
    response = await server.fetch(url, {
      method,
      headers: { authorization: `Bearer ${server.adminToken}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    throw new SandboxServerError(scrub(`${what}: nothing answered at ${url.href} (${cause}). Is the sandbox server running there?`, server.adminToken), url.href, 0);
  }
  const text = await response.text().catch(() => '');
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (response.ok) return { status: response.status, json };
  // Deleting a sandbox that is no longer there (deleted, expired) is not an error; any other 404 is.
  if (response.status === 404 && method === 'DELETE' && typeof json?.error === 'string' && json.error.startsWith('No live sandbox')) return { status: 404, json };
  // The admin routes answer { error }; a problem (e.g. the gateway's) has a detail.
  const message = typeof json?.error === 'string' ? json.error : typeof json?.detail === 'string' ? json.detail : text ? text.slice(0, 200) : response.statusText;
  throw new SandboxServerError(scrub(`${what}: ${method} ${url.href} answered ${response.status}: ${message}`, server.adminToken), url.href, response.status);
}

/**
 * A new sandbox on the server (its own org, Org-API-Key, application, seed, clock and webhooks),
 * with its credentials (shown once). Delete it when done (`delete()`, `await using`, or
 * `deleteSandbox`), or let its TTL end it.
 */
export async function createSandbox(options: CreateSandboxOptions = {}): Promise<CreatedSandbox> {
  const what = 'createSandbox';
  const target = server(options, what);
  const body: Record<string, unknown> = {};
  if (options.label !== undefined) body.label = options.label;
  if (options.ttlSeconds !== undefined) body.ttlSeconds = options.ttlSeconds;
  const { json } = await call(target, what, 'POST', '_sandbox/sandboxes', body);
  if (!json || typeof json.id !== 'string' || !SANDBOX_ID.test(json.id) || typeof json.orgApiKey !== 'string') {
    throw new SandboxServerError(`${what}: ${endpoint(target.base, '_sandbox/sandboxes').href} answered without a sandbox (is it an Expys sandbox server?).`, endpoint(target.base, '_sandbox/sandboxes').href, 201);
  }
  let deleted: Promise<void> | undefined;
  // Once: a second call (await using after delete()) waits for the first; a failed one can be tried again.
  const remove = () =>
    (deleted ??= deleteSandbox(json.id, { url: target.base.href, adminToken: target.adminToken, fetch: target.fetch }).then(
      () => undefined,
      (error) => {
        deleted = undefined;
        throw error;
      },
    ));
  return {
    id: json.id,
    label: json.label ?? '',
    url: endpoint(target.base, `sandboxes/${json.id}`).href,
    orgApiKey: json.orgApiKey,
    appId: json.appId,
    appSecret: json.appSecret,
    createdAt: json.createdAt,
    expiresAt: json.expiresAt ?? null,
    delete: remove,
    [Symbol.asyncDispose]: remove,
  };
}

/**
 * Deletes a sandbox: 404 at once on every process of the server, its data dropped seconds later.
 * Resolves true, or false when there was no live sandbox of that id (already deleted or expired).
 */
export async function deleteSandbox(id: string, options: SandboxServerOptions = {}): Promise<boolean> {
  const what = 'deleteSandbox';
  const target = server(options, what);
  if (typeof id !== 'string' || !SANDBOX_ID.test(id)) throw new TypeError(`${what} needs a sandbox id (sbx_…), got ${JSON.stringify(scrub(String(id), target.adminToken))}.`);
  const { status } = await call(target, what, 'DELETE', `_sandbox/sandboxes/${id}`);
  return status !== 404;
}

// Credentials travel in one place only: the Authorization header, set by the client from the
// credential it checked. Everything else that reaches the network (the baseUrl, path and query
// values, the Idempotency-Key, every other header, whoever added it) is searched for a credential
// and refused before a byte is sent. The error names the place, never the value.
//
// These checks run in every build. The ones that only catch a programming mistake (a header
// that is not a string, a name HTTP cannot carry) run in development builds only, like React's.
import { CredentialError, ExpysConfigError, short } from './errors.js';
import type { Redact } from './redact.js';
import type { EnvironmentTable } from './types.js';

// Long texts and programming-mistake checks in development builds only: bundlers replace
// process.env.NODE_ENV in an app's production build and drop what it guards.
declare const process: { env: { NODE_ENV?: string } };

/** A credential (strictly: a prefix and 16 or more letters and digits, or one this client sent) in `text`, percent-decoded too. */
export function carriesCredential(redact: Redact, text: string): boolean {
  let decoded = text;
  try {
    if (text.includes('%')) decoded = decodeURIComponent(text);
  } catch {
    // not percent-encoded: as it is
  }
  return Boolean(redact.find ? redact.find(text) || (decoded !== text && redact.find(decoded)) : redact(text) !== text);
}

/** The refusal of a credential found in `where` (never quoting it; development builds only: production builds pass ''). */
export const credentialRefusal = (where: string): CredentialError =>
  new CredentialError(
    'credential_in_request',
    process.env.NODE_ENV !== 'production'
      ? `Refused: ${where} carries a credential (an Expys key, secret or token). Nothing was sent. Credentials travel only in the Authorization header, ` +
          'which the client sets from the credential you pass to initialize, after checking it; never in the URL, a parameter, an Idempotency-Key or another header. ' +
          'A backend secret (Org-API-Key, API key, App Secret) never belongs in an app at all: if this code ever shipped in one, rotate the secret.'
      : short('E11'),
  );

/** Throws, naming `where`, if `text` carries a credential. */
export function refuseCredentialIn(redact: Redact, where: string, text: string): void {
  if (carriesCredential(redact, text)) throw credentialRefusal(where);
}

/** A `Headers`, a Map or an array of pairs would spread to nothing (or to index keys): refuse them. */
export function plainHeaders(value: unknown): Record<string, string> {
  const proto = value && Object.getPrototypeOf(value);
  if (value !== undefined && proto !== Object.prototype && proto !== null) {
    throw new ExpysConfigError(
      process.env.NODE_ENV !== 'production' ? 'headers must be a plain object of strings ({ "X-Trace": "abc" }), not a Headers, Map or array.' : short('E12'),
    );
  }
  return value as Record<string, string>;
}

/**
 * The caller's headers (of initialize or of a call), checked: none the client sets itself, plain
 * strings HTTP can carry, no credential in a name or a value ("Bearer …" included). Names
 * lower-cased, so the caller's `accept` replaces the client's instead of sitting beside it.
 */
export function checkedHeaders(redact: Redact, value: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, text] of Object.entries(plainHeaders(value) ?? {})) {
    const lower = name.toLowerCase();
    if (process.env.NODE_ENV !== 'production') {
      const own = {
        authorization: 'pass the credential as `token` to initialize',
        'content-type': 'the client sends JSON bodies as application/json',
        'expys-client': 'the client sends its own name and version',
        'idempotency-key': 'pass `idempotencyKey` in the call options',
      }[lower];
      if (own) throw new ExpysConfigError(`Do not set ${name} in headers: ${own}.`);
      if (typeof text !== 'string') throw new ExpysConfigError(`Header ${name} must be a string.`);
      // fetch would throw on these at send time, where it would look like a network failure.
      if (/[\r\n\0]/.test(text) || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
        throw new ExpysConfigError(`Header ${JSON.stringify(name)} has a name or value HTTP cannot carry (a line break, or a character not allowed in a name).`);
      }
    }
    const line = `${name}: ${text}`;
    if (redact(line) !== line || carriesCredential(redact, line)) throw credentialRefusal(process.env.NODE_ENV !== 'production' ? `header ${name}` : '');
    headers[lower] = text;
  }
  return headers;
}

/**
 * The last check before `fetch`, on the request as openapi-fetch and every middleware left it:
 * it goes to the client's `base` URL (checked at initialize: https for production credentials,
 * the environment's server) and the URL carries no credential. Throws a CredentialError otherwise.
 */
export function checkUrl(redact: Redact, url: string, base: string): void {
  if (!url.startsWith(base)) {
    throw new CredentialError(
      'credential_in_request',
      process.env.NODE_ENV !== 'production'
        ? `Refused: the request goes to ${new URL(url).origin}, not to the client's baseUrl (a per-request baseUrl, or a middleware that changed the URL). Nothing was sent: the credential goes only where initialize's baseUrl says.`
        : short('E17'),
    );
  }
  refuseCredentialIn(redact, process.env.NODE_ENV !== 'production' ? 'the request URL' : '', url);
}

/**
 * The headers of a request a middleware saw or made: each but Authorization carries no
 * credential, and Authorization holds exactly what the client set (`sent`: the values it handed
 * out). Throws a CredentialError otherwise.
 */
export function checkHeaders(redact: Redact, sent: ReadonlySet<string>, headers: Headers): void {
  let others = '';
  let authorization = '';
  headers.forEach((value, name) => {
    if (name === 'authorization') authorization = value;
    else others += `${name}: ${value}\n`;
  });
  if (/\bBearer\s+\S|\bBasic\s+YXBwX/i.test(others) || carriesCredential(redact, others)) throw credentialRefusal(process.env.NODE_ENV !== 'production' ? 'a header of the request' : '');
  if (!sent.has(authorization)) {
    throw new CredentialError(
      'credential_in_request',
      process.env.NODE_ENV !== 'production'
        ? 'Refused: the Authorization header is not the one the client set (a middleware removed or changed it). Nothing was sent. The credential goes in `token` (or `app`) of initialize, where the client checks it.'
        : short('E13'),
    );
  }
}

/** What `checkedBaseUrl` reads: the baseUrl, and the environment it must belong to. */
export interface BaseUrlConfig {
  baseUrl: string;
  /** The environment takes production credentials: https only (see dangerouslyAllowInsecureHttp). */
  live: boolean;
  dangerouslyAllowInsecureHttp?: boolean | undefined;
  environments?: EnvironmentTable | undefined;
  environment?: string | undefined;
}

/**
 * The baseUrl, checked (both clients' `initialize` and the member client's `createMemberClient`):
 * an absolute URL, no credential in it (a user:password@ included), not another environment's
 * server, https for production credentials. Throws an ExpysConfigError or a CredentialError.
 */
export function checkedBaseUrl(config: BaseUrlConfig, redact: Redact): URL {
  let url: URL;
  try {
    url = new URL(config.baseUrl);
  } catch {
    throw new ExpysConfigError(process.env.NODE_ENV !== 'production' ? `baseUrl must be an absolute URL (got ${JSON.stringify(redact(String(config.baseUrl)))}).` : short('E04'));
  }
  if (url.username || url.password) throw credentialRefusal(process.env.NODE_ENV !== 'production' ? 'baseUrl (a user name or password before the host)' : '');
  refuseCredentialIn(redact, process.env.NODE_ENV !== 'production' ? 'baseUrl' : '', config.baseUrl);
  const { environment } = config;
  for (const [name, env] of Object.entries(config.environments ?? {})) {
    if (name !== environment && new URL(env.baseUrl).host === url.host) {
      throw new CredentialError(
        'environment_mismatch',
        process.env.NODE_ENV !== 'production'
          ? `Refused: baseUrl ${url.origin} is the ${name} server, but environment is "${environment}". Nothing was sent. ` +
              `Set environment: "${name}" to call ${name} (with its credentials), or leave baseUrl out to use the ${environment} server.`
          : short('E05'),
      );
    }
  }
  // A production credential in clear text can be read by anything on the way.
  if (config.live && url.protocol !== 'https:' && config.dangerouslyAllowInsecureHttp !== true) {
    throw new CredentialError(
      'insecure_transport',
      process.env.NODE_ENV !== 'production'
        ? `baseUrl ${url.protocol}//${url.host} is not https: production credentials are only sent over https. For a proxy on your own machine that forwards over https, pass dangerouslyAllowInsecureHttp: true.`
        : short('E06'),
    );
  }
  return url;
}

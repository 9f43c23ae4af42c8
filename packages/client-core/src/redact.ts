// Keeps credentials out of error messages: an API detail or a proxy page that echoes a token
// must not carry it into logs. The Org-API-Key and member token prefixes come from the spec's
// servers; the API key and App Secret prefixes from @expys/credentials (every kind it knows).
import { CREDENTIAL_FORMATS } from '@expys/credentials';
import type { EnvironmentTable } from './types.js';

export interface Redact {
  (text: string): string;
  /**
   * The first credential in `text`, if any: a known prefix followed by at least 16 letters and
   * digits (an unknown environment's `expys_…_`/`mt_…_` too). Stricter than redaction, so that
   * an ordinary word such as `secret_sauce` in a query is not taken for an App Secret.
   */
  find?(text: string): string | undefined;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What a redactor searches for: every credential prefix (the environments' own and every kind
 * @expys/credentials knows), longest first, and the kinds' family prefixes that are not one of
 * them (`expys_`: a key of an environment this build does not know). A client generates them
 * for its lean entry (scripts/generate), so an app's bundle needs no credential format table.
 */
export function redactionPatterns(environments: EnvironmentTable): { prefixes: string[]; families: string[] } {
  const formats = Object.values(CREDENTIAL_FORMATS);
  const all = [...Object.values(environments).flatMap((env) => [env.keyPrefix, env.memberTokenPrefix]), ...formats.flatMap((format) => Object.values(format.prefixes))];
  // Longest first, so a prefix that starts another one cannot cut the match short.
  const prefixes = [...new Set(all)].sort((a, b) => b.length - a.length);
  return { prefixes, families: formats.map((f) => f.family).filter((family) => family && !prefixes.includes(family)) };
}

export function createRedactor(environments: EnvironmentTable): Redact {
  return redactorFor(redactionPatterns(environments));
}

/** The redactor of `redactionPatterns`' result. */
export function redactorFor({ prefixes, families }: { readonly prefixes: readonly string[]; readonly families: readonly string[] }): Redact {
  const alternatives = prefixes.map(escape).join('|');
  const pattern = new RegExp(`(${alternatives})[A-Za-z0-9]+`, 'g');
  // A key of an environment this build does not know (`expys_staging_…`) is found by its family.
  const strict = new RegExp(`(?:${[alternatives, ...families.map((family) => `${escape(family)}[a-z]+_`)].join('|')})[A-Za-z0-9]{16,}`);
  // The Authorization schemes the clients send: Bearer (a key or token), and Basic with an
  // application's credentials (base64 of `app_…:secret_…` always starts `YXBwX`; any other word
  // after "basic" is left alone, so "basic auth" in a problem detail reads as written).
  const redact: Redact = (text) => text.replace(pattern, '$1[redacted]').replace(/(Bearer\s+)\S+/gi, '$1[redacted]').replace(/(Basic\s+)YXBwX[A-Za-z0-9+/]*={0,2}/gi, '$1[redacted]');
  // Every prefix has a "_": text without one (most URLs and headers) needs no search.
  const needle = prefixes.every((prefix) => prefix.includes('_')) ? '_' : '';
  redact.find = (text) => (text.includes(needle) ? strict.exec(text)?.[0] : undefined);
  return redact;
}

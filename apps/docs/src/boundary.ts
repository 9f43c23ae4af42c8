// What each audience's page must never contain, and the check the build (on the docs copy and
// on the final HTML) and the browser test run. The member page must not even name the server
// side: its operationIds, its paths, its security schemes (orgApiKey, apiKey, appCredentials),
// its client, its credentials (API keys, the App Secret and App ID, their prefixes and
// variables), the scopes or the Applications tag: the app holds member tokens only.
// The server page may mention member operations in prose, but never the member client or the
// member token variable: its samples are all server-side.
import { auditAudienceBundle, foreignNames } from '../../../scripts/bundle/audit.js';
import { escapeRegExp, matchesIn, wholePathPattern, wholeWordsIn } from '../../../scripts/bundle/find-names.js';
import { operationsOf, type OpenApiDocument } from '../../../scripts/bundle/walk.js';
import { AUDIENCES, type Audience } from './bundles.js';
import { APP_CREDENTIAL_ENV, CLIENT_PACKAGE, CREDENTIAL_ENV } from './clients.js';

const other = (audience: Audience): Audience => AUDIENCES.find((a) => a !== audience)!;

export interface Forbidden {
  name: string;
  pattern: RegExp;
  /**
   * A name matched as a whole word (`pattern` is the name between non-word characters), a path,
   * or a phrase or prefix (`pattern` says how: `API key`, `App Secret` in any case; `secret_`
   * at the start of a word).
   */
  kind: 'word' | 'path' | 'phrase';
  /** What every match starts with: the name itself, or the path's text before its first parameter. */
  prefix: string;
}

/** The characters a name must not touch on either side to count as named: `listOffers` is not in `listOffersPage`. */
const WORD_CHARS = 'A-Za-z0-9_-';

/** The names of the backend's credentials, in prose, any case: "API key(s)", "App Secret", "App ID". */
const CREDENTIAL_PHRASES = ['API key', 'App Secret', 'App ID'];
/** The App Secret's prefix (`secret_` + 32: @expys/credentials); the API keys' come from the spec's apiKey scheme. */
const APP_SECRET_PREFIX = 'secret_';

/** The scope names: the ApiKeyScope schema's enum and every scope an operation's `apiKey` requirement names. */
export function scopeNames(full: OpenApiDocument): string[] {
  const fromSchema: unknown = full.components?.schemas?.ApiKeyScope?.enum;
  const fromOperations = operationsOf(full).flatMap((e) => (e.operation.security ?? []).flatMap((r: Record<string, string[]>) => r.apiKey ?? []));
  return [...new Set([...(Array.isArray(fromSchema) ? fromSchema.map(String) : []), ...fromOperations])];
}

/** The API keys' prefixes from the spec's apiKey scheme (`test_sk_… / prod_sk_…`), and the App Secret's. */
export function serverSecretPrefixes(full: OpenApiDocument): string[] {
  const format = String(full.components?.securitySchemes?.apiKey?.bearerFormat ?? '');
  return [...new Set([...[...format.matchAll(/([a-z]+_[a-z]+_)…/g)].map((m) => m[1]), APP_SECRET_PREFIX])];
}

export function forbiddenNames(audience: Audience, full: OpenApiDocument): Forbidden[] {
  const theirs = other(audience);
  const words = [CLIENT_PACKAGE[theirs], CREDENTIAL_ENV[theirs]];
  const paths: string[] = [];
  const phrases: Forbidden[] = [];
  if (audience === 'member') {
    const foreign = foreignNames(full, 'member');
    words.push(...foreign.operationIds, 'orgApiKey', 'apiKey', 'appCredentials', 'Applications', APP_CREDENTIAL_ENV.appId, APP_CREDENTIAL_ENV.appSecret, ...scopeNames(full));
    paths.push(...foreign.paths);
    for (const phrase of CREDENTIAL_PHRASES) {
      const [first, second] = phrase.split(' ');
      phrases.push({ name: phrase, kind: 'phrase', prefix: first, pattern: new RegExp(`(?<![${WORD_CHARS}])${first}[ -]${second}s?(?![${WORD_CHARS}])`, 'i') });
    }
    // A prefix at the start of a word: `secret_…`, `test_sk_abc`, not `app_secret_not_allowed`.
    for (const prefix of serverSecretPrefixes(full)) phrases.push({ name: prefix, kind: 'phrase', prefix, pattern: new RegExp(`(?<![${WORD_CHARS}])${escapeRegExp(prefix)}`) });
  }
  return [
    ...words.map((name) => ({ name, kind: 'word' as const, prefix: name, pattern: new RegExp(`(?<![${WORD_CHARS}])${escapeRegExp(name)}(?![${WORD_CHARS}])`) })),
    // A path also leaks inside a URL, with its parameters filled in (/v1/members/user_123).
    ...paths.map((name) => ({ name, kind: 'path' as const, prefix: name.split(/\{[^}]+\}/)[0], pattern: wholePathPattern(name) })),
    ...phrases,
  ];
}

/**
 * A page without Redoc's own code, which `--inlineBundle` puts into the page's module script
 * before the spec (`const __redoc_definition = …`): it names `apiKey` and "API key" whatever the
 * spec says, and is not ours to check. The spec's data after it and the rendered HTML are kept.
 * Fail closed: without that marker, nothing is removed (and the library's words then fail the check).
 */
export function withoutRedocLibrary(html: string): string {
  const definition = html.indexOf('const __redoc_definition');
  // The library's own text holds `<script` strings: its tag is the first module script.
  const tag = /<script\b[^>]*\btype="module"[^>]*>/.exec(html);
  if (definition < 0 || !tag || tag.index > definition) return html;
  return html.slice(0, tag.index + tag[0].length) + html.slice(definition);
}

/**
 * The forbidden names found in `text`: those whose `pattern` matches it (in a page, Redoc's own
 * code aside: see `withoutRedocLibrary`). A page is megabytes and
 * the names are hundreds at scale, so the text is read once for all the words and once for all
 * the paths (scripts/bundle/find-names.ts) instead of once per name; the answers are the same.
 */
export function leaksIn(page: string, audience: Audience, full: OpenApiDocument): string[] {
  const text = withoutRedocLibrary(page);
  const forbidden = forbiddenNames(audience, full);
  const words = wholeWordsIn(text, forbidden.filter((f) => f.kind === 'word').map((f) => f.name), WORD_CHARS);
  const paths = forbidden.filter((f) => f.kind === 'path');
  const pathsFound = new Set([...matchesIn(text, paths)].map((i) => paths[i].name));
  // A handful of phrases and prefixes: one search each.
  const phrasesFound = new Set(forbidden.filter((f) => f.kind === 'phrase' && f.pattern.test(text)).map((f) => f.name));
  return forbidden.filter((f) => ({ word: words, path: pathsFound, phrase: phrasesFound })[f.kind].has(f.name)).map(({ name }) => name);
}

/** The bundle audit of scripts/bundle, plus the names above, on a docs copy. */
export function auditDocsCopy(copy: OpenApiDocument, audience: Audience, full: OpenApiDocument): string[] {
  return [
    ...auditAudienceBundle(copy, audience, full).map((v) => `${v.where}: ${v.message}`),
    ...leaksIn(JSON.stringify(copy), audience, full).map((name) => `names ${JSON.stringify(name)}, which belongs to the other side`),
  ];
}

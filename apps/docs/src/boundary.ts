// What each audience's page must never contain, and the check the build (on the docs copy and
// on the final HTML) and the browser test run. The member page must not even name the server
// side: its operationIds, its paths, the orgApiKey scheme, its client or its credential.
// The server page may mention member operations in prose, but never the member client or the
// member token variable: its samples are all server-side.
import { auditAudienceBundle, foreignNames } from '../../../scripts/bundle/audit.js';
import { escapeRegExp, matchesIn, wholePathPattern, wholeWordsIn } from '../../../scripts/bundle/find-names.js';
import type { OpenApiDocument } from '../../../scripts/bundle/walk.js';
import { AUDIENCES, type Audience } from './bundles.js';
import { CLIENT_PACKAGE, CREDENTIAL_ENV } from './clients.js';

const other = (audience: Audience): Audience => AUDIENCES.find((a) => a !== audience)!;

export interface Forbidden {
  name: string;
  pattern: RegExp;
  /** A name matched as a whole word (`pattern` is the name between non-word characters), or a path. */
  kind: 'word' | 'path';
  /** What every match starts with: the name itself, or the path's text before its first parameter. */
  prefix: string;
}

/** The characters a name must not touch on either side to count as named: `listOffers` is not in `listOffersPage`. */
const WORD_CHARS = 'A-Za-z0-9_-';

export function forbiddenNames(audience: Audience, full: OpenApiDocument): Forbidden[] {
  const theirs = other(audience);
  const words = [CLIENT_PACKAGE[theirs], CREDENTIAL_ENV[theirs]];
  const paths: string[] = [];
  if (audience === 'member') {
    const foreign = foreignNames(full, 'member');
    words.push(...foreign.operationIds, 'orgApiKey');
    paths.push(...foreign.paths);
  }
  return [
    ...words.map((name) => ({ name, kind: 'word' as const, prefix: name, pattern: new RegExp(`(?<![${WORD_CHARS}])${escapeRegExp(name)}(?![${WORD_CHARS}])`) })),
    // A path also leaks inside a URL, with its parameters filled in (/v1/members/user_123).
    ...paths.map((name) => ({ name, kind: 'path' as const, prefix: name.split(/\{[^}]+\}/)[0], pattern: wholePathPattern(name) })),
  ];
}

/**
 * The forbidden names found in `text`: those whose `pattern` matches it. A page is megabytes and
 * the names are hundreds at scale, so the text is read once for all the words and once for all
 * the paths (scripts/bundle/find-names.ts) instead of once per name; the answers are the same.
 */
export function leaksIn(text: string, audience: Audience, full: OpenApiDocument): string[] {
  const forbidden = forbiddenNames(audience, full);
  const words = wholeWordsIn(text, forbidden.filter((f) => f.kind === 'word').map((f) => f.name), WORD_CHARS);
  const paths = forbidden.filter((f) => f.kind === 'path');
  const pathsFound = new Set([...matchesIn(text, paths)].map((i) => paths[i].name));
  return forbidden.filter((f) => (f.kind === 'word' ? words : pathsFound).has(f.name)).map(({ name }) => name);
}

/** The bundle audit of scripts/bundle, plus the names above, on a docs copy. */
export function auditDocsCopy(copy: OpenApiDocument, audience: Audience, full: OpenApiDocument): string[] {
  return [
    ...auditAudienceBundle(copy, audience, full).map((v) => `${v.where}: ${v.message}`),
    ...leaksIn(JSON.stringify(copy), audience, full).map((name) => `names ${JSON.stringify(name)}, which belongs to the other side`),
  ];
}

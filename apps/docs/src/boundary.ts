// What each audience's page must never contain, and the check the build (on the docs copy and
// on the final HTML) and the browser test run. The member page must not even name the server
// side: its operationIds, its paths, the orgApiKey scheme, its client or its credential.
// The server page may mention member operations in prose, but never the member client or the
// member token variable: its samples are all server-side.
import { auditAudienceBundle, foreignNames } from '../../../scripts/bundle/audit.js';
import type { OpenApiDocument } from '../../../scripts/bundle/walk.js';
import { AUDIENCES, type Audience } from './bundles.js';
import { CLIENT_PACKAGE, CREDENTIAL_ENV } from './clients.js';

const other = (audience: Audience): Audience => AUDIENCES.find((a) => a !== audience)!;

export interface Forbidden {
  name: string;
  pattern: RegExp;
}

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
    ...words.map((name) => ({ name, pattern: new RegExp(`(?<![A-Za-z0-9_-])${escapeRegExp(name)}(?![A-Za-z0-9_-])`) })),
    // A path also leaks inside a URL, with its parameters filled in (/v1/members/user_123).
    ...paths.map((name) => ({ name, pattern: new RegExp(`${pathPattern(name)}(?![A-Za-z0-9_-])`) })),
  ];
}

/** The forbidden names found in `text`. */
export function leaksIn(text: string, audience: Audience, full: OpenApiDocument): string[] {
  return forbiddenNames(audience, full)
    .filter(({ pattern }) => pattern.test(text))
    .map(({ name }) => name);
}

/** The bundle audit of scripts/bundle, plus the names above, on a docs copy. */
export function auditDocsCopy(copy: OpenApiDocument, audience: Audience, full: OpenApiDocument): string[] {
  return [
    ...auditAudienceBundle(copy, audience, full).map((v) => `${v.where}: ${v.message}`),
    ...leaksIn(JSON.stringify(copy), audience, full).map((name) => `names ${JSON.stringify(name)}, which belongs to the other side`),
  ];
}

const pathPattern = (template: string) =>
  template.split(/\{[^}]+\}/).map(escapeRegExp).join('(?:\\{[^}]+\\}|[^/\\s"\'?#]+)');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

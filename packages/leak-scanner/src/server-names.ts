// Server-only names of the Expys API in a text: operationIds as whole identifiers, paths also
// inside URLs with their parameters filled in. Which names occur is found in one pass for all
// of them (find-names.ts); only those are then located, so a clean file costs one read.
import { escapeRegExp, matchesIn, wholePathPattern, wholeWordsIn } from './find-names.js';
import { SERVER_NAMES } from './generated/server-names.js';
import type { RuleId } from './rules.js';

export interface ServerNames {
  operationIds: readonly string[];
  paths: readonly string[];
}

export interface NameHit {
  rule: RuleId;
  index: number;
  name: string;
}

/** Characters of a JavaScript identifier: `getMember` is not named in `getMembers` or `$getMember`. */
const IDENTIFIER_CHARS = 'A-Za-z0-9_$';

/** The names of the spec this package was built from (src/generated, written at build time). */
export const BUILT_IN_SERVER_NAMES: ServerNames = SERVER_NAMES;

export function serverNameFinder(names: ServerNames, allowed: ReadonlySet<string> = new Set()) {
  const operationIds = names.operationIds.filter((name) => !allowed.has(name));
  const idPatterns = new Map(operationIds.map((name) => [name, new RegExp(`(?<![${IDENTIFIER_CHARS}])${escapeRegExp(name)}(?![${IDENTIFIER_CHARS}])`, 'g')]));
  const paths = names.paths
    .filter((name) => !allowed.has(name))
    .map((name) => ({ name, prefix: name.split(/\{[^}]+\}/)[0], pattern: wholePathPattern(name, 'g') }));

  return function serverNamesIn(text: string): NameHit[] {
    const hits: NameHit[] = [];
    for (const name of wholeWordsIn(text, operationIds, IDENTIFIER_CHARS)) {
      for (const match of text.matchAll(idPatterns.get(name)!)) hits.push({ rule: 'expys-server-operation', index: match.index, name });
    }
    // Where two paths match at one place (`/v1/webhooks/we_1`: `/v1/webhooks` and
    // `/v1/webhooks/{webhookId}`), the longest match is the one named.
    const longest = new Map<number, { name: string; length: number }>();
    for (const i of matchesIn(text, paths)) {
      for (const match of text.matchAll(paths[i].pattern)) {
        if ((longest.get(match.index)?.length ?? -1) < match[0].length) longest.set(match.index, { name: paths[i].name, length: match[0].length });
      }
    }
    for (const [index, { name }] of longest) hits.push({ rule: 'expys-server-path', index, name });
    return hits.sort((a, b) => a.index - b.index);
  };
}

// Finds many names in a large text at once. The leak scanner (in app builds), the bundle audit
// and the docs build (scripts/bundle, apps/docs, which import this file) check that the server
// side is never named: hundreds of operationIds and paths against megabytes of text. One regular
// expression per name costs names × text (quadratic in the number of operations); these helpers
// read the text once, with exactly the same answers.

/** Up to this many names, one regular expression each (a scan of a 4 MB page takes about a millisecond). */
const FEW = 16;

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The regular expression source of a path template (`/v1/members/{externalUserID}`): a path also
 * leaks inside a URL with its parameters filled in (`/v1/members/user_123`), so each parameter
 * matches a value as well as the template text.
 */
export const pathTemplateSource = (template: string) =>
  // A parameter: the template's `{name}`, a template literal's `${…}`, or a value (no braces or `$`).
  template.split(/\{[^}]+\}/).map(escapeRegExp).join('(?:\\{[^}]+\\}|\\$\\{[^}]*\\}|[^/\\s"\'?#{}$]+)');

/**
 * A path is named only as a whole template: not when more of a path follows it. `/v1/webhooks` is
 * not named in `/v1/webhooks-beta`, and `/v1/offers/{offerId}` not in `/v1/offers/{offerId}/eligibility`
 * (or `/v1/offers/${id}/eligibility`), another operation, which a member app may call while the
 * shorter one is server-only. A segment goes on with a letter, a digit or `_-~%`; a path goes on
 * with `/` and another segment (a literal, a `{name}` or a `${…}`). What ends a path: anything
 * else, a query (`?`, `{?cursor}`) and a template literal's `${query}` right after it included.
 */
export const PATH_END = '(?![A-Za-z0-9_%~-]|/[A-Za-z0-9_{$%~-])';

/** The pattern of a whole path template in a text (see `pathTemplateSource` and `PATH_END`). */
export const wholePathPattern = (template: string, flags = '') => new RegExp(`${pathTemplateSource(template)}${PATH_END}`, flags);

/**
 * The names that occur in `text` as whole words, where `wordChars` is the body of a character
 * class (`A-Za-z0-9_`): exactly the names for which `(?<![wordChars])name(?![wordChars])`
 * matches. The names made only of word characters are searched all at once, by one alternation
 * (V8 scans a literal alternation fast: on 24 MB of minified JS, 15 names took 60 ms this way
 * against 140 ms one regular expression each, and 1,000 names 45 ms against 540 ms for a Set of
 * the text's words); at most one of them can be the whole word starting at a position, so no
 * occurrence hides another. Any other name (a path, a package name) is searched from the
 * positions where its first characters are (see `matchesIn`).
 */
export function wholeWordsIn(text: string, names: readonly string[], wordChars: string): Set<string> {
  const isWord = new RegExp(`^[${wordChars}]+$`);
  const words = [...new Set(names.filter((name) => isWord.test(name)))];
  const others = names.filter((name) => !isWord.test(name));
  const found = new Set<string>();
  if (words.length > 0) {
    const anyWord = new RegExp(`(?<![${wordChars}])(?:${words.map(escapeRegExp).join('|')})(?![${wordChars}])`, 'g');
    for (const match of text.matchAll(anyWord)) {
      found.add(match[0]);
      if (found.size === words.length) break;
    }
  }
  const patterns = others.map((name) => ({
    prefix: name,
    pattern: new RegExp(`(?<![${wordChars}])${escapeRegExp(name)}(?![${wordChars}])`),
  }));
  for (const i of matchesIn(text, patterns)) found.add(others[i]);
  return found;
}

/**
 * The indexes of the patterns that match somewhere in `text`, as `pattern.test(text)` would
 * say, where every match of a pattern starts with its literal `prefix` (lookbehinds allowed).
 * Instead of one scan of the text per pattern: one trie of the prefixes, walked from each
 * position where one of them could start; a pattern is tried only where its prefix is.
 * A pattern with an empty prefix is tested on the whole text.
 */
export function matchesIn(text: string, patterns: readonly { prefix: string; pattern: RegExp }[]): Set<number> {
  interface Node {
    next: Map<string, Node>;
    ends: number[];
  }
  const found = new Set<number>();
  const plain = (pattern: RegExp) => new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  if (patterns.length <= FEW) {
    patterns.forEach(({ pattern }, i) => plain(pattern).test(text) && found.add(i));
    return found;
  }
  const root: Node = { next: new Map(), ends: [] };
  const sticky: RegExp[] = [];
  patterns.forEach(({ prefix, pattern }, i) => {
    sticky[i] = new RegExp(pattern.source, `${plain(pattern).flags}y`);
    if (prefix === '') {
      if (plain(pattern).test(text)) found.add(i);
      return;
    }
    let node = root;
    // By UTF-16 code unit, as the text is read below.
    for (let k = 0; k < prefix.length; k++) {
      const char = prefix[k];
      let child = node.next.get(char);
      if (!child) node.next.set(char, (child = { next: new Map(), ends: [] }));
      node = child;
    }
    node.ends.push(i);
  });
  let left = patterns.filter((p) => p.prefix !== '').length;
  for (const first of root.next.keys()) {
    for (let at = text.indexOf(first); at !== -1 && left > 0; at = text.indexOf(first, at + 1)) {
      let node: Node | undefined = root;
      for (let i = at; node && i <= text.length; i++) {
        for (const index of node.ends) {
          if (found.has(index)) continue;
          sticky[index].lastIndex = at;
          if (sticky[index].test(text)) {
            found.add(index);
            left--;
          }
        }
        node = i < text.length ? node.next.get(text[i]) : undefined;
      }
    }
  }
  return found;
}

// The one-pass name finders answer exactly what one regular expression per name answers.
import { describe, expect, it } from 'vitest';
import { matchesIn, wholeWordsIn } from '../find-names.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const naiveWords = (text: string, names: string[], wordChars: string) =>
  new Set(names.filter((name) => new RegExp(`(?<![${wordChars}])${escape(name)}(?![${wordChars}])`).test(text)));

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(next: () => number, items: readonly T[]) => items[Math.floor(next() * items.length)];
const word = (next: () => number, alphabet: string, max: number) =>
  Array.from({ length: 1 + Math.floor(next() * max) }, () => pick(next, [...alphabet])).join('');

describe('wholeWordsIn', () => {
  const names = ['getMember', 'getMemberS1', 'orgApiKey', '/v1/members/{externalUserID}', '/v1/s1/points/credit', '@expys/server-client'];
  // Enough names to take the one-pass path, not one regular expression each.
  const many = [...names, ...Array.from({ length: 40 }, (_, i) => `filler${i}`)];

  it('finds whole words only, at the edges of the text too', () => {
    const text = 'getMember("x") calls getMemberS12 and /v1/s1/points/credits; @expys/server-client.';
    for (const list of [names, many]) {
      expect([...wholeWordsIn(text, list, 'A-Za-z0-9_')].sort()).toEqual(['@expys/server-client', 'getMember']);
      expect([...wholeWordsIn('getMemberS1', list, 'A-Za-z0-9_')]).toEqual(['getMemberS1']);
      expect([...wholeWordsIn('"/v1/members/{externalUserID}"', list, 'A-Za-z0-9_')]).toEqual(['/v1/members/{externalUserID}']);
      expect([...wholeWordsIn('x/v1/members/{externalUserID}', list, 'A-Za-z0-9_')]).toEqual([]);
      expect([...wholeWordsIn('a/v1/s1/points/credit-b', list, 'A-Za-z0-9_-')]).toEqual([]);
    }
  });

  it('agrees with one regular expression per name on random texts', () => {
    const next = random(14);
    for (let round = 0; round < 300; round++) {
      const alphabet = 'ab_-/{}.';
      const list = Array.from({ length: 1 + Math.floor(next() * 40) }, () => word(next, alphabet, 5));
      const text = Array.from({ length: 60 }, () => (next() < 0.3 ? pick(next, list) : word(next, `${alphabet} "`, 4))).join(pick(next, ['', ' ', '/', '"']));
      for (const wordChars of ['A-Za-z0-9_', 'A-Za-z0-9_-']) {
        expect([...wholeWordsIn(text, list, wordChars)].sort(), `${JSON.stringify(list)} in ${JSON.stringify(text)}`).toEqual([...naiveWords(text, list, wordChars)].sort());
      }
    }
  });
});

describe('matchesIn', () => {
  // The docs' path patterns: a literal start, parameters that match a value or the template.
  const pathPattern = (template: string) =>
    new RegExp(`${template.split(/\{[^}]+\}/).map(escape).join('(?:\\{[^}]+\\}|[^/\\s"\'?#]+)')}(?![A-Za-z0-9_-])`);

  it('agrees with pattern.test on random texts, overlapping prefixes included', () => {
    const next = random(7);
    for (let round = 0; round < 300; round++) {
      const templates = Array.from({ length: 1 + Math.floor(next() * 40) }, () =>
        Array.from({ length: 1 + Math.floor(next() * 3) }, () => (next() < 0.3 ? '{id}' : word(next, 'ab', 2))).join('/').replace(/^/, next() < 0.9 ? '/' : ''),
      );
      const patterns = templates.map((t) => ({ prefix: t.split(/\{[^}]+\}/)[0], pattern: pathPattern(t) }));
      const text = Array.from({ length: 40 }, () => (next() < 0.3 ? pick(next, templates).replace('{id}', pick(next, ['x1', '{id}', ''])) : word(next, 'ab/-" ', 4))).join('');
      const expected = patterns.flatMap(({ pattern }, i) => (pattern.test(text) ? [i] : []));
      expect([...matchesIn(text, patterns)].sort((a, b) => a - b), `${JSON.stringify(templates)} in ${JSON.stringify(text)}`).toEqual(expected);
    }
  });
});

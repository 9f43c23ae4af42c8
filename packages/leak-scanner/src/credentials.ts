// Credentials in a text: every credential-shaped string (@expys/credentials tells real from
// look-alike by the checksum), plus real ones that the text does not hold in one piece, as
// source code and build tools write them by accident:
// - split across string literals: `"expys_live_abc" +\n "def…"`, a `\`-newline continuation,
//   a template literal (`\`expys_live_${"abc"}${"def…"}\``), an array join
//   (`["expys_live_abc", "def…"].join("")`), `.concat(…)`; also inside the prefix (`"expys_li" + "ve_…"`,
//   `"prod_" + "sk_…"`, `"sec" + "ret_…"`);
// - written with `\x` / `\u` escapes (`"expys\u005flive_…"`, `"\x65xpys_live_…"`).
// Those are found by decoding the text from each place where a prefix starts, seams and escapes
// allowed; the checksum confirms the guess, so only a real credential is reported that way.
import { CREDENTIAL_FORMATS, CREDENTIAL_KINDS, ENVIRONMENTS, checksumMatches, type CredentialKind } from '@expys/credentials';
import type { RuleId } from './rules.js';

export interface CredentialHit {
  rule: RuleId;
  /** Where the credential starts in the text as written (its first character, or the escape of it). */
  index: number;
  /** What may be printed: the prefix and the first 4 characters of the body. */
  redacted: string;
  /** Found only once string-literal seams were removed. */
  split?: true;
  /** Found only once `\x` / `\u` escapes were decoded. */
  escaped?: true;
}

/** Every prefix once, with its kind (the App Secret has one prefix for both environments). */
const PREFIXES = CREDENTIAL_KINDS.flatMap((kind) => [...new Set(ENVIRONMENTS.map((environment) => CREDENTIAL_FORMATS[kind].prefixes[environment]))].map((prefix) => ({ kind, prefix })));

const QUOTE = `["'\`]`;
/**
 * What may stand between two pieces of one string in source code, longest first: `"+"`, `","`
 * (array elements: whatever the separator of the join, the pieces leak the key), `".concat("`,
 * `"}${"` (two substitutions of a template literal), `${"` and `"}` (template text into a
 * substitution and back), a backslash-newline continuation. Whitespace and newlines allowed.
 */
const SEAM_SOURCE = [
  `${QUOTE}\\s*(?:\\+|,|\\.concat\\()\\s*${QUOTE}`,
  `${QUOTE}\\s*\\}\\s*\\$\\{\\s*${QUOTE}`,
  `\\$\\{\\s*${QUOTE}`,
  `${QUOTE}\\s*\\}`,
  `\\\\\\r?\\n`,
].join('|');
const SEAM = new RegExp(SEAM_SOURCE, 'y');
/** `\xHH`, `\uHHHH`, `\u{H…}`: what JavaScript (and JSON, for `\u`) write a character as. */
const ESCAPE = /\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|u\{([0-9A-Fa-f]{1,6})\})/y;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One character as a string literal may write it: itself or an escape (hex digits in either case). */
function characterSource(char: string): string {
  return `(?:${escapeRegExp(char)}|\\\\${escapeSource(char)})`;
}

/** The escapes of one character after their backslash: `x65`, `u0065`, `u{65}` (hex digits in either case). */
function escapeSource(char: string): string {
  const hex = [...char.charCodeAt(0).toString(16).padStart(2, '0')].map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d)).join('');
  return `(?:x${hex}|u00${hex}|u\\{0*${hex}\\})`;
}

/** Words as one pattern (a trie: shared starts written once), each character possibly escaped, a seam possibly between two. */
function wordsSource(words: readonly string[]): string {
  const alternatives = [...byFirstCharacter(words)].map(([first, rest]) => characterSource(first) + rest);
  return alternatives.length === 1 ? alternatives[0] : `(?:${alternatives.join('|')})`;
}

/** Words grouped by their first character, each group with the pattern of what follows it. */
function byFirstCharacter(words: readonly string[]): Map<string, string> {
  const byFirst = new Map<string, string[]>();
  for (const word of words) byFirst.set(word[0], [...(byFirst.get(word[0]) ?? []), word.slice(1)]);
  return new Map(
    [...byFirst].map(([first, rests]) => {
      const more = rests.filter((rest) => rest !== '');
      return [first, more.length > 0 ? `(?:${SEAM_SOURCE})?${wordsSource(more)}` : ''];
    }),
  );
}

/**
 * The search pattern: as `wordsSource`, but the escaped first characters share one branch behind
 * their backslash. A source map's JSON holds a backslash every few dozen characters (`\\n`, `\\"`):
 * there, one test (`x` or `u` next?) replaces one per escape form of each anchor.
 */
function searchSource(words: readonly string[]): string {
  const groups = [...byFirstCharacter(words)];
  const plain = groups.map(([first, rest]) => escapeRegExp(first) + rest);
  const escaped = groups.map(([first, rest]) => escapeSource(first) + rest);
  return `${plain.join('|')}|\\\\(?=[xu])(?:${escaped.join('|')})`;
}

/**
 * Where the search for each prefix starts: at a rare character (its index in the prefix). Starting
 * at `e`, `t`, `p` or `s`, common letters in code, would stop the search every few characters;
 * `x` stops it about every two hundred, and what precedes the anchor is checked only there (see
 * `startOf`). `test_sk_` and `prod_sk_` share no first character but share `k_`, so both start
 * there, as one branch of the search; `secret_` starts at `cret_`, not at `secret` (a word code
 * often holds: `clientSecret`, `secret_key`). A prefix not listed starts at its first character.
 */
const ANCHOR: Readonly<Record<string, number>> = { expys_test_: 1, expys_live_: 1, test_sk_: 6, prod_sk_: 6, secret_: 2 };

const SEARCHED = PREFIXES.map((p) => {
  const at = ANCHOR[p.prefix] ?? 0;
  const behind = [...p.prefix.slice(0, at)].map((char) => `${characterSource(char)}(?:${SEAM_SOURCE})?`).join('');
  return {
    ...p,
    at,
    /** The part of the prefix from the anchor on. */
    ahead: p.prefix.slice(at),
    /** What must end right before the anchor: the prefix's first characters, as written. */
    behind: at > 0 ? new RegExp(`(?:${behind})$`) : undefined,
  };
});

/**
 * Every place a prefix is written, plainly, escaped or split, from its anchor on: one pass over
 * the text, as fast as the two it replaces (the plain prefixes, and whole credentials). No
 * look-behind: Node 20's engine runs one several times slower.
 */
const ANY_PREFIX = new RegExp(searchSource([...new Set(SEARCHED.map((p) => p.ahead))]), 'g');

/** How far back from an anchor the start of a prefix is looked for. */
const LOOK_BACK = 100;

/**
 * Whether `code` can end what is written before an anchor whose plain predecessor is `plain`: that
 * character itself, the end of an escape of it (a hex digit, `}`), or the end of a seam (a quote,
 * `}`, a newline). Checked before the look back, which costs a slice and a regular expression: an
 * anchor's text may be common (`t_` in `cannot_be`), a whole prefix before it is not.
 */
const canEndBehind = (code: number, plain: number) =>
  code === plain || (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102) || code === 125 || code === 34 || code === 39 || code === 96 || code === 10;

/** Where the prefix whose anchor part `written` is at `index` starts, and which prefix it is; `undefined` when nothing fits. */
function startOf(text: string, index: number, written: string) {
  const spelt = spelled(written, 0, written.length).text;
  for (const { ahead, behind, kind, prefix, at } of SEARCHED) {
    if (ahead !== spelt) continue;
    if (!behind) return { start: index, kind, prefix };
    if (!canEndBehind(text.charCodeAt(index - 1), prefix.charCodeAt(at - 1))) continue;
    const from = Math.max(0, index - LOOK_BACK);
    const before = behind.exec(text.slice(from, index));
    if (before) return { start: from + before.index, kind, prefix };
  }
  return undefined;
}

/**
 * How many characters of the text one credential may take, seams and escapes included: room for
 * every character escaped (`\u0065`: 6 each) and a few seams across lines. A bound on the work per
 * prefix, not a guess: the checksum decides.
 */
const MAX_WRITTEN = 600;

const isBase62Code = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/** The characters the text spells from `start`, seams removed and escapes decoded, up to `want` of them. */
function spelled(text: string, start: number, want: number) {
  let out = '';
  let split = false;
  let escaped = false;
  const end = Math.min(text.length, start + MAX_WRITTEN);
  for (let i = start; out.length < want && i < end; ) {
    const code = text.charCodeAt(i);
    if (isBase62Code(code) || code === 95 /* _ */) {
      out += text[i++];
      continue;
    }
    if (code === 92 /* \ */) {
      ESCAPE.lastIndex = i;
      const escape = ESCAPE.exec(text);
      const point = escape ? parseInt(escape[1] ?? escape[2] ?? escape[3], 16) : -1;
      if (escape && point <= 0x10ffff) {
        out += String.fromCodePoint(point);
        escaped = true;
        i = ESCAPE.lastIndex;
        continue;
      }
    }
    SEAM.lastIndex = i;
    if (!SEAM.test(text)) break;
    split = true;
    i = SEAM.lastIndex;
  }
  return { text: out, split, escaped };
}

/** Whether the backslash at `index` is itself escaped (`\\x65` is a backslash, then `x65`). */
function escapedBackslash(text: string, index: number): boolean {
  let count = 0;
  for (let i = index - 1; i >= 0 && text.charCodeAt(i) === 92; i--) count++;
  return count % 2 === 1;
}

export const redact = (prefix: string, body: string) => `${prefix}${body.slice(0, 4)}…`;

/** The rule of a credential whose checksum verifies, by kind. */
export const RULE_OF_KIND: Readonly<Record<CredentialKind, RuleId>> = {
  'org-api-key': 'expys-org-api-key',
  'api-key': 'expys-api-key',
  'app-secret': 'expys-app-secret',
  'member-token': 'expys-member-token',
};

/**
 * The kinds whose look-alikes are not reported. `secret_` + 32 letters and digits is a shape other
 * software writes too (`client_secret_…`, a hex secret after `secret_`): without a checksum that
 * verifies, it is not ours, and a notice would be noise. The other prefixes are Expys's own, so a
 * look-alike of them is most likely a placeholder or a damaged key, worth a notice.
 */
const UNREPORTED_LOOK_ALIKES: ReadonlySet<CredentialKind> = new Set(['app-secret']);

const ruleFor = (kind: CredentialKind, checksumValid: boolean): RuleId => (checksumValid ? RULE_OF_KIND[kind] : 'expys-look-alike');

/** A whole credential right after a plain prefix, as `findCredentials` reads it: the body, then no letter or digit. */
const BODY = Object.fromEntries(CREDENTIAL_KINDS.map((kind) => [kind, new RegExp(`[A-Za-z0-9]{${CREDENTIAL_FORMATS[kind].length}}(?![A-Za-z0-9])`, 'y')])) as Record<CredentialKind, RegExp>;

/**
 * Credentials in `text`. With `splitOnly`, only those the text does not hold in one piece (split
 * or escaped), for a text whose direct matches are reported elsewhere, such as a source map's
 * embedded sources.
 *
 * One pass finds every prefix, plain or not. After a plain one, a whole credential is read as
 * `findCredentials` of @expys/credentials reads it (the same matches: a look-alike included);
 * anything else is spelled out (seams removed, escapes decoded) and counts only when the checksum
 * verifies: spelling is a guess, the checksum confirms it.
 */
export function credentialsIn(text: string, { splitOnly = false } = {}): CredentialHit[] {
  const hits: CredentialHit[] = [];
  // The one shared pattern (a copy per text would be compiled again each time); nothing in the loop calls back here.
  const anyPrefix = ANY_PREFIX;
  anyPrefix.lastIndex = 0;
  // Where the last whole credential ended: a prefix starting before it (its first characters inside
  // that credential, the anchor after) is not another one, as `findCredentials` reads the text.
  let taken = 0;
  for (let match = anyPrefix.exec(text); match; match = anyPrefix.exec(text)) {
    const found = startOf(text, match.index, match[0]);
    if (!found || found.start < taken) continue;
    const { start: at, kind, prefix } = found;
    if (text.startsWith(prefix, at)) {
      const body = BODY[kind];
      body.lastIndex = at + prefix.length;
      if (body.test(text)) {
        anyPrefix.lastIndex = taken = body.lastIndex;
        const value = text.slice(at + prefix.length, body.lastIndex);
        const valid = checksumMatches(prefix, value, CREDENTIAL_FORMATS[kind].length);
        if (!splitOnly && (valid || !UNREPORTED_LOOK_ALIKES.has(kind))) hits.push({ rule: ruleFor(kind, valid), index: at, redacted: redact(prefix, value) });
        continue;
      }
    } else if (text.charCodeAt(at) === 92 && escapedBackslash(text, at)) {
      continue;
    }
    const { length } = CREDENTIAL_FORMATS[kind];
    const spelt = spelled(text, at, prefix.length + length + 1);
    const body = spelt.text.slice(prefix.length, prefix.length + length);
    if (isBase62Code(spelt.text.charCodeAt(prefix.length + length)) || !checksumMatches(prefix, body, length)) continue;
    hits.push({ rule: ruleFor(kind, true), index: at, redacted: redact(prefix, body), ...(spelt.split ? { split: true } : {}), ...(spelt.escaped ? { escaped: true } : {}) });
  }
  return hits;
}

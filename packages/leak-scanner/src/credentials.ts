// Credentials in a text: every credential-shaped string (@expys/credentials tells real from
// look-alike by the checksum), plus real ones that the text does not hold in one piece, as
// source code and build tools write them by accident:
// - split across string literals: `"expys_live_abc" +\n "def…"`, a `\`-newline continuation,
//   a template literal (`\`expys_live_${"abc"}${"def…"}\``), an array join
//   (`["expys_live_abc", "def…"].join("")`), `.concat(…)`; also inside the prefix (`"expys_li" + "ve_…"`);
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

const PREFIXES = CREDENTIAL_KINDS.flatMap((kind) => ENVIRONMENTS.map((environment) => ({ kind, environment, prefix: CREDENTIAL_FORMATS[kind].prefixes[environment] })));

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
  const hex = [...char.charCodeAt(0).toString(16).padStart(2, '0')].map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d)).join('');
  return `(?:${escapeRegExp(char)}|\\\\(?:x${hex}|u00${hex}|u\\{0*${hex}\\}))`;
}

/** Words as one pattern (a trie: shared starts written once), each character possibly escaped, a seam possibly between two. */
function wordsSource(words: readonly string[]): string {
  const byFirst = new Map<string, string[]>();
  for (const word of words) byFirst.set(word[0], [...(byFirst.get(word[0]) ?? []), word.slice(1)]);
  const alternatives = [...byFirst].map(([first, rests]) => {
    const more = rests.filter((rest) => rest !== '');
    return characterSource(first) + (more.length > 0 ? `(?:${SEAM_SOURCE})?${wordsSource(more)}` : '');
  });
  return alternatives.length === 1 ? alternatives[0] : `(?:${alternatives.join('|')})`;
}

/**
 * Where the search for a family's prefixes starts: at a rare character. Starting at `e`, the
 * commonest letter in code, would stop the search every ten characters; `x` stops it about every
 * two hundred, and what precedes it is checked only there (see `startOf`). A family not listed
 * starts at its first character.
 */
const ANCHOR: Readonly<Record<string, number>> = { expys_: 1 };

const FAMILIES = CREDENTIAL_KINDS.map((kind) => {
  const { family } = CREDENTIAL_FORMATS[kind];
  const at = ANCHOR[family] ?? 0;
  const behind = [...family.slice(0, at)].map((char) => `${characterSource(char)}(?:${SEAM_SOURCE})?`).join('');
  return {
    at,
    ahead: wordsSource(PREFIXES.filter((p) => p.prefix.startsWith(family)).map((p) => p.prefix.slice(at))),
    /** What must end right before the anchor: the family's first characters, as written. */
    behind: at > 0 ? new RegExp(`(?:${behind})$`) : undefined,
  };
});

/**
 * Every place a prefix is written, plainly, escaped or split, from its anchor on: one pass over
 * the text, as fast as the two it replaces (the plain prefixes, and whole credentials). No
 * look-behind: Node 20's engine runs one several times slower.
 */
const ANY_PREFIX = new RegExp(FAMILIES.map((f) => f.ahead).join('|'), 'g');

/** How far back from an anchor the start of a prefix is looked for. */
const LOOK_BACK = 100;

/** Where the prefix whose anchor part `written` is at `index` starts, and which prefix it is; `undefined` when nothing fits. */
function startOf(text: string, index: number, written: string) {
  const spelt = spelled(written, 0, written.length).text;
  for (const { at, behind } of FAMILIES) {
    const prefix = PREFIXES.find((p) => p.prefix.slice(at) === spelt);
    if (!prefix) continue;
    if (!behind) return { start: index, ...prefix };
    const from = Math.max(0, index - LOOK_BACK);
    const before = behind.exec(text.slice(from, index));
    if (before) return { start: from + before.index, ...prefix };
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

function ruleFor(kind: CredentialKind, checksumValid: boolean): RuleId {
  if (!checksumValid) return 'expys-look-alike';
  return kind === 'org-api-key' ? 'expys-org-api-key' : 'expys-member-token';
}

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
  for (let match = anyPrefix.exec(text); match; match = anyPrefix.exec(text)) {
    const found = startOf(text, match.index, match[0]);
    if (!found) continue;
    const { start: at, kind, prefix } = found;
    if (text.startsWith(prefix, at)) {
      const body = BODY[kind];
      body.lastIndex = at + prefix.length;
      if (body.test(text)) {
        anyPrefix.lastIndex = body.lastIndex;
        const value = text.slice(at + prefix.length, body.lastIndex);
        if (!splitOnly) hits.push({ rule: ruleFor(kind, checksumMatches(prefix, value, CREDENTIAL_FORMATS[kind].length)), index: at, redacted: redact(prefix, value) });
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

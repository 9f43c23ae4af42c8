// Credentials in a text: every credential-shaped string (@expys/credentials tells real from
// look-alike by the checksum), plus real ones split across string literals, as source code
// splits a long string: `"expys_live_abc" +\n "def…"` or a `\`-newline continuation.
import { CREDENTIAL_FORMATS, CREDENTIAL_KINDS, ENVIRONMENTS, checksumMatches, findCredentials, type CredentialKind, type Environment } from '@expys/credentials';
import type { RuleId } from './rules.js';

export interface CredentialHit {
  rule: RuleId;
  index: number;
  /** What may be printed: the prefix and the first 4 characters of the body. */
  redacted: string;
  /** Found only once string-literal seams were removed. */
  split?: true;
}

const PREFIXES = CREDENTIAL_KINDS.flatMap((kind) => ENVIRONMENTS.map((environment) => ({ kind, environment, prefix: CREDENTIAL_FORMATS[kind].prefixes[environment] })));
/** Every prefix in one pass (one regex reads the text faster than one indexOf loop per prefix). */
const ANY_PREFIX = new RegExp(PREFIXES.map((p) => p.prefix).join('|'), 'g');

/** A closing quote, `+`, an opening quote (whitespace between), or a backslash-newline continuation. */
const SEAM = /["'`]\s*\+\s*["'`]|\\\r?\n/g;
/** How far past the prefix a split credential may reach (seams take room). */
const WINDOW = 400;

export const redact = (prefix: string, body: string) => `${prefix}${body.slice(0, 4)}…`;

function ruleFor(kind: CredentialKind, checksumValid: boolean): RuleId {
  if (!checksumValid) return 'expys-look-alike';
  return kind === 'org-api-key' ? 'expys-org-api-key' : 'expys-member-token';
}

const prefixOf = (kind: CredentialKind, environment: Environment) => CREDENTIAL_FORMATS[kind].prefixes[environment];

/**
 * Credentials in `text`. With `splitOnly`, only those found across seams (for a text whose
 * direct matches are reported elsewhere, such as a source map's embedded sources).
 */
export function credentialsIn(text: string, { splitOnly = false } = {}): CredentialHit[] {
  const hits: CredentialHit[] = [];
  const direct = new Set<number>();
  for (const found of findCredentials(text)) {
    direct.add(found.index);
    if (splitOnly) continue;
    const prefix = prefixOf(found.kind, found.environment);
    hits.push({ rule: ruleFor(found.kind, found.checksumValid), index: found.index, redacted: redact(prefix, found.value.slice(prefix.length)) });
  }
  // A prefix with no whole credential after it may be the start of a split one. Only a joined
  // credential whose checksum verifies is reported: joining is a guess, the checksum confirms it.
  for (const match of text.matchAll(ANY_PREFIX)) {
    const at = match.index;
    if (direct.has(at)) continue;
    const { kind, prefix } = PREFIXES.find((p) => p.prefix === match[0])!;
    const { length } = CREDENTIAL_FORMATS[kind];
    const joined = text.slice(at + prefix.length, at + prefix.length + length + WINDOW).replace(SEAM, '');
    const body = joined.slice(0, length);
    if (/[A-Za-z0-9]/.test(joined[length] ?? '') || !checksumMatches(prefix, body, length)) continue;
    hits.push({ rule: ruleFor(kind, true), index: at, redacted: redact(prefix, body), split: true });
  }
  return hits.sort((a, b) => a.index - b.index);
}

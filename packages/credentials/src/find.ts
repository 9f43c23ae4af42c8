// Finds credentials in any text (source, minified bundles, logs) and tells the ones whose
// checksum verifies (real, or minted for tests) from look-alikes (placeholders, typos, fakes).
import { checksumMatches } from './verify.js';
import { CREDENTIAL_FORMATS, CREDENTIAL_KINDS, ENVIRONMENTS, type KindAndEnvironment } from './formats.js';

export type FoundCredential = KindAndEnvironment & {
  /** The whole credential: handle with care, never print it. */
  value: string;
  /** UTF-16 offset of its first character in the text. */
  index: number;
  checksumValid: boolean;
};

// One alternative per kind, built from the formats: prefix, then exactly the body length, not
// followed by a letter or digit (a longer run of base62 is something else). Nothing is required
// before the prefix, so a key right after `%20` (URL-encoded) or `0x` is found too.
const PATTERN = new RegExp(
  CREDENTIAL_KINDS.map((kind) => {
    const { prefixes, length } = CREDENTIAL_FORMATS[kind];
    return `(?:${[...new Set(ENVIRONMENTS.map((e) => prefixes[e]))].join('|')})[A-Za-z0-9]{${length}}`;
  })
    .map((alternative) => `${alternative}(?![A-Za-z0-9])`)
    .join('|'),
  'g',
);

/** Every credential-shaped string in `text`, in order, each with whether its checksum verifies. */
export function findCredentials(text: string): FoundCredential[] {
  const found: FoundCredential[] = [];
  for (const match of text.matchAll(PATTERN)) {
    const value = match[0];
    for (const kind of CREDENTIAL_KINDS) {
      const format = CREDENTIAL_FORMATS[kind];
      const environment = ENVIRONMENTS.find((e) => value.startsWith(format.prefixes[e]));
      if (!environment) continue;
      const prefix = format.prefixes[environment];
      const verdict = { value, index: match.index, checksumValid: checksumMatches(prefix, value.slice(prefix.length), format.length) };
      found.push(kind === 'app-secret' ? { kind, ...verdict } : { kind, environment, ...verdict });
      break;
    }
  }
  return found;
}

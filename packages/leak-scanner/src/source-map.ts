// A source map carries the app's original sources as JSON strings (`sourcesContent`). The map
// file itself is scanned as text like any other; its embedded sources are decoded and scanned
// again for what only shows once decoded: a credential split across lines and literals.
export interface EmbeddedSource {
  source: string;
  content: string;
}

export function embeddedSources(text: string): EmbeddedSource[] {
  let map: unknown;
  try {
    map = JSON.parse(text);
  } catch {
    return []; // not JSON after all: the text scan still covers it
  }
  if (!map || typeof map !== 'object') return [];
  const { sources, sourcesContent } = map as { sources?: unknown; sourcesContent?: unknown };
  if (!Array.isArray(sourcesContent)) return [];
  return sourcesContent.flatMap((content, i) =>
    typeof content === 'string' ? [{ source: Array.isArray(sources) && typeof sources[i] === 'string' ? sources[i] : `sources[${i}]`, content }] : [],
  );
}

export interface InlineSourceMap {
  /** The embedded sources of the map. */
  sources: EmbeddedSource[];
  /**
   * Whether the map was base64-encoded, so that the file's own text holds none of it readably.
   * A URL-encoded map (`data:application/json;charset=utf-8,%7B…`) keeps letters and digits as
   * they are: what it holds in one piece is already found in the file itself.
   */
  base64: boolean;
}

/** `//# sourceMappingURL=data:application/json[;charset=…][;base64],` (or the same in a CSS comment). */
const INLINE_MAP = /[#@]\s*sourceMappingURL=data:application\/json((?:;[\w.-]+=[\w.-]+)*)(;base64)?,/g;
const BASE64_PAYLOAD = /[A-Za-z0-9+/_-]*=*/y;
const URL_PAYLOAD = /[^\s"'`]*/y;

/**
 * The source maps a bundle or stylesheet carries inline, as a `data:` URL in its
 * `sourceMappingURL` comment (what a development build or `sourcemap: 'inline'` writes): decoded,
 * with their embedded sources. A payload that does not decode to a map is passed over.
 */
export function inlineSourceMaps(text: string): InlineSourceMap[] {
  // Most files have none: one fast search before any regular expression.
  if (!text.includes('sourceMappingURL=data:')) return [];
  const maps: InlineSourceMap[] = [];
  for (const match of text.matchAll(INLINE_MAP)) {
    const base64 = match[2] !== undefined;
    const payload = base64 ? BASE64_PAYLOAD : URL_PAYLOAD;
    payload.lastIndex = match.index + match[0].length;
    const encoded = payload.exec(text)?.[0] ?? '';
    let json: string;
    try {
      json = base64 ? Buffer.from(encoded, 'base64').toString('utf8') : decodeURIComponent(encoded.replace(/\*\/$/, ''));
    } catch {
      continue; // a malformed URL encoding
    }
    const sources = embeddedSources(json);
    if (sources.length > 0) maps.push({ sources, base64 });
  }
  return maps;
}

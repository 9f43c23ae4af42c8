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

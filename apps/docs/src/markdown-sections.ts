// Sections of the spec's markdown (info.description), by heading: the docs move them around
// (the server page's security rules first, its credentials page, the member page's own intro)
// instead of rewriting them, and fail the build when one they rely on is no longer there.

/** A markdown section (heading included) up to the next heading of the same or a higher level. */
export function sectionPattern(level: number, title: string): RegExp {
  const hashes = '#'.repeat(level);
  return new RegExp(`^${hashes} ${escapeRegExp(title)}\\s*\\n[\\s\\S]*?(?=^#{1,${level}} |(?![\\s\\S]))`, 'm');
}

/** The section's text without its heading line. */
export const sectionBody = (sectionText: string) => sectionText.replace(/^#+ .*\n/, '').trim();

/**
 * Takes sections out of a markdown text one by one: `take` returns the match and removes it from
 * what is left; a missing one throws, naming `where` and what was looked for.
 */
export function sectionTaker(text: string, where: string) {
  let rest = text.trim();
  return {
    take(what: string, pattern: RegExp): string {
      const match = pattern.exec(rest);
      if (!match) throw new Error(`${where}: the spec's info.description no longer has ${what}`);
      rest = (rest.slice(0, match.index) + rest.slice(match.index + match[0].length)).replace(/\n{3,}/g, '\n\n').trim();
      return match[0].trim();
    },
    /** Like `take`, for a section that may be absent (already removed upstream): '' then. */
    drop(pattern: RegExp): string {
      const match = pattern.exec(rest);
      if (!match) return '';
      rest = (rest.slice(0, match.index) + rest.slice(match.index + match[0].length)).replace(/\n{3,}/g, '\n\n').trim();
      return match[0].trim();
    },
    get rest() {
      return rest;
    },
  };
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The rows of the first markdown table in `text` whose first cell is a code span: `code` → the other cells. */
export function tableRows(text: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const cells = /^\|(.*)\|\s*$/.exec(line.trim())?.[1].split('|').map((c) => c.trim());
    const key = cells && /^`([^`]+)`$/.exec(cells[0])?.[1];
    if (cells && key) rows.set(key, cells.slice(1));
  }
  return rows;
}

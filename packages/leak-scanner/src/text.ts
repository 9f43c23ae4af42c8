// Everything the scanner looks for in one text, and where each finding is (line and column).
import { credentialsIn } from './credentials.js';
import { RULES, type RuleId, type Severity } from './rules.js';
import type { NameHit } from './server-names.js';

export interface Finding {
  /** The file as given on the command line, joined with its path inside the folder. */
  file: string;
  /** 1-based, in `source` when it is set (a source map's embedded source), else in `file`. */
  line: number;
  column: number;
  /** For a finding inside a source map's `sourcesContent`: that source's name (`sources[i]`). */
  source?: string;
  rule: RuleId;
  severity: Severity;
  /** Redacted for credentials (prefix + 4 characters + …); the name itself for server names. */
  match: string;
  message: string;
  /** Found across string-literal seams (`"…" + "…"`, a template literal, an array join). */
  split?: true;
  /** Found once `\x` / `\u` escapes were decoded (`"expys\u005flive_…"`). */
  escaped?: true;
}

export type NameFinder = (text: string) => NameHit[];

/** 1-based line and column of each offset, counting lines once per text. */
function positions(text: string) {
  let starts: number[] | undefined;
  return (index: number) => {
    if (!starts) {
      starts = [0];
      for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= index) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: index - starts[low] + 1 };
  };
}

export interface TextOptions {
  file: string;
  source?: string;
  names?: NameFinder;
  /** Report only credentials the text does not hold in one piece: split or escaped (see credentialsIn). */
  splitOnly?: boolean;
}

/** How a credential not written in one piece was found, for the message. */
const how = (split?: true, escaped?: true) =>
  split && escaped ? ' (split across string literals, with escape sequences)' : split ? ' (split across string literals)' : escaped ? ' (written with escape sequences)' : '';

export function scanText(text: string, { file, source, names, splitOnly = false }: TextOptions): Finding[] {
  const where = positions(text);
  const finding = (rule: RuleId, index: number, match: string, split?: true, escaped?: true): Finding => ({
    file,
    ...where(index),
    ...(source === undefined ? {} : { source }),
    rule,
    severity: RULES[rule].severity,
    match,
    message: RULES[rule].message + how(split, escaped),
    ...(split ? { split } : {}),
    ...(escaped ? { escaped } : {}),
  });
  const found = credentialsIn(text, { splitOnly }).map((hit) => finding(hit.rule, hit.index, hit.redacted, hit.split, hit.escaped));
  if (names) found.push(...names(text).map((hit) => finding(hit.rule, hit.index, hit.name)));
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}

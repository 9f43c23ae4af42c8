// One short report per edit: what was regenerated and how long it took, or the errors with
// file:line (relative to the repository, so editors and terminals make them clickable).
import path from 'node:path';
import type { Finding, PassReport } from './pipeline.js';

export interface Extras {
  /** The mock was reloaded, in ms; undefined when it did not need to be. */
  mockMs?: number;
  /** Why the mock could not reload (it keeps serving the last good bundle). */
  mockError?: string;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export function place(finding: Finding, root: string): string {
  const file = finding.file.startsWith('/') ? path.relative(root, finding.file) : finding.file;
  return [file, finding.line, finding.line !== undefined ? finding.column : undefined].filter((part) => part !== undefined).join(':');
}

export function formatPass(report: PassReport, files: string[], sinceSaveMs: number, root: string, extras: Extras = {}): string {
  const clock = new Date().toTimeString().slice(0, 8);
  const what = files.map((f) => (f.startsWith('/') ? path.relative(root, f) : f)).join(', ');
  if (!report.ok) {
    const lines = [`✖ ${clock} ${what} → ${report.errors.length} error${report.errors.length === 1 ? '' : 's'}; nothing regenerated, the mock keeps the last good spec`];
    for (const e of report.errors.slice(0, 20)) lines.push(`  ${place(e, root)}  ${e.rule}  ${e.message}`);
    if (report.errors.length > 20) lines.push(`  … and ${report.errors.length - 20} more`);
    return lines.join('\n');
  }
  const done: string[] = [];
  done.push(report.bundles.length ? `bundles ${report.bundles.join(', ')}` : 'no bundle changed');
  if (report.clients.length) done.push(`types ${report.clients.join(', ')}`);
  if (extras.mockMs !== undefined) done.push(`mock reloaded`);
  const stages = Object.entries(report.timings)
    .filter(([, ms]) => ms > 0)
    .map(([stage, ms]) => `${stage} ${seconds(ms)}`)
    .concat(extras.mockMs !== undefined ? [`mock ${seconds(extras.mockMs)}`] : []);
  const lines = [`✔ ${clock} ${what} → ${done.join(' · ')} · ${seconds(sinceSaveMs)} after the save (${stages.join(', ')})`];
  for (const w of report.warnings.slice(0, 10)) lines.push(`  warning ${place(w, root)}  ${w.rule}  ${w.message}`);
  if (extras.mockError) lines.push(`  ✖ the mock could not reload (${extras.mockError}); it keeps serving the last good spec`);
  return lines.join('\n');
}

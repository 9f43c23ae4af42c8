// The two outputs: one line per finding for people and CI logs, or JSON for tools. Neither ever
// holds a whole credential: findings carry the redacted match only.
import type { ScanResult } from './scan.js';
import type { Severity } from './rules.js';

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function humanReport(result: ScanResult, failed: boolean): string {
  const lines = result.findings.map((f) => {
    const where = f.source === undefined ? `${f.file}:${f.line}:${f.column}` : `${f.file} → ${f.source}:${f.line}:${f.column}`;
    return `${where}  ${f.rule}  ${f.match}  ${f.severity}: ${f.message}`;
  });
  const count = (severity: Severity) => result.findings.filter((f) => f.severity === severity).length;
  const tooLarge = result.skipped.filter((s) => s.reason === 'too large');
  const binary = result.skipped.length - tooLarge.length;
  for (const s of tooLarge) lines.push(`${s.file}  skipped: larger than --max-file-size, not scanned`);
  const warnings = result.warnings ?? [];
  for (const w of warnings) lines.push(`${w.file}  warning: ${w.message}`);
  if (lines.length > 0) lines.push('');
  lines.push(
    `${failed ? '✖' : '✔'} ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${plural(count('notice'), 'look-alike')} ` +
      `in ${plural(result.files, 'file')} (${megabytes(result.bytes)}); skipped ${binary} binary and ${tooLarge.length} too large` +
      (warnings.length > 0 ? `; ${plural(warnings.length, 'scan warning')}` : ''),
  );
  return `${lines.join('\n')}\n`;
}

export function jsonReport(result: ScanResult, failOn: Severity, failed: boolean): string {
  return `${JSON.stringify({ failOn, failed, ...result }, null, 2)}\n`;
}

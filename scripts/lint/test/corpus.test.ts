// The broken-spec corpus: each file breaks one convention and must fail lint with exactly that
// rule, at the line its first comment names; the baseline must pass. Every rule configured in
// redocly.yaml has a file here, so a new rule cannot land untested.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT, redocly } from '../../bundle/redocly.js';

const CORPUS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus');
// A case is one file, or a folder with an `openapi.yaml` root (for rules about the file layout).
const brokenFiles = readdirSync(CORPUS, { withFileTypes: true }).flatMap((entry) => {
  if (entry.isDirectory()) return [`${entry.name}/openapi.yaml`];
  return entry.name.endsWith('.yaml') && !['valid.yaml', 'components.yaml'].includes(entry.name) ? [entry.name] : [];
});

interface Finding {
  severity: 'error' | 'warning';
  rule: string;
  file: string;
  line: number;
  message: string;
}

function lint(file: string) {
  const result = redocly(['lint', path.relative(REPO_ROOT, file), '--format', 'github-actions'], { capture: true });
  const findings: Finding[] = [...result.stdout.matchAll(/^::(error|warning) title=([^,]+),file=([^,]+),line=(\d+)[^:]*::(.*)$/gm)].map(
    (m) => ({ severity: m[1] as Finding['severity'], rule: m[2], file: m[3], line: Number(m[4]), message: m[5] }),
  );
  return { status: result.status, findings, stderr: result.stderr };
}

/** `# expect: <rule> at line <n>`, or `… at line <n> of <file>` when the finding is in another file of the case. */
function expectation(file: string) {
  const first = readFileSync(file, 'utf8').split('\n')[0];
  const m = /^# expect: (\S+) at line (\d+)(?: of (\S+))?$/.exec(first);
  if (!m) throw new Error(`${file}: the first line must be "# expect: <rule> at line <n>[ of <file>]"`);
  const where = m[3] ? path.join(path.dirname(file), m[3]) : file;
  return { rule: m[1], line: Number(m[2]), file: path.relative(CORPUS, where) };
}

describe('lint corpus', () => {
  it('passes the baseline that follows every convention', () => {
    const { status, findings } = lint(path.join(CORPUS, 'valid.yaml'));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(status).toBe(0);
  });

  it.each(brokenFiles)('%s fails with its rule at file:line', (name) => {
    const file = path.join(CORPUS, name);
    const expected = expectation(file);
    const { status, findings, stderr } = lint(file);
    expect(status).not.toBe(0);
    if (expected.rule === 'yaml') {
      // Invalid YAML never reaches the rules: the parser error names the file and line:col.
      expect(stderr).toContain(name);
      expect(stderr).toMatch(new RegExp(`\\(${expected.line}:\\d+\\)`));
      return;
    }
    const errors = findings.filter((f) => f.severity === 'error');
    // Printed paths are relative to the repository root, wherever lint was started.
    expect(errors.map((e) => `${e.rule} ${e.file}:${e.line}`)).toEqual([
      `${expected.rule} ${path.relative(REPO_ROOT, path.join(CORPUS, expected.file))}:${expected.line}`,
    ]);
    expect(errors[0].message.length).toBeGreaterThan(20);
  });

  it('has a broken file for every rule of ours configured in redocly.yaml', () => {
    const config = parse(readFileSync(path.join(REPO_ROOT, 'redocly.yaml'), 'utf8'));
    const ours = Object.keys(config.rules).filter((rule) => rule.startsWith('expys/'));
    const covered = new Set(brokenFiles.map((f) => expectation(path.join(CORPUS, f)).rule));
    expect(ours.filter((rule) => !covered.has(rule))).toEqual([]);
    for (const builtIn of ['operation-operationId-unique', 'no-unresolved-refs', 'no-invalid-media-type-examples', 'yaml']) {
      expect(covered).toContain(builtIn);
    }
  });
});

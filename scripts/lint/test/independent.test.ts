// The independent linters `npm run lint` runs next to our Redocly rules: they pass on the repo's
// spec, and each one fails on a fixture it must catch (a check that cannot fail proves nothing).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../bundle/redocly.js';
import { bundleInto, secondValidator, spectral } from '../tools.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

describe('npm run lint', () => {
  it('runs all four tools on the repo spec and every one passes', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'lint/cli.ts'], { cwd: path.join(REPO_ROOT, 'scripts'), encoding: 'utf8' });
    const summary = result.stdout.slice(result.stdout.indexOf('── Summary'));
    expect(summary.match(/^✔ /gm), summary).toHaveLength(4);
    expect(summary).not.toContain('✖');
    expect(result.status).toBe(0);
  }, 120_000);
});

describe('Spectral with scripts/lint/spectral.yaml', () => {
  it('reports an unbounded request string and a 200 without rate-limit headers', () => {
    const outcome = spectral([path.join(HERE, 'spectral/unbounded.yaml')]);
    expect(outcome.ok).toBe(false);
    expect(outcome.output).toContain('owasp:api4:2023-string-limit');
    expect(outcome.output).toContain('owasp:api4:2023-rate-limit');
  }, 60_000);

  it('points each finding at its file and line in spec/, not at the temporary bundle, once for all bundles', () => {
    const work = mkdtempSync(path.join(tmpdir(), 'expys-spectral-'));
    try {
      // The repo's spec, broken twice: an unbounded string in a component, a 200 without RateLimit-Limit in a path file.
      cpSync(path.join(REPO_ROOT, 'spec'), path.join(work, 'spec'), { recursive: true });
      const edit = (file: string, from: string, to: string) => {
        const text = readFileSync(path.join(work, 'spec', file), 'utf8');
        expect(text).toContain(from);
        writeFileSync(path.join(work, 'spec', file), text.replace(from, to));
      };
      edit('components/schemas/MemberInput.yaml', '    maxLength: 100\n', '');
      edit('paths/members.yaml', '          RateLimit-Limit:\n            $ref: ../components/headers/RateLimitLimit.yaml\n', '');
      const lineOf = (file: string, text: string) => readFileSync(path.join(work, 'spec', file), 'utf8').split('\n').indexOf(text) + 1;

      const files = bundleInto(work, path.join(work, 'spec/openapi.yaml'));
      expect(files).toHaveLength(3);
      const outcome = spectral(files!, { source: path.join(work, 'spec/openapi.yaml') });
      expect(outcome.ok).toBe(false);
      expect(outcome.summary).toBe('2 errors, 0 warnings on 3 bundles');
      // `displayName:` in MemberInput.yaml, and the put's 200 `headers:` in members.yaml (the first of the file).
      const at = (file: string, line: number) => new RegExp(`^\\S*spec/${file.replace(/\./g, '\\.')}:${line}:\\d+  error  `, 'm');
      expect(outcome.output).toMatch(at('components/schemas/MemberInput.yaml', lineOf('components/schemas/MemberInput.yaml', '  displayName:')));
      expect(outcome.output).toMatch(/MemberInput\.yaml:\d+:3  error  owasp:api4:2023-string-limit  .*\(full, server\)$/m);
      expect(outcome.output).toMatch(at('paths/members.yaml', lineOf('paths/members.yaml', '        headers:')));
      expect(outcome.output).toMatch(/members\.yaml:\d+:\d+  error  owasp:api4:2023-rate-limit  .*\(full, server\)$/m);
      expect(outcome.output).not.toContain('expys.full.yaml');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('@readme/openapi-parser on a multi-file source', () => {
  it('rejects a $ref to a missing file', async () => {
    const outcome = await secondValidator(path.join(HERE, 'corpus/broken-ref.yaml'));
    expect(outcome.ok).toBe(false);
    expect(outcome.output).toMatch(/ENOENT|Error opening file|does not exist/);
  });
});

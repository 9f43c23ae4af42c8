// The independent linters `npm run lint` runs next to our Redocly rules: they pass on the repo's
// spec, and each one fails on a fixture it must catch (a check that cannot fail proves nothing).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../bundle/redocly.js';
import { secondValidator, spectral } from '../tools.js';

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
});

describe('@readme/openapi-parser on a multi-file source', () => {
  it('rejects a $ref to a missing file', async () => {
    const outcome = await secondValidator(path.join(HERE, 'corpus/broken-ref.yaml'));
    expect(outcome.ok).toBe(false);
    expect(outcome.output).toMatch(/ENOENT|Error opening file|does not exist/);
  });
});

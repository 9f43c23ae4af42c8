// A private copy of the spec with its own Redocly config, so CLI tests never rebuild the shared
// bundles in packages/openapi/dist (other packages read them while these tests run).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { REPO_ROOT } from '../../src/paths.js';

export interface SpecCopy {
  dir: string;
  config: string;
}

export function copySpec(edit?: (dir: string) => void): SpecCopy {
  const dir = mkdtempSync(path.join(tmpdir(), 'expys-mock-spec-'));
  cpSync(path.join(REPO_ROOT, 'spec'), path.join(dir, 'spec'), { recursive: true });
  const config = parse(readFileSync(path.join(REPO_ROOT, 'redocly.yaml'), 'utf8'));
  config.plugins = config.plugins.map((plugin: string) => path.join(REPO_ROOT, plugin));
  for (const api of Object.values<any>(config.apis)) api.output = api.output.replace('./packages/openapi/dist', './dist');
  writeFileSync(path.join(dir, 'redocly.yaml'), stringify(config));
  edit?.(dir);
  return { dir, config: path.join(dir, 'redocly.yaml') };
}

// A working copy of the spec for running the loop away from the repository (its tests and the
// benchmark): the spec folder copied, and the repository's redocly.yaml pointed at the copy,
// with our plugins by absolute path and the bundles written into <dir>/dist.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';

/** Copies `<repo>/spec` into `dir` and writes `dir/redocly.yaml`; returns that config's path. */
export function copySpec(repo: string, dir: string): string {
  cpSync(path.join(repo, 'spec'), path.join(dir, 'spec'), { recursive: true });
  const config = parse(readFileSync(path.join(repo, 'redocly.yaml'), 'utf8'));
  config.plugins = config.plugins.map((p: string) => path.resolve(repo, p));
  for (const [name, api] of Object.entries<{ root: string; output: string }>(config.apis)) {
    api.root = './spec/openapi.yaml';
    api.output = `./dist/expys.${name}.yaml`;
  }
  const configFile = path.join(dir, 'redocly.yaml');
  writeFileSync(configFile, stringify(config));
  return configFile;
}

// The built member entry, and every module it imports, names no server operation and no
// server-only path: the forbidden names come from the full bundle, as in member-client's test.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { foreignNames } from '../../../scripts/bundle/audit.js';
import { bundle } from './support.js';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const { operationIds, paths } = foreignNames(bundle('full'), 'member');
const forbidden = [...operationIds, ...paths, 'orgApiKey'];

/** The entry's files and every relative import they reach (.js and its .d.ts). */
function moduleGraph(entry: string): Record<string, string> {
  const files: Record<string, string> = {};
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files[file] !== undefined) continue;
    files[file] = readFileSync(path.join(DIST, file), 'utf8');
    const declarations = file.replace(/\.js$/, '.d.ts');
    files[declarations] = readFileSync(path.join(DIST, declarations), 'utf8');
    for (const text of [files[file], files[declarations]]) {
      for (const [, specifier] of text.matchAll(/(?:from\s*|import\(\s*)["'](\.[^"']+)["']/g)) {
        queue.push(path.posix.join(path.posix.dirname(file), specifier));
      }
    }
  }
  return files;
}

const leaks = (files: Record<string, string>) =>
  Object.entries(files).flatMap(([file, text]) => forbidden.filter((name) => text.includes(name)).map((name) => `${file}: ${name}`));

describe('@expys/msw-handlers/member, as built', () => {
  const member = moduleGraph('member.js');

  it('reaches the generated member table and the shared runtime, not the server table', () => {
    expect(Object.keys(member)).toEqual(expect.arrayContaining(['member.js', 'generated/member.js', 'handlers.js', 'access.js']));
    expect(Object.keys(member)).not.toContain('generated/server.js');
  });

  it('names no server operationId, no server-only path and no orgApiKey', () => {
    expect(forbidden).toEqual(expect.arrayContaining(['exchangeToken', 'creditPoints', '/v1/auth/exchange']));
    expect(leaks(member)).toEqual([]);
  });

  it('the check can fail: the server entry is full of them', () => {
    expect(leaks(moduleGraph('server.js')).length).toBeGreaterThan(operationIds.length);
  });
});

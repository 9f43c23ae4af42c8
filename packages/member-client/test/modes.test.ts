// The member client carries the member operations of the spec and nothing else: its methods are
// exactly the operations the full description marks `x-expys-mode: member`, and no server-mode
// operation (which moves value for others or reads any member) has a method here. Issue 22's
// operations are named as well, so that a bundle losing them (or the split moving one to the
// wrong side) fails this test even if both sides still agree with each other.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { operationTable } from '../src/index.js';
import { ISSUE_22_MEMBER, ISSUE_22_SERVER } from './issue-22.js';
import { memberClient } from './support.js';

const require = createRequire(import.meta.url);
const full = JSON.parse(readFileSync(require.resolve('@expys/openapi/full.json'), 'utf8'));
const byMode = (mode: string) =>
  Object.values<Record<string, any>>(full.paths)
    .flatMap((item) => Object.values<any>(item))
    .filter((op) => op?.operationId && op['x-expys-mode'] === mode)
    .map((op) => String(op.operationId))
    .sort();


describe('the member client by mode', () => {
  const methods = Object.keys(memberClient('http://127.0.0.1:9')).sort();

  it('has a method for every member operation of the full description, and only those', () => {
    expect(methods).toEqual(byMode('member'));
    expect(Object.keys(operationTable).sort()).toEqual(methods);
  });

  it('has no method for any server operation', () => {
    const server = byMode('server');
    expect(server.length).toBeGreaterThan(20);
    expect(methods.filter((name) => server.includes(name))).toEqual([]);
  });

  it("has issue 22's member operations and none of its server ones", () => {
    expect(methods).toEqual(expect.arrayContaining(ISSUE_22_MEMBER));
    for (const name of ISSUE_22_SERVER) expect(methods, name).not.toContain(name);
    expect(byMode('server')).toEqual(expect.arrayContaining(ISSUE_22_SERVER));
  });
});

// The server client carries the server operations of the spec and nothing else: its methods are
// exactly the operations the full description marks `x-expys-mode: server`, and no member-mode
// operation has a method here (a backend reads a member through the server operations, with a
// scope). Issue 22's operations are named too (the member client's lists), so a bundle losing
// one, or putting it on the wrong side, fails here even if both sides still agree.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ISSUE_22_MEMBER, ISSUE_22_SERVER } from '../../member-client/test/issue-22.js';
import { operationTable } from '../src/generated/operations.js';
import { serverClient } from './support.js';

const require = createRequire(import.meta.url);
const full = JSON.parse(readFileSync(require.resolve('@expys/openapi/full.json'), 'utf8'));
const byMode = (mode: string) =>
  Object.values<Record<string, any>>(full.paths)
    .flatMap((item) => Object.values<any>(item))
    .filter((op) => op?.operationId && op['x-expys-mode'] === mode)
    .map((op) => String(op.operationId))
    .sort();

describe('the server client by mode', () => {
  // `webhooks` is the verifier, not an operation.
  const methods = Object.keys(serverClient('http://127.0.0.1:9')).filter((name) => name !== 'webhooks').sort();

  it('has a method for every server operation of the full description, and only those', () => {
    expect(methods).toEqual(byMode('server'));
    expect(Object.keys(operationTable).sort()).toEqual(methods);
  });

  it('has no method for any member operation', () => {
    const member = byMode('member');
    expect(member.length).toBeGreaterThan(20);
    expect(methods.filter((name) => member.includes(name))).toEqual([]);
  });

  it("has issue 22's server operations and none of its member ones", () => {
    expect(methods).toEqual(expect.arrayContaining(ISSUE_22_SERVER));
    for (const name of ISSUE_22_MEMBER) expect(methods, name).not.toContain(name);
  });
});

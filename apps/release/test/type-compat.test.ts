// The public types compared by the compiler, on edits made to the declarations of the build (a
// copy of each package's dist): what is not API (private and protected members) is not compared,
// a callback is checked as TypeScript checks one, and the packages both clients share
// (@expys/client-core, @expys/credentials) are compared on their own entries and charged for
// their own changes.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../src/audiences.js';
import { gate, requiredBumps } from '../src/gate.js';
import type { Change } from '../src/spec-diff.js';
import { compareTypeTrees, copyTypeTree, withoutHiddenMembers } from '../src/type-compat.js';

const work = mkdtempSync(path.join(tmpdir(), 'expys-type-compat-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const base = path.join(work, 'base');
copyTypeTree(path.join(REPO, 'packages'), base);

let trees = 0;
/** A copy of `from` with each [file, text, replacement] applied (the text must be there). */
function edited(edits: [string, string, string][], from = base): string {
  const tree = path.join(work, `tree-${++trees}`);
  cpSync(from, tree, { recursive: true });
  for (const [file, text, replacement] of edits) {
    const full = path.join(tree, file);
    const before = readFileSync(full, 'utf8');
    expect(before, `${file} has ${text}`).toContain(text);
    writeFileSync(full, before.replace(text, replacement));
  }
  return tree;
}

const bumps = (changes: Change[]) => Object.fromEntries([...requiredBumps(changes)].map(([pkg, { bump }]) => [pkg, bump]));
const describeAll = (changes: Change[]) => changes.map((c) => `${c.package} ${c.severity} ${c.where}: ${c.description}`).join('\n');

const CLASS = 'export declare class ExpysError extends Error {\n';
/** Members of every hidden kind, as the compiler declares them (and as a hand-written .d.ts may). */
const HIDDEN = [
  'private readonly cache;',
  'protected retries: number;',
  'private static registry;',
  'protected static readonly defaults: {\n        retries: number;\n    };',
  'protected get state(): string;',
  'protected set state(value: string);',
  'private helper;',
  'protected describe(options: {\n        verbose?: boolean;\n    }): string;',
  'protected static create(message: string): ExpysError;',
].map((m) => `    ${m}\n`).join('');

describe('what is not API is not compared', () => {
  it('drops every private and protected member of a class, and nothing else', () => {
    const text = `export declare class A {\n    #private;\n${HIDDEN}    readonly kept: string;\n    method(): void;\n    static make(): A;\n}\nexport interface I {\n    private: boolean;\n}\n`;
    const out = withoutHiddenMembers(text);
    expect(out).not.toMatch(/private |protected |#private/);
    expect(out).toContain('readonly kept: string;');
    expect(out).toContain('method(): void;');
    expect(out).toContain('static make(): A;');
    expect(out).toContain('private: boolean;');
  });

  it('two builds of a class with private and protected members of every kind compare as the same', () => {
    const old = edited([['client-core/dist/errors.d.ts', CLASS, CLASS + HIDDEN]]);
    // The new build differs only by a comment, so the trees are compared, not skipped as identical.
    const now = edited([['client-core/dist/errors.d.ts', CLASS, `/** Rebuilt. */\n${CLASS}${HIDDEN}`]]);
    const changes = compareTypeTrees(old, now);
    expect(changes, describeAll(changes)).toEqual([]);
  }, 60_000);
});

describe('callbacks a consumer writes', () => {
  const HOOK = 'onError?: ((event: ErrorEvent) => void) | undefined;';
  it('a hook that now receives one more argument asks nothing: the consumer function written for one still fits', () => {
    const changes = compareTypeTrees(base, edited([['client-core/dist/observe.d.ts', HOOK, 'onError?: ((event: ErrorEvent, context: { attempt: number }) => void) | undefined;']]));
    expect(bumps(changes), describeAll(changes)).toEqual({});
  }, 60_000);

  it('a hook whose argument changes type is breaking, for client-core and each client that re-exports it', () => {
    const changes = compareTypeTrees(base, edited([['client-core/dist/observe.d.ts', HOOK, 'onError?: ((event: string) => void) | undefined;']]));
    expect(bumps(changes), describeAll(changes)).toEqual({ '@expys/client-core': 'major', '@expys/member-client': 'major', '@expys/server-client': 'major' });
  }, 60_000);
});

describe('the packages both clients share, on their own entries', () => {
  it('a changed @expys/credentials function is a major of @expys/credentials, and the gate asks for it', () => {
    const changes = compareTypeTrees(base, edited([['credentials/dist/verify.d.ts', 'export declare function verifyCredential(value: string): CredentialCheck | undefined;', 'export declare function verifyCredential(value: string, kind: string): boolean;']]));
    // @expys/credentials is charged; a package that re-exports the function (client-core) is too.
    expect(bumps(changes), describeAll(changes)).toMatchObject({ '@expys/credentials': 'major' });
    const result = gate(changes, new Map([['@expys/credentials', 'minor']]));
    expect(result.ok).toBe(false);
    expect(result.report).toContain('@expys/credentials (shared by both clients):');
    expect(result.report).toMatch(/✖ @expys\/credentials needs a major changeset \(pending: minor\) for 1 breaking change\(s\), e\.g\. verifyCredential no longer accepts/);
  }, 60_000);

  it('an export removed from @expys/client-core is a major of it; one added is a minor', () => {
    const removed = compareTypeTrees(base, edited([['client-core/dist/index.d.ts', 'export { backoffDelay, ', 'export { ']]));
    expect(bumps(removed), describeAll(removed)).toEqual({ '@expys/client-core': 'major' });
    expect(removed.map((c) => c.where)).toEqual(['backoffDelay']);
    const added = compareTypeTrees(base, edited([['client-core/dist/index.d.ts', 'export { backoffDelay, ', 'export declare function jitter(ms: number): number;\nexport { backoffDelay, ']]));
    expect(bumps(added), describeAll(added)).toEqual({ '@expys/client-core': 'minor' });
  }, 60_000);
});

describe('constant tuples of literals', () => {
  // The events tuple as generated (its length grows with the spec's webhooks).
  const TUPLE = /readonly \[("[a-z._]+"(?:, )?)+\]/.exec(readFileSync(path.join(base, 'server-client/dist/generated/webhook-events.d.ts'), 'utf8'))![0];
  it('one more value is an addition, one fewer a break', () => {
    const grown = compareTypeTrees(base, edited([['server-client/dist/generated/webhook-events.d.ts', TUPLE, TUPLE.replace(']', ', "member.created"]')]]));
    expect(bumps(grown), describeAll(grown)).toEqual({ '@expys/server-client': 'minor' });
    const shrunk = compareTypeTrees(base, edited([['server-client/dist/generated/webhook-events.d.ts', TUPLE, TUPLE.replace(/, "[a-z._]+"\]$/, ']')]]));
    expect(bumps(shrunk), describeAll(shrunk)).toEqual({ '@expys/server-client': 'major' });
  }, 60_000);
});

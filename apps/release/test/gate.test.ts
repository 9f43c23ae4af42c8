// The gate on fixture pairs: each pair is the spec as built and the same spec with one edit, with
// the clients' types generated from each by the real generator and compared by the compiler. Each
// pair runs both ways (the edit, then its undoing), and the bump each package needs is asserted
// exactly: nothing more is asked (no crying wolf) and nothing less (no break let through).
// Changesets are real files read by @changesets/read from a temporary .changeset folder.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../src/audiences.js';
import { changesBetween, currentState, gate, pendingBumps, readBaseline, requiredBumps, type ApiState, type Bump } from '../src/gate.js';
import type { Change } from '../src/spec-diff.js';
import { filesIn } from '../src/type-compat.js';
import { addMemberCreatedEvent, fullBundle, operation, stateOf, type Doc } from './support/fixtures.js';

const work = mkdtempSync(path.join(tmpdir(), 'expys-gate-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A folder holding `.changeset/*.md` with these releases, as `npm run changeset` writes them. */
async function changesets(...sets: Record<string, string>[]) {
  const dir = mkdtempSync(path.join(work, 'changesets-'));
  mkdirSync(path.join(dir, '.changeset'));
  sets.forEach((releases, i) => {
    const header = Object.entries(releases).map(([name, bump]) => `"${name}": ${bump}`).join('\n');
    writeFileSync(path.join(dir, '.changeset', `change-${i}.md`), `---\n${header}\n---\n\nA change.\n`);
  });
  return pendingBumps(dir);
}

const bumps = (changes: Change[]) => Object.fromEntries([...requiredBumps(changes)].map(([pkg, { bump }]) => [pkg, bump]));
const describeAll = (changes: Change[]) => changes.map((c) => `${c.package} ${c.severity} ${c.where}: ${c.description}`).join('\n');

let base: ApiState;
let states = 0;
const edited = async (edit: (doc: Doc) => void, from: Doc = fullBundle()) => {
  const full = structuredClone(from);
  edit(full);
  return stateOf(full, path.join(work, `state-${++states}`));
};

/** A member operation with its own response schema, as a spec author adds one. */
function addListOfferReviews(doc: Doc) {
  const eligibility = doc.paths['/v1/offers/{offerId}/eligibility'].get;
  doc.components.schemas.OfferReview = {
    type: 'object',
    additionalProperties: false,
    required: ['rating', 'text'],
    properties: { rating: { type: 'integer', format: 'int32', minimum: 1, maximum: 5 }, text: { type: 'string', maxLength: 2000 } },
  };
  doc.paths['/v1/offers/{offerId}/reviews'] = {
    parameters: doc.paths['/v1/offers/{offerId}/eligibility'].parameters,
    get: {
      ...structuredClone(eligibility),
      operationId: 'listOfferReviews',
      summary: 'List the reviews of an offer',
      responses: {
        ...structuredClone(eligibility.responses),
        200: { description: 'The reviews.', content: { 'application/json': { schema: { type: 'array', maxItems: 100, items: { $ref: '#/components/schemas/OfferReview' } }, example: [{ rating: 5, text: 'Great coffee.' }] } } },
      },
    },
  };
}

/** `breaks`: places the undoing must name as breaking (to check a rule is the one that caught it). */
const PAIRS: { name: string; edit: (doc: Doc) => void; forward: Record<string, Bump>; backward: Record<string, Bump>; breaks?: string[] }[] = [
  {
    name: 'an optional field added to a response (and removed)',
    edit: (d) => (d.components.schemas.Wallet.properties.nickname = { type: 'string', maxLength: 40, description: "The member's chosen name." }),
    forward: { '@expys/member-client': 'minor', '@expys/openapi': 'minor' },
    backward: { '@expys/member-client': 'major', '@expys/openapi': 'major' },
  },
  {
    name: 'a member operation added (and removed)',
    edit: addListOfferReviews,
    forward: { '@expys/member-client': 'minor', '@expys/openapi': 'minor' },
    backward: { '@expys/member-client': 'major', '@expys/openapi': 'major' },
  },
  {
    name: 'an example value, a description and a summary changed',
    edit: (d) => {
      d.components.schemas.Wallet.examples[0].balance = 4321;
      d.components.schemas.Wallet.properties.balance.description = 'Points the member can spend now.';
      operation(d, 'getWallet').summary = "Get the signed-in member's wallet";
      operation(d, 'creditPoints').description += '\nCredits are final.';
    },
    forward: {},
    backward: {},
  },
  {
    name: 'getOffer moved to server mode (and back)',
    edit: (d) => {
      const op = operation(d, 'getOffer');
      op['x-expys-mode'] = 'server';
      op.security = [{ orgApiKey: ['members:read'] }];
    },
    forward: { '@expys/member-client': 'major', '@expys/server-client': 'minor', '@expys/openapi': 'major' },
    backward: { '@expys/server-client': 'major', '@expys/member-client': 'minor', '@expys/openapi': 'major' },
  },
  {
    name: 'an optional query parameter added to an input (and removed)',
    edit: (d) => {
      const list = operation(d, 'listOffers');
      list.parameters = [...list.parameters, { name: 'sort', in: 'query', required: false, description: 'Order.', schema: { type: 'string', enum: ['newest', 'cost'] } }];
    },
    forward: { '@expys/member-client': 'minor', '@expys/openapi': 'minor' },
    backward: { '@expys/member-client': 'major', '@expys/openapi': 'major' },
  },
  {
    name: 'an optional input made required (and optional again)',
    edit: (d) => {
      const list = operation(d, 'listWebhooks');
      list.parameters = list.parameters.map((p: Doc) => (p.$ref?.endsWith('/Limit') || p.name === 'limit' ? { ...(p.$ref ? d.components.parameters[p.$ref.split('/').pop()] : p), required: true } : p));
      expect(JSON.stringify(list.parameters)).toContain('"required":true');
    },
    forward: { '@expys/server-client': 'major', '@expys/openapi': 'major' },
    backward: { '@expys/server-client': 'minor', '@expys/openapi': 'minor' },
  },
  {
    name: 'a webhook event added (and removed)',
    edit: addMemberCreatedEvent,
    forward: { '@expys/server-client': 'minor', '@expys/openapi': 'minor' },
    backward: { '@expys/server-client': 'major', '@expys/openapi': 'major' },
  },
  {
    name: 'an optional field added to a webhook payload two levels down, event.data.reason (and removed)',
    edit: (d) => (d.components.schemas.RemovedMember.properties.reason = { type: 'string', maxLength: 40 }),
    forward: { '@expys/server-client': 'minor', '@expys/openapi': 'minor' },
    backward: { '@expys/server-client': 'major', '@expys/openapi': 'major' },
    breaks: ['MemberRemovedEvent.data.reason', 'webhooks/member.removed/post/requestBody/content/application/json/schema/properties/data/properties/reason'],
  },
  {
    name: 'an optional request field added (and removed) where no other field is allowed',
    edit: (d) => (d.components.schemas.PointsCreditInput.properties.note = { type: 'string', maxLength: 40 }),
    forward: { '@expys/server-client': 'minor', '@expys/openapi': 'minor' },
    backward: { '@expys/server-client': 'major', '@expys/openapi': 'major' },
  },
  {
    name: 'an operation made idempotent, and a description written next to a $ref (and undone)',
    edit: (d) => {
      operation(d, 'concierge')['x-expys-idempotent'] = true;
      d.components.schemas.Wallet.properties.currency = { $ref: '#/components/schemas/Currency', description: 'The currency of the balance.' };
    },
    forward: {},
    backward: {},
  },
];

beforeAll(async () => {
  base = await stateOf(fullBundle(), path.join(work, 'base'));
}, 60_000);

describe('fixture pairs, both ways', () => {
  for (const pair of PAIRS) {
    it(pair.name, async () => {
      const after = await edited(pair.edit);
      const forward = changesBetween(base, after);
      expect(bumps(forward), describeAll(forward)).toEqual(pair.forward);
      const backward = changesBetween(after, base);
      expect(bumps(backward), describeAll(backward)).toEqual(pair.backward);
      if (pair.breaks) expect(backward.filter((c) => c.severity === 'breaking').map((c) => c.where)).toEqual(expect.arrayContaining(pair.breaks));
      // Never a compiler-internal name (`__@species@1606`) in what the gate says.
      expect(describeAll([...forward, ...backward])).not.toMatch(/__@/);
    }, 60_000);
  }

  it('a member-only edit asks nothing of the server client, whichever way', async () => {
    const after = await edited(addListOfferReviews);
    for (const changes of [changesBetween(base, after), changesBetween(after, base)]) {
      expect(changes.filter((c) => c.package === '@expys/server-client')).toEqual([]);
    }
  }, 60_000);

  it('a type-only break (the spec unchanged) needs a major of that client, not of the bundles; undoing it asks nothing', async () => {
    const tree = path.join(work, 'type-only');
    cpSync(base.types, tree, { recursive: true });
    const file = path.join(tree, 'member-client/dist/generated/operations.d.ts');
    const text = readFileSync(file, 'utf8');
    const broken = text.replace('getWallet(options?: RequestOptions)', 'getWallet(options: RequestOptions)');
    expect(broken).not.toBe(text);
    writeFileSync(file, broken);
    const changes = changesBetween(base, { ...base, types: tree });
    expect(bumps(changes), describeAll(changes)).toEqual({ '@expys/member-client': 'major' });
    // MemberClient is Methods: the compiler reports the one broken relation once, under either name.
    const where = changes.filter((c) => c.severity === 'breaking').map((c) => c.where);
    expect(where.length).toBeGreaterThan(0);
    expect(where.every((w) => w === 'Methods.getWallet' || w === 'MemberClient.getWallet')).toBe(true);
    expect(changes.find((c) => c.severity === 'breaking')?.description).toMatch(/getWallet\(…\) no longer accepts the arguments it did/);
    expect(bumps(changesBetween({ ...base, types: tree }, base))).toEqual({});
  }, 60_000);
});

describe('the gate', () => {
  it('fails a break with only a minor changeset, naming the break (not an addition) as the reason', async () => {
    // An addition and a break in one edit: the message must name the break.
    const after = await edited((d) => {
      d.components.schemas.Wallet.properties.nickname = { type: 'string', maxLength: 40 };
      delete d.paths['/v1/wallet/transactions'];
    });
    const changes = changesBetween(base, after);
    const result = gate(changes, await changesets({ '@expys/member-client': 'minor', '@expys/openapi': 'minor' }));
    expect(result.ok).toBe(false);
    expect(result.failures.map((f) => [f.package, f.needs, f.has])).toEqual([
      ['@expys/member-client', 'major', 'minor'],
      ['@expys/openapi', 'major', 'minor'],
    ]);
    expect(result.report).toContain('member audience (@expys/member-client):');
    const failure = result.report.split('\n').find((l) => l.startsWith('✖ @expys/member-client needs a major'))!;
    expect(failure).toMatch(/breaking change\(s\), e\.g\. /);
    expect(failure).not.toMatch(/e\.g\. [^.]*(added|Added)/);
    expect(failure).toMatch(/listWalletTransactions|removed/i);
    const right = gate(changes, await changesets({ '@expys/member-client': 'major' }, { '@expys/openapi': 'major' }));
    expect(right.ok).toBe(true);
    expect(right.report).not.toContain('@expys/server-client');
  }, 60_000);

  it('an addition needs a minor, not a patch; no change needs nothing', async () => {
    const added = changesBetween(base, await edited((d) => (d.components.schemas.ConciergeInput.properties.message.maxLength = 4000)));
    expect(gate(added, await changesets({ '@expys/member-client': 'patch' })).ok).toBe(false);
    expect(gate(added, await changesets({ '@expys/member-client': 'minor', '@expys/openapi': 'minor' })).ok).toBe(true);
    expect(gate([], await changesets()).ok).toBe(true);
  }, 60_000);
});

describe('this repository', () => {
  it('keeps no compiler-internal name in its baseline, only declarations', () => {
    const baseline = readBaseline();
    const files = filesIn(baseline.types);
    expect(files.some((f) => f.endsWith('member-client/dist/index.d.ts'))).toBe(true);
    expect(files.every((f) => f.endsWith('.d.ts') || f.endsWith('package.json'))).toBe(true);
    expect(files.map((f) => readFileSync(f, 'utf8')).join('\n')).not.toMatch(/__@/);
    expect(readdirSync(path.join(REPO, 'apps/release/baseline')).filter((f) => f.endsWith('.api.txt'))).toEqual([]);
  });

  it('passes the gate: its pending changesets cover every change since the last release', async () => {
    const result = gate(changesBetween(readBaseline(), currentState()), await pendingBumps());
    expect(result.ok, result.report).toBe(true);
  }, 60_000);

  it('from the last release: an additive edit passes with a minor, a removed response field fails with one', async () => {
    const released = readBaseline();
    const pending = await pendingBumps();
    const withMinor = async () => {
      const bumps = await changesets({ '@expys/member-client': 'minor', '@expys/openapi': 'minor' });
      const rank: Bump[] = ['none', 'patch', 'minor', 'major'];
      for (const [pkg, bump] of pending) if (rank.indexOf(bump) > rank.indexOf(bumps.get(pkg) ?? 'none')) bumps.set(pkg, bump);
      return bumps;
    };
    const additive = gate(changesBetween(released, await edited(addListOfferReviews)), await withMinor());
    expect(additive.ok, additive.report).toBe(true);
    const removal = changesBetween(
      released,
      await edited((d) => {
        const wallet = d.components.schemas.Wallet;
        delete wallet.properties.updatedAt;
        wallet.required = wallet.required.filter((name: string) => name !== 'updatedAt');
      }),
    );
    const breaks = removal.filter((c) => c.severity === 'breaking' && /updatedAt/.test(`${c.where} ${c.description}`));
    expect(new Set(breaks.map((c) => c.package))).toEqual(new Set(['@expys/member-client']));
    expect(new Set(breaks.map((c) => c.rule))).toEqual(new Set(['api-smart-diff', 'types']));
    expect(gate(removal, await changesets({ '@expys/member-client': 'minor', '@expys/openapi': 'minor' })).ok).toBe(false);
  }, 120_000);
});

describe('the changelog of a release', () => {
  it('names each API change under the released version, breaking ones first-class', async () => {
    const { insertApiChanges } = await import('../src/version.js');
    const changes = changesBetween(base, await edited((d) => delete d.paths['/v1/wallet']));
    const changelog = '# @expys/member-client\n\n## 2.0.0\n\n### Major Changes\n\n- abc123: Wallet moved.\n\n## 1.0.0\n';
    const out = insertApiChanges(changelog, '2.0.0', changes.filter((c) => c.rule !== 'types'));
    expect(out).toContain('## 2.0.0\n\n### API changes (from the spec diff)\n\n- **Breaking:** `getWallet`: [Removed] operation GET /v1/wallet');
    expect(out.indexOf('API changes')).toBeLessThan(out.indexOf('## 1.0.0'));
    expect(insertApiChanges(changelog, '2.0.0', [])).toBe(changelog);
  }, 60_000);
});

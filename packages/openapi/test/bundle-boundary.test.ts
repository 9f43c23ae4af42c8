// The audience boundary, proven by walking the bundles on disk rather than trusting a filter:
// the member bundle holds member operations only and nothing only the server side uses;
// an operation without a valid mode reaches no audience bundle, even when lint is bypassed.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { auditAudienceBundle, foreignNames } from '../../../scripts/bundle/audit.js';
import { REPO_ROOT, redocly } from '../../../scripts/bundle/redocly.js';
import { operationsOf, type OpenApiDocument } from '../../../scripts/bundle/walk.js';

const load = (audience: string): OpenApiDocument =>
  JSON.parse(readFileSync(path.join(REPO_ROOT, `packages/openapi/dist/expys.${audience}.json`), 'utf8'));

const full = load('full');
const member = load('member');
const server = load('server');
const idsOf = (doc: OpenApiDocument) => operationsOf(doc).map((e) => e.operation.operationId).sort();
const idsWithMode = (mode: string) =>
  operationsOf(full).filter((e) => e.operation['x-expys-mode'] === mode).map((e) => e.operation.operationId).sort();

describe('audience bundles on disk', () => {
  it('split the full API exactly by mode, losing nothing', () => {
    expect(idsOf(member)).toEqual(idsWithMode('member'));
    expect(idsOf(server)).toEqual(idsWithMode('server'));
    expect([...idsOf(member), ...idsOf(server)].sort()).toEqual(idsOf(full));
    expect(idsOf(member)).toEqual(expect.arrayContaining(['listOffers', 'createRedemption', 'getWallet', 'concierge']));
    expect(idsOf(server)).toEqual(expect.arrayContaining(['exchangeToken', 'creditPoints', 'setMember', 'createWebhook']));
  });

  it('pass the audit: no foreign operation, scheme, component or tag', () => {
    expect(auditAudienceBundle(member, 'member', full)).toEqual([]);
    expect(auditAudienceBundle(server, 'server', full)).toEqual([]);
  });

  it('keep the member bundle free of every server name, in any text', () => {
    const text = JSON.stringify(member);
    const { operationIds, paths } = foreignNames(full, 'member');
    expect(operationIds).toContain('exchangeToken');
    for (const name of [...operationIds, ...paths, 'orgApiKey']) expect(text.includes(name), `mentions ${name}`).toBe(false);
    expect(member.webhooks).toBeUndefined();
    expect(Object.keys(member.components.securitySchemes)).toEqual(['memberToken']);
    expect(member.components.schemas.TokenGrant).toBeUndefined();
  });

  it('give the server bundle the webhook events', () => {
    expect(Object.keys(server.webhooks ?? {})).toEqual(
      expect.arrayContaining(['redemption.created', 'points.credited', 'member.updated', 'member.removed']),
    );
  });
});

describe('the audit itself', () => {
  // A check that cannot fail proves nothing: feed it leaky bundles.
  const leaky = () => structuredClone(member);

  it('catches a server operation in the member bundle', () => {
    const doc = leaky();
    doc.paths['/v1/auth/exchange'] = full.paths['/v1/auth/exchange'];
    const messages = auditAudienceBundle(doc, 'member', full).map((v) => v.message).join('\n');
    expect(messages).toMatch(/exchangeToken has mode "server"/);
    expect(messages).toMatch(/uses orgApiKey/);
  });

  it('catches the Org-API-Key scheme, a server-only component and a stray tag', () => {
    const doc = leaky();
    doc.components.securitySchemes.orgApiKey = full.components.securitySchemes.orgApiKey;
    doc.components.schemas.TokenGrant = full.components.schemas.TokenGrant;
    doc.tags.push({ name: 'Analytics', description: 'x' });
    const wheres = auditAudienceBundle(doc, 'member', full).map((v) => v.where);
    expect(wheres).toEqual(
      expect.arrayContaining(['#/components/securitySchemes/orgApiKey', '#/components/schemas/TokenGrant', '#/tags']),
    );
  });

  it('names a server path only as a whole template, never as the start of a member path', () => {
    // getOffer moved to server mode: its path is a prefix of checkEligibility's, still a member path.
    const moved = structuredClone(full);
    moved.paths['/v1/offers/{offerId}'].get['x-expys-mode'] = 'server';
    expect(foreignNames(moved, 'member').paths).toContain('/v1/offers/{offerId}');
    const doc = leaky();
    delete doc.paths['/v1/offers/{offerId}'];
    expect(doc.paths['/v1/offers/{offerId}/eligibility']).toBeDefined();
    // Paths only: the member bundle's descriptions still name getOffer, which a real move would edit.
    const mentions = (d: OpenApiDocument) => auditAudienceBundle(d, 'member', moved).filter((v) => v.message.includes('mentions "/'));
    expect(mentions(doc)).toEqual([]);
    // A member path that the server template would match is that member path, not a leak.
    doc.paths['/v1/offers/featured'] = structuredClone(doc.paths['/v1/offers']);
    expect(mentions(doc)).toEqual([]);
    // Named on its own (with a value filled in, at the end of a sentence), it is still caught.
    doc.info.description += ' Staff read one with GET /v1/offers/o_123.';
    expect(mentions(doc).map((v) => v.message)).toEqual(['the member bundle mentions "/v1/offers/{offerId}", which belongs to the server side']);
  });

  it('catches an operation with no mode', () => {
    const doc = leaky();
    delete doc.paths['/v1/wallet'].get['x-expys-mode'];
    expect(auditAudienceBundle(doc, 'member', full).map((v) => v.message)).toContain(
      'operation getWallet has mode undefined, not member',
    );
  });
});

describe('fail-closed split of a spec with a bad mode', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'expys-bundle-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** A copy of the spec where getOffer's mode is `mode` (undefined: removed), with its own config. */
  function brokenCopy(name: string, mode: unknown): string {
    const dir = path.join(work, name);
    cpSync(path.join(REPO_ROOT, 'spec'), path.join(dir, 'spec'), { recursive: true });
    const offersFile = path.join(dir, 'spec/paths/offers.yaml');
    const offers = parse(readFileSync(offersFile, 'utf8'));
    const getOffer = Object.values<any>(offers).find((item) => item.get?.operationId === 'getOffer').get;
    if (mode === undefined) delete getOffer['x-expys-mode'];
    else getOffer['x-expys-mode'] = mode;
    writeFileSync(offersFile, stringify(offers));
    const config = parse(readFileSync(path.join(REPO_ROOT, 'redocly.yaml'), 'utf8'));
    config.plugins = config.plugins.map((p: string) => path.join(REPO_ROOT, p));
    for (const api of Object.values<any>(config.apis)) api.output = api.output.replace('./packages/openapi/dist', './dist');
    writeFileSync(path.join(dir, 'redocly.yaml'), stringify(config));
    return dir;
  }

  it.each([
    ['missing', undefined],
    ['misspelt', 'Member'],
    ['both modes', ['member', 'server']],
  ])('a %s mode reaches no audience bundle even when lint is bypassed', (label, mode) => {
    const dir = brokenCopy(label.replace(/\s/g, '-'), mode);
    const result = redocly(['bundle', '--config', path.join(dir, 'redocly.yaml')], { capture: true, cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    const bundle = (audience: string) => parse(readFileSync(path.join(dir, `dist/expys.${audience}.yaml`), 'utf8'));
    expect(idsOf(bundle('full'))).toContain('getOffer');
    expect(idsOf(bundle('member'))).not.toContain('getOffer');
    expect(idsOf(bundle('server'))).not.toContain('getOffer');
    expect(idsOf(bundle('member'))).toContain('listOffers');
  });

  it('makes the bundler refuse the spec, naming file and line, and leave no bundle behind', () => {
    const dir = brokenCopy('bundler', 'Member');
    const cli = path.join(REPO_ROOT, 'scripts/bundle/cli.ts');
    const tsx = path.join(REPO_ROOT, 'scripts/node_modules/.bin/tsx');
    const result = spawnSync(tsx, [cli, '--config', path.join(dir, 'redocly.yaml')], { cwd: dir, encoding: 'utf8' });
    expect(result.status).toBe(1);
    const output = result.stdout + result.stderr;
    expect(output).toMatch(/spec\/paths\/offers\.yaml:\d+:\d+/);
    expect(output).toContain('expys/operation-mode');
    expect(output).toContain('No bundle was written');
    for (const audience of ['full', 'member', 'server']) expect(existsSync(path.join(dir, `dist/expys.${audience}.yaml`))).toBe(false);
  });
});

// The member bundle says only that the app holds member tokens: the member view (member-view.js,
// applied by the expys-bundle/member-view decorator) rewrites the texts it shares with the server
// side, and the audience audit fails a member bundle that still names an API key, the App Secret,
// the App ID or a scope. Proven on the bundles on disk and on a member bundle made without the
// view (the same spec, the decorator left out), which the audit and the bundler refuse.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { auditAudienceBundle, backendCredentialNames } from '../audit.js';
import MemberView from '../decorators/member-view.js';
import { applyMemberView, memberDescription } from '../member-view.js';
import { REPO_ROOT, redocly } from '../redocly.js';
import type { OpenApiDocument } from '../walk.js';

const load = (audience: string): OpenApiDocument =>
  JSON.parse(readFileSync(path.join(REPO_ROOT, `packages/openapi/dist/expys.${audience}.json`), 'utf8'));
const full = load('full');
const member = load('member');
const server = load('server');

const credentialViolations = (doc: OpenApiDocument) =>
  auditAudienceBundle(doc, 'member', full).filter((v) => v.message.startsWith('the member bundle names'));
const problemExamples = (doc: OpenApiDocument) =>
  Object.values<any>(doc.components.responses).flatMap((r) =>
    Object.values<any>(r.content?.['application/problem+json']?.examples ?? {}).map((e) => e.value),
  );

let work: string;
/** The member bundle as the bundler made it before the member view: the same config without the decorator. */
let withoutView: OpenApiDocument;
let configWithoutView: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'expys-member-view-'));
  const config = parse(readFileSync(path.join(REPO_ROOT, 'redocly.yaml'), 'utf8'));
  config.plugins = config.plugins.map((p: string) => path.join(REPO_ROOT, p));
  for (const api of Object.values<any>(config.apis)) {
    api.root = path.join(REPO_ROOT, api.root);
    api.output = path.join(work, 'dist', path.basename(api.output));
  }
  delete config.apis.member.decorators['expys-bundle/member-view'];
  configWithoutView = path.join(work, 'redocly.yaml');
  writeFileSync(configWithoutView, stringify(config));
  const result = redocly(['bundle', 'member', '--config', configWithoutView], { capture: true, cwd: work });
  expect(result.status, result.stderr).toBe(0);
  withoutView = parse(readFileSync(path.join(work, 'dist/expys.member.yaml'), 'utf8'));
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the names the audit looks for', () => {
  const names = backendCredentialNames(full).map((n) => n.name);

  it('are the API keys, the App Secret, the App ID and every scope of ApiKeyScope', () => {
    expect(names).toEqual(expect.arrayContaining(['API key', 'App Secret', 'App ID', 'test_sk_', 'prod_sk_', 'secret_']));
    const scopes: string[] = full.components.schemas.ApiKeyScope.enum;
    expect(scopes).toEqual(expect.arrayContaining(['member_read', 'points_write', 'token_write', 'webhook_write']));
    expect(names).toEqual(expect.arrayContaining(scopes));
  });

  it('are all named in the server bundle, whose texts are the spec’s own', () => {
    const text = JSON.stringify(server);
    for (const { name, pattern } of backendCredentialNames(full)) expect(pattern.test(text), name).toBe(true);
    expect(server.components.responses.Unauthorized.description).toContain('API key');
  });
});

describe('the member bundle on disk', () => {
  it('passes the audit: it names no API key, App Secret, App ID or scope', () => {
    expect(auditAudienceBundle(member, 'member', full)).toEqual([]);
  });

  it('says that the app holds member tokens', () => {
    expect(member.info.description).toMatch(/## Credentials\s+The app holds \*\*member tokens\*\* only/);
    expect(member.info.description).not.toContain('## Security checklist');
    for (const s of member.servers) expect(s.description).toMatch(/Use `mt_(test|live)_…` member tokens\.$/);
    expect(member.components.responses.MemberForbidden.description).toContain('A credential of your backend was sent to a member operation');
  });

  it('is what the view makes of the member bundle without it, and the view changes nothing more on it', () => {
    const viewed = structuredClone(withoutView);
    applyMemberView(viewed);
    expect(viewed).toEqual(member);
    const again = structuredClone(member);
    applyMemberView(again);
    expect(again).toEqual(member);
    expect(memberDescription(member.info.description)).toBe(member.info.description);
  });

  it('keeps an example, same type, status and code, for every code the member handlers answer', () => {
    const ours = new Map(problemExamples(member).map((v) => [v.code, v]));
    const spec = new Map(problemExamples(full).map((v) => [v.code, v]));
    for (const code of ['unauthenticated', 'token_expired', 'environment_mismatch', 'invalid_api_key', 'api_key_expired', 'org_api_key_not_allowed', 'api_key_not_allowed', 'app_secret_not_allowed']) {
      const { type, status } = spec.get(code);
      expect(ours.get(code), code).toMatchObject({ type, status, code });
    }
    // The codes only the server API answers have no example here.
    for (const code of ['invalid_app_credentials', 'app_credentials_required', 'insufficient_scope', 'member_token_not_allowed']) expect(ours.has(code), code).toBe(false);
    // Every code keeps its row in the ErrorCode table, the backend's explained from the app's side.
    expect(member.components.schemas.ErrorCode.enum).toEqual(full.components.schemas.ErrorCode.enum);
    expect(member.components.schemas.ErrorCode.description).toContain('| `api_key_not_allowed` | 403 | A credential of your backend was sent from the app');
  });
});

describe('the audit itself', () => {
  it('fails the member bundle made without the view, pointing at the texts', () => {
    const violations = credentialViolations(withoutView);
    expect(violations.map((v) => v.where)).toEqual(
      expect.arrayContaining([
        '#/info/description',
        '#/servers/0/description',
        '#/components/schemas/ErrorCode/description',
        '#/components/responses/Unauthorized/description',
        '#/components/responses/MemberForbidden/description',
        '#/components/responses/MemberForbidden/content/application~1problem+json/examples/apiKeyInApp/value/title',
      ]),
    );
    const description = violations.find((v) => v.where === '#/info/description')!.message;
    for (const name of ['API key', 'App Secret', 'App ID', 'test_sk_', 'prod_sk_', 'secret_', 'member_read', 'webhook_write']) expect(description).toContain(JSON.stringify(name));
  });

  it.each([
    ['Create an API key with the scopes you need.', 'API key'],
    ['Two api-keys.', 'API key'],
    ['Keep the App\nSecret on your backend.', 'App Secret'],
    ['The app id is public.', 'App ID'],
    ['A `test_sk_…` key.', 'test_sk_'],
    ['A `prod_sk_…` key.', 'prod_sk_'],
    ['Basic with `secret_…` as the password.', 'secret_'],
    ['Needs `points_write`.', 'points_write'],
    ['Needs member_read.', 'member_read'],
    ['Needs cashback_write.', 'cashback_write'],
  ])('catches %j planted in a member text', (planted, name) => {
    const doc = structuredClone(member);
    doc.paths['/v1/wallet'].get.description += `\n\n${planted}`;
    expect(credentialViolations(doc)).toContainEqual({ where: '#/paths/~1v1~1wallet/get/description', message: expect.stringContaining(JSON.stringify(name)) });
  });

  it('takes look-alikes for what they are: the Org-API-Key, problem codes, identifiers', () => {
    const doc = structuredClone(member);
    doc.info.description += '\n\nAn Org-API-Key gets `org_api_key_not_allowed`; app_secret_not_allowed, api_key_expired, `apiKeyInApp`, member_reader, x_test_sk_y, app-identity.';
    expect(credentialViolations(doc)).toEqual([]);
  });

  it('makes the bundler refuse a member bundle without the view, and leave no bundle behind', () => {
    const tsx = path.join(REPO_ROOT, 'scripts/node_modules/.bin/tsx');
    const result = spawnSync(tsx, [path.join(REPO_ROOT, 'scripts/bundle/cli.ts'), '--config', configWithoutView], { cwd: work, encoding: 'utf8' });
    expect(result.status).toBe(1);
    const output = result.stdout + result.stderr;
    expect(output).toContain('member bundle #/info/description: the member bundle names "API key"');
    expect(output).toContain('No bundle was written');
    for (const audience of ['full', 'member', 'server']) expect(existsSync(path.join(work, `dist/expys.${audience}.yaml`))).toBe(false);
  }, 60_000);
});

describe('the decorator', () => {
  it('refuses to run on another audience’s bundle', () => {
    const leave = MemberView().Root.leave;
    expect(() => leave({ info: { 'x-expys-audience': 'server' } }, { resolve: (n: unknown) => ({ node: n }) })).toThrow(/member bundle only/);
  });
});

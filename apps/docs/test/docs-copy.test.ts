// The docs-only copies: the audience boundary still holds with the samples and notes added,
// the bundles themselves are left untouched, and the server notes say things once. The server
// page has its credentials page (kinds, scopes, which operation needs which, rotation); the
// member page says only that the app holds member tokens.
import { describe, expect, it } from 'vitest';
import { operationsOf } from '../../../scripts/bundle/walk.js';
import { serverIntro, withServerNote } from '../src/audience-notes.js';
import { auditDocsCopy, leaksIn, scopeNames, withoutRedocLibrary } from '../src/boundary.js';
import { loadBundle } from '../src/bundles.js';
import { credentialsPage, documentedScopes } from '../src/credentials-page.js';
import { docsCopy, ROTATION_RECIPE_SOURCE } from '../src/docs-copy.js';
import { sectionPattern, sectionTaker } from '../src/markdown-sections.js';
import { memberDescription } from '../src/member-view.js';
import { serverAuthOf } from '../src/server-auth.js';

const full = loadBundle('full');
const member = loadBundle('member');
const server = loadBundle('server');
const memberCopy = docsCopy(member, 'member');
const serverCopy = docsCopy(server, 'server');

describe('docs copies', () => {
  it('pass the bundle audit and name nothing of the other side', () => {
    expect(auditDocsCopy(memberCopy, 'member', full)).toEqual([]);
    expect(auditDocsCopy(serverCopy, 'server', full)).toEqual([]);
  });

  it('leave the @expys/openapi bundles as they were', () => {
    expect(member).toEqual(loadBundle('member'));
    expect(server).toEqual(loadBundle('server'));
  });

  it('the leak check catches a planted server name in the member copy', () => {
    const planted = structuredClone(memberCopy);
    planted.info.description += '\n\nSee `curl -X POST https://sandbox.api.expys.com/v1/points/credit` or expys.creditPoints().';
    expect(leaksIn(JSON.stringify(planted), 'member', full)).toEqual(['creditPoints', '/v1/points/credit']);
    expect(auditDocsCopy(planted, 'member', full).length).toBeGreaterThan(0);
  });

  it('every server operation starts with the backend-only callout for its credential, said once', () => {
    let application = 0;
    for (const { operation, section } of operationsOf(serverCopy)) {
      if (section !== 'paths') continue;
      const text: string = operation.description;
      const auth = serverAuthOf(operation);
      if (auth.kind === 'application') {
        application++;
        expect(text.startsWith("> **Backend only: the application's App ID and App Secret.**"), operation.operationId).toBe(true);
        expect(text).toContain('curl -u "$EXPYS_APP_ID:$EXPYS_APP_SECRET"');
        expect(text.match(/app_credentials_required/g), operation.operationId).toHaveLength(1);
        expect(text).not.toContain('Application operation: HTTP Basic');
      } else {
        expect(text.startsWith(`> **Backend only: the Org-API-Key, or an API key with \`${auth.scope}\`.**`), operation.operationId).toBe(true);
        expect(text).toContain('403 member_token_not_allowed');
        expect(text).toContain('403 insufficient_scope');
        expect(text.match(/member_token_not_allowed/g), operation.operationId).toHaveLength(1);
        expect(text).not.toContain('Server mode: backend only');
      }
    }
    expect(application).toBe(6);
  });

  it('member operations get no server callout', () => {
    for (const { operation } of operationsOf(memberCopy)) expect(operation.description).not.toContain('Backend only');
  });
});

describe('server notes', () => {
  it('keep an extra remark after the sentence the callout replaces', () => {
    const text = withServerNote(
      'Returns the member.\n\nServer mode: backend only, with the Org-API-Key or an API key with the `member_read` scope. A member token gets\n403 `member_token_not_allowed`; the app reads its own member through getWallet.\n',
      { kind: 'bearer', scope: 'member_read' },
    );
    expect(text).toContain('an API key that has the `member_read` scope (sent as `Authorization: Bearer $EXPYS_ORG_API_KEY`)');
    expect(text.endsWith('Returns the member.\n\nThe app reads its own member through getWallet.\n')).toBe(true);
    const app = withServerNote(
      'Lists the keys.\n\nApplication operation: HTTP Basic with the App ID as the user name and the App Secret as the\npassword, from your backend or a one-off script, never from an app. A bearer credential gets\n403 `app_credentials_required`; wrong or expired application credentials get 401\n`invalid_app_credentials`.\n',
      { kind: 'application' },
    );
    expect(app.endsWith('\n\nLists the keys.\n')).toBe(true);
  });

  it('the server intro puts the security rules first, then the credentials, and fails when the spec loses one', () => {
    const intro = serverCopy.info.description as string;
    const order = [
      'Backend only.',
      'The Expys API runs a loyalty program',
      '## Security rules (read first)',
      '**Why the split exists.**',
      '### Security checklist',
      '### Key rotation',
      'shown only once',
      '## Credentials',
      '### Scopes',
      '### Which operation needs which scope',
      '### Rotation',
      '### Member tokens',
      '## Two modes, two credentials',
    ];
    const positions = order.map((marker) => intro.indexOf(marker));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(intro.match(/\*\*Why the split exists\.\*\*/g)).toHaveLength(1); // moved, not copied

    expect(() => serverIntro(server.info.description.replace('## Security checklist', '## Checklist'))).toThrow(/Security checklist/);
    expect(() => docsCopy({ ...server, info: { ...server.info, description: server.info.description.replace('## Credentials', '## Keys') } }, 'server')).toThrow(/Credentials/);
  });

  it('the Webhooks tag carries the verification recipe with the SDK call', () => {
    const tag = serverCopy.tags.find((t: { name: string }) => t.name === 'Webhooks');
    expect(tag.description).toContain('await expys.webhooks.verify(rawBody, req.headers, secret);');
    expect(tag.description).toContain('timingSafeEqual');
    for (const event of ['redemption.created', 'points.credited', 'member.updated', 'member.removed']) {
      expect(tag.description).toContain(`case "${event}":`);
      expect(serverCopy.webhooks[event].post.description).toContain('-H "webhook-signature: v1,$sig"');
    }
  });
});

describe('the credentials page (server)', () => {
  const intro = serverCopy.info.description as string;
  const page = intro.slice(intro.indexOf('## Credentials'), intro.indexOf('## Two modes, two credentials'));
  const schema = server.components.schemas.ApiKeyScope;

  it('names the three server credentials and how each is sent', () => {
    for (const needle of ['the **Org-API-Key** (`Authorization: Bearer`)', '**API keys** (`Authorization: Bearer`)', "**application's App ID and App Secret** (HTTP Basic", 'the app none of them']) {
      expect(page).toContain(needle);
    }
  });

  it('has the scopes table with the meanings of ApiKeyScope, and which operations need each scope', () => {
    expect(schema.enum).toEqual(expect.arrayContaining(['member_read', 'member_write', 'card_read', 'claim_write', 'referral_read', 'referral_write', 'stamps_read', 'stamps_write', 'cashback_read', 'cashback_write']));
    for (const { scope, type, meaning } of documentedScopes(server)) {
      expect(schema.description).toContain(`| \`${scope}\` | ${type} | ${meaning} |`);
      expect(page).toMatch(new RegExp(`^\\| \`${scope}\` \\| ${type} \\| ${meaning.replace(/[()]/g, '\\$&')} \\| `, 'm'));
    }
    expect(page).toContain('| `analytics_read` | read | read the analytics (summary, per offer, time series) | `analyticsSummary`, `analyticsOffers`, `analyticsTimeseries` |');
    // Since issue 22 every scope of the documentation has an operation that needs it.
    expect(page).toContain('| `card_read` | read | read cards and rewards information | `listMemberCards` |');
    expect(page).toContain('| `stamps_write` | write | add stamps and redeem rewards | `addStamps` |');
    expect(page).not.toMatch(/^\| `[a-z]+_(?:read|write)` \| (?:read|write) \| [^|]+ \| — \|$/m);
  });

  it('derives which operation needs which scope from each operation', () => {
    for (const { operation, section, method, key } of operationsOf(server)) {
      if (section !== 'paths') continue;
      const auth = serverAuthOf(operation);
      if (auth.kind === 'bearer') expect(page).toContain(`| \`${operation.operationId}\` | \`${method.toUpperCase()} ${key}\` | \`${auth.scope}\` |`);
      else expect(page).toMatch(new RegExp(`HTTP Basic[^\\n]*\`${operation.operationId}\``));
    }
    expect(page).toContain('| `getMember` | `GET /v1/members/{externalUserID}` | `member_read` |');
  });

  it('gives the rotation recipe: create a new key, update the integration (token: () => currentKey()), revoke the old now or at a time', () => {
    const rotation = page.slice(page.indexOf('### Rotation'));
    expect(rotation).toContain(ROTATION_RECIPE_SOURCE.trim());
    for (const step of ['token: () => currentKey()', 'app.createApiKey({ name: old.name, scopes: old.scopes })', 'app.revokeApiKey(old.id, { at })', 'app.revokeApiKey(old.id)`']) {
      expect(rotation).toContain(step);
    }
  });

  it('fails when ApiKeyScope and the description disagree, or a scope has no meaning', () => {
    const description = server.info.description as string;
    const credentials = () => sectionTaker(description, 't').take('credentials', sectionPattern(2, 'Credentials'));
    const drifted = structuredClone(server);
    drifted.components.schemas.ApiKeyScope.description = schema.description.replace('| read member data, validation |', '| read members |');
    expect(() => credentialsPage(drifted, credentials(), '')).toThrow(/disagree \(member_read\)/);
    const undocumented = structuredClone(server);
    undocumented.components.schemas.ApiKeyScope.enum = [...schema.enum, 'offer_write'];
    expect(() => credentialsPage(undocumented, credentials(), '')).toThrow(/no row for `offer_write`/);
  });
});

describe('the member page says only that the app holds member tokens', () => {
  const text = JSON.stringify(memberCopy);
  /** Whole words, a phrase in any case, a prefix at the start of a word: what a reader would see. */
  const named = (needle: string, flags = '') => new RegExp(`(?<![A-Za-z0-9_-])${needle}`, flags).test(text);

  it('names no API key, App Secret, App ID, scope, Applications tag, server scheme or server prefix', () => {
    for (const phrase of ['API[ -]keys?\\b', 'App[ -]Secrets?\\b', 'App[ -]IDs?\\b']) expect(named(phrase, 'i'), phrase).toBe(false);
    for (const word of ['Applications', 'apiKey', 'appCredentials', 'orgApiKey', 'EXPYS_APP_SECRET', ...scopeNames(full)]) expect(named(`${word}(?![A-Za-z0-9_-])`), word).toBe(false);
    for (const prefix of ['test_sk_', 'prod_sk_', 'secret_']) expect(named(prefix), prefix).toBe(false);
    expect(scopeNames(full)).toEqual(expect.arrayContaining(['member_read', 'token_write', 'points_write']));
  });

  it('has a credentials section of its own (the member token, the flow), none of the backend sections', () => {
    const description = memberCopy.info.description as string;
    for (const needle of ['## Credentials', 'The app holds **member tokens** only', '### Flow', '### Member tokens', '## Errors', '## Pagination']) expect(description).toContain(needle);
    for (const needle of ['## Two modes, two credentials', '## Security checklist', '### Scopes', '### Rotation', '## Webhooks', 'see above']) expect(description).not.toContain(needle);
    expect(memberCopy.servers.map((s: { description: string }) => s.description.replace(/^.*Use /, 'Use '))).toEqual(['Use `mt_live_…` member tokens.', 'Use `mt_test_…` member tokens.']);
  });

  it('keeps every problem code, explained from the app side', () => {
    const table: string = memberCopy.components.schemas.ErrorCode.description;
    expect(memberCopy.components.schemas.ErrorCode.enum).toEqual(member.components.schemas.ErrorCode.enum);
    for (const code of member.components.schemas.ErrorCode.enum) expect(table).toMatch(new RegExp(`^\\| \`${code}\` \\| \\d{3} \\| .+ \\|$`, 'm'));
    expect(table).toContain('| `api_key_not_allowed` | 403 | A credential of your backend was sent from the app');
    const examples = memberCopy.components.responses.MemberForbidden.content['application/problem+json'].examples;
    expect(Object.values<{ value: { code: string } }>(examples).map((e) => e.value.code)).toEqual(['org_api_key_not_allowed']);
  });

  it('fails the build when the member page names any of them: the boundary check', () => {
    for (const [planted, name] of [
      ['Create an API key with member_read.', 'API key'],
      ['Rotate the app secret.', 'App Secret'],
      ['Pass `secret_abc…` as the password.', 'secret_'],
      ['A `prod_sk_…` key.', 'prod_sk_'],
      ['Needs `points_write`.', 'points_write'],
      ['See the Applications tag.', 'Applications'],
      ['`apiKey: [member_read]`', 'apiKey'],
    ]) {
      const copy = structuredClone(memberCopy);
      copy.info.description += `\n\n${planted}`;
      expect(leaksIn(JSON.stringify(copy), 'member', full), planted).toContain(name);
    }
    // The member copy itself names none of them, nor does the member description on its own.
    expect(leaksIn(JSON.stringify(memberCopy), 'member', full)).toEqual([]);
    expect(leaksIn(memberDescription(member.info.description), 'member', full)).toEqual([]);
  });

  it("checks a page without Redoc's own code (which names apiKey whatever the spec), and fails closed without its marker", () => {
    const page = (library: string, spec: string) => `<html><body><h1>Expys</h1><script type="module">${library}\n      const __redoc_definition = ${spec};\n</script></body></html>`;
    expect(leaksIn(page('rh={API_KEY:`apiKey`}; "The location of the API key"', '{"info":{}}'), 'member', full)).toEqual([]);
    expect(leaksIn(page('x', '{"info":{"description":"an API key"}}'), 'member', full)).toEqual(['API key']);
    expect(withoutRedocLibrary('<script type="module">rh={API_KEY:`apiKey`}</script>')).toContain('apiKey');
  });
});

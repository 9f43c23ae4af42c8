// The samples follow the clients' calling convention and the operation's audience, for every
// operation of both bundles; a few operations are pinned exactly as a reader sees them.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { operationsOf, type OpenApiDocument } from '../../../scripts/bundle/walk.js';
import { AUDIENCES, loadBundle, sandboxServerUrl, type Audience } from '../src/bundles.js';
import { CLIENT_PACKAGE, CREDENTIAL_ENV } from '../src/clients.js';
import { operationSamples, sampleLanguages } from '../src/code-samples.js';
import { curlSample, shellQuote } from '../src/curl-sample.js';
import { jsLiteral } from '../src/js-literal.js';
import { operationInputs } from '../src/operation-inputs.js';
import { itemName, sdkSample } from '../src/sdk-sample.js';
import { serverAuthOf } from '../src/server-auth.js';

const bundles: Record<Audience, OpenApiDocument> = { member: loadBundle('member'), server: loadBundle('server') };
const prefixes = { memberTokenPrefix: 'mt_test_', orgApiKeyPrefix: 'expys_test_', apiKeyPrefix: 'test_sk_' };

function samplesOf(audience: Audience, operationId: string) {
  const doc = bundles[audience];
  const entry = operationsOf(doc).find((e) => e.operation.operationId === operationId);
  if (!entry) throw new Error(`${operationId} is not in the ${audience} bundle`);
  const inputs = operationInputs(doc, entry);
  const auth = audience === 'server' ? serverAuthOf(entry.operation) : undefined;
  return {
    inputs,
    auth,
    sdk: sdkSample({ audience, operationId, inputs, auth, ...prefixes }),
    curl: curlSample(audience, sandboxServerUrl(doc), inputs, auth),
  };
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (body: string) => unknown;

describe.each(AUDIENCES)('every %s operation', (audience) => {
  const calls = operationsOf(bundles[audience]).filter((e) => e.section === 'paths');
  const other = AUDIENCES.find((a) => a !== audience)!;

  it.each(calls.map((e) => [e.operation.operationId as string]))('%s: SDK call with the right client, curl with the right credential', (id) => {
    const { sdk, curl, inputs, auth } = samplesOf(audience, id);
    expect(sdk).toContain(`import { initialize } from "${CLIENT_PACKAGE[audience]}";`);
    expect(sdk).toContain(`expys.${id}(`);
    expect(sdk).not.toContain(CLIENT_PACKAGE[other]);
    if (auth?.kind === 'application') {
      // The application's own operations: HTTP Basic with its App ID and App Secret, no bearer.
      expect(curl).toContain('-u "$EXPYS_APP_ID:$EXPYS_APP_SECRET"');
      expect(curl).not.toContain('Authorization: Bearer');
      expect(sdk).toContain('  app: {\n    appId: process.env.EXPYS_APP_ID,\n    appSecret: process.env.EXPYS_APP_SECRET,\n  },');
      expect(sdk).not.toContain('token:');
    } else {
      expect(curl).toContain(`-H "Authorization: Bearer $${CREDENTIAL_ENV[audience]}"`);
      expect(curl).not.toContain('EXPYS_APP_');
      if (auth) expect(sdk).toContain(`// Org-API-Key (expys_test_…), or an API key (test_sk_…)\n// with ${auth.scope}: backend only, never in an app.`);
    }
    expect(curl).not.toContain(CREDENTIAL_ENV[other]);
    expect(curl).toContain('https://sandbox.api.expys.com/v1/');
    expect(curl).not.toMatch(/\{[A-Za-z]+\}/); // every path parameter filled in
    if (inputs.method !== 'GET') expect(curl).toContain(`-X ${inputs.method}`);

    // Both parse: the SDK sample as an async module body, the curl command as shell.
    expect(() => new AsyncFunction(sdk.replace(/^import .*$/gm, ''))).not.toThrow();
    expect(spawnSync('sh', ['-n', '-c', curl]).status).toBe(0);
  });

  it('one sample per Redoc language tab, the SDK first', () => {
    const languages = sampleLanguages(audience).map((l) => l.label);
    expect(languages[0]).toBe(CLIENT_PACKAGE[audience]);
    for (const entry of calls) {
      const inputs = operationInputs(bundles[audience], entry);
      const samples = operationSamples({ audience, operationId: entry.operation.operationId, inputs, baseUrl: 'https://x', auth: audience === 'server' ? serverAuthOf(entry.operation) : undefined, ...prefixes });
      for (const sample of samples) expect(languages).toContain(sample.label);
    }
  });
});

describe('pinned samples', () => {
  it('member token for member operations; body from the example; Idempotency-Key for idempotent POSTs', () => {
    const { sdk, curl } = samplesOf('member', 'createRedemption');
    expect(sdk).toContain('const expys = initialize({\n  environment: "sandbox",\n  token: memberToken,\n});');
    expect(sdk).toContain('const result = await expys.createRedemption({ offerId: "off_7Hq2LmN4pX9rT1vB" });');
    expect(curl).toBe(
      [
        '# A new Idempotency-Key per action; send the same one again only to retry it.',
        'curl -X POST "https://sandbox.api.expys.com/v1/redemptions" \\',
        '  -H "Authorization: Bearer $EXPYS_MEMBER_TOKEN" \\',
        '  -H "Idempotency-Key: $(uuidgen)" \\',
        '  -H "Content-Type: application/json" \\',
        `  -d '{"offerId":"off_7Hq2LmN4pX9rT1vB"}'`,
      ].join('\n'),
    );
  });

  it('Org-API-Key (or an API key with the scope) from the backend environment for server operations', () => {
    const { sdk } = samplesOf('server', 'exchangeToken');
    expect(sdk).toContain('// Org-API-Key (expys_test_…), or an API key (test_sk_…)\n// with token_write: backend only, never in an app.');
    expect(sdk).toContain('token: process.env.EXPYS_ORG_API_KEY,');
    expect(sdk).toContain('const result = await expys.exchangeToken({ externalUserID: "user_123" });');
  });

  it("the application's App ID and App Secret (HTTP Basic) for its own operations", () => {
    const { sdk, curl } = samplesOf('server', 'createApiKey');
    expect(sdk).toContain('const result = await expys.createApiKey({');
    expect(curl.split('\n').slice(0, 4)).toEqual([
      '# A new Idempotency-Key per action; send the same one again only to retry it.',
      'curl -X POST "https://sandbox.api.expys.com/v1/app/keys" \\',
      '  -u "$EXPYS_APP_ID:$EXPYS_APP_SECRET" \\',
      '  -H "Idempotency-Key: $(uuidgen)" \\',
    ]);
    expect(samplesOf('server', 'revokeApiKey').curl).toContain('curl -X POST "https://sandbox.api.expys.com/v1/app/keys/key_7Hq2Lm9Vx4Rt8Zp3/revoke"');
  });

  it('path parameters first, in template order, then the body', () => {
    const { sdk, curl } = samplesOf('server', 'setMember');
    expect(sdk).toContain('await expys.setMember("user_123", { displayName: "Ada Lovelace", tier: "gold" });');
    expect(curl).toContain('curl -X PUT "https://sandbox.api.expys.com/v1/members/user_123"');
  });

  it('a query object only with the required query parameters; none when nothing is required', () => {
    expect(samplesOf('server', 'analyticsTimeseries').sdk).toContain('await expys.analyticsTimeseries({ metric: "pointsMinted" });');
    expect(samplesOf('server', 'analyticsTimeseries').curl).toContain('/v1/analytics/timeseries?metric=pointsMinted"');
    expect(samplesOf('server', 'analyticsSummary').sdk).toContain('await expys.analyticsSummary();');
  });

  it('list operations can be iterated', () => {
    const { sdk } = samplesOf('member', 'listOffers');
    expect(sdk).toContain('const result = await expys.listOffers();');
    expect(sdk).toContain('for await (const offer of expys.listOffers()) {');
    expect(samplesOf('member', 'listWalletTransactions').sdk).toContain('for await (const transaction of expys.listWalletTransactions()) {');
    expect(samplesOf('member', 'getWallet').sdk).not.toContain('for await');
  });

  it("issue 22, member side: a redemption by path parameter with no body, a history iterated by entry", () => {
    const { sdk, curl } = samplesOf('member', 'redeemStampReward');
    expect(sdk).toContain('const result = await expys.redeemStampReward("stc_Coffee10Card0001");');
    expect(curl).toBe(
      [
        '# A new Idempotency-Key per action; send the same one again only to retry it.',
        'curl -X POST "https://sandbox.api.expys.com/v1/stamps/stc_Coffee10Card0001/redeem" \\',
        '  -H "Authorization: Bearer $EXPYS_MEMBER_TOKEN" \\',
        '  -H "Idempotency-Key: $(uuidgen)"',
      ].join('\n'),
    );
    expect(samplesOf('member', 'listStampHistory').sdk).toContain('for await (const entry of expys.listStampHistory()) {');
    expect(samplesOf('member', 'redeemCashback').sdk).toContain('await expys.redeemCashback({ amount: 500, reason: "Applied to order 1057" });');
  });

  it('issue 22, server side: the scope of the area, the member in the path, then the body', () => {
    const { sdk, curl } = samplesOf('server', 'addStamps');
    expect(sdk).toContain('// Org-API-Key (expys_test_…), or an API key (test_sk_…)\n// with stamps_write: backend only, never in an app.');
    expect(sdk).toContain('await expys.addStamps("user_123", {');
    expect(curl).toContain('curl -X POST "https://sandbox.api.expys.com/v1/members/user_123/stamps"');
    expect(curl).toContain('-H "Authorization: Bearer $EXPYS_ORG_API_KEY"');
    expect(samplesOf('server', 'creditCashback').sdk).toContain('// with cashback_write: backend only, never in an app.');
    expect(samplesOf('server', 'approveClaim').sdk).toContain('await expys.approveClaim("clm_4Rt8Vn2QxL7wKp3M", { reason: "Receipt checked" });');
  });

  it('204 operations resolve to void', () => {
    const { sdk } = samplesOf('server', 'removeMember');
    expect(sdk).toContain('await expys.removeMember("user_123");');
    expect(sdk).not.toContain('const result');
  });
});

describe('helpers', () => {
  it('names the iterated item after the list', () => {
    expect(['listOffers', 'analyticsOffers', 'listWebhooks', 'listEntries', 'listStampHistory', 'listMemberCards'].map(itemName)).toEqual(['offer', 'offer', 'webhook', 'entry', 'entry', 'card']);
  });

  it('prints JavaScript literals and shell-quotes bodies', () => {
    expect(jsLiteral({ a: 1, 'b-c': [true, null] })).toBe('{ a: 1, "b-c": [true, null] }');
    expect(jsLiteral({ message: 'x'.repeat(70) })).toBe(`{\n  message: "${'x'.repeat(70)}",\n}`);
    expect(shellQuote(`it's $HOME`)).toBe(`'it'\\''s $HOME'`);
    expect(spawnSync('sh', ['-c', `printf %s ${shellQuote(`it's "$HOME"`)}`], { encoding: 'utf8' }).stdout).toBe(`it's "$HOME"`);
  });
});

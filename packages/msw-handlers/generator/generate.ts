// Writes src/generated/{member,server}.ts from the audience bundles of @expys/openapi: each
// operation's documented answers (status, examples, header examples) and request schemas, the
// problem catalog and the sample credentials the mock knows. Each file reads one bundle only, so the member entry can
// never name a server operation.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
// The same samples as the mock: @expys/gateway's.
import { KNOWN_SAMPLES, problemCatalog, SAMPLE_CREDENTIALS } from '@expys/gateway';
import { createHandlers } from '../src/handlers.js';
import type { AudienceTable } from '../src/table.js';
import { describeAudience, type Audience } from './describe.js';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'src/generated' } } });
const require = createRequire(import.meta.url);
const bundle = (audience: Audience) => JSON.parse(readFileSync(require.resolve(`@expys/openapi/${audience}.json`), 'utf8'));

/**
 * What each audience's handlers need to know about credentials: every audience knows the revoked
 * and expired samples (a revoked or expired key is 401 before the 403, as in the mock), but only
 * the server file carries the API keys' scopes, the sample application's App ID and App Secret
 * (Basic) and the server samples for tests.
 */
function credentialsFor(audience: Audience) {
  const C = SAMPLE_CREDENTIALS;
  return {
    revokedKeys: KNOWN_SAMPLES.revokedKeys,
    expiredTokens: KNOWN_SAMPLES.expiredTokens,
    // On a member operation any live API key is a 403 whatever its scopes: the member file needs none.
    apiKeys: audience === 'server' ? KNOWN_SAMPLES.apiKeys : {},
    defaultApiKeyScopes: audience === 'server' ? KNOWN_SAMPLES.defaultApiKeyScopes : [],
    expiredApiKeys: KNOWN_SAMPLES.expiredApiKeys,
    apps: audience === 'server' ? KNOWN_SAMPLES.apps : {},
    samples:
      audience === 'member'
        ? { memberToken: C.memberToken, expiredMemberToken: C.expiredMemberToken, liveMemberToken: C.liveMemberToken }
        : {
            fullAccessKey: C.fullAccessKey,
            revokedKey: C.revokedKey,
            liveKey: C.liveKey,
            ...Object.fromEntries(Object.entries(C.apiKeys).map(([name, k]) => [name, k.key])),
            expiredApiKey: C.expiredApiKey,
            revokedApiKey: C.revokedApiKey,
            liveApiKey: C.liveApiKey,
            appId: C.app.appId,
            appSecret: C.app.appSecret,
          },
  };
}

mkdirSync(values.out, { recursive: true });
for (const audience of ['member', 'server'] as const) {
  const doc = bundle(audience);
  // The problems the boundary answers with, the gateway-only ones (405, 406) included.
  const table = { ...describeAudience(doc, audience), problems: problemCatalog(doc, { complete: false }).documented, credentials: credentialsFor(audience) };
  // The boundary compiles every request schema now, so a schema Ajv refuses fails the build, not a user's test.
  createHandlers(table as unknown as AudienceTable<string>);
  const ids = table.operations.map((op) => JSON.stringify(op.operationId));
  const text = [
    `// Generated from @expys/openapi/${audience}.json by generator/generate.ts. Do not edit.`,
    `import type { AudienceTable } from '../table.js';`,
    ``,
    `export type OperationId = ${ids.join(' | ')};`,
    ``,
    `/** The names of this audience's sample credentials (the values are the mock's). */`,
    `export type SampleName = ${Object.keys(table.credentials.samples).map((name) => JSON.stringify(name)).join(' | ')};`,
    ``,
    `export const table: AudienceTable<OperationId> = ${JSON.stringify(table)};`,
    ``,
  ].join('\n');
  writeFileSync(path.join(values.out, `${audience}.ts`), text);
  const schemas = Object.keys((table.schemaDocument as { components?: { schemas?: object } }).components?.schemas ?? {}).length;
  console.log(`msw-handlers: ${audience}: ${table.operations.length} operations, ${schemas} referenced schemas, ${(text.length / 1024).toFixed(1)} kB → ${path.join(values.out, `${audience}.ts`)}`);
}

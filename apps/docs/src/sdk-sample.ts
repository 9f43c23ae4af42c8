// The SDK call for one operation, in the clients' calling convention:
//   expys.<operationId>(...path parameters in template order, body | required query, options?)
// Member operations use @expys/member-client with the member token the backend minted;
// server operations use @expys/server-client with the Org-API-Key (or an API key with the
// operation's scope) from the backend's env, and the application's own operations with its App
// ID and App Secret.
import type { Audience } from './bundles.js';
import { APP_CREDENTIAL_ENV, CLIENT_PACKAGE, CREDENTIAL_ENV } from './clients.js';
import { jsLiteral } from './js-literal.js';
import type { OperationInputs } from './operation-inputs.js';
import type { ServerAuth } from './server-auth.js';

export interface SdkSampleContext {
  audience: Audience;
  operationId: string;
  inputs: OperationInputs;
  /** Sandbox credential prefixes from the spec's servers (`mt_test_`, `expys_test_`) and its apiKey scheme (`test_sk_`). */
  memberTokenPrefix: string;
  orgApiKeyPrefix: string;
  apiKeyPrefix?: string;
  /** How a server operation authenticates (server-auth.ts); absent for member operations. */
  auth?: ServerAuth;
}

export function sdkSample(ctx: SdkSampleContext): string {
  return [sdkImport(ctx.audience), '', ...sdkInit(ctx), '', ...sdkCall(ctx)].join('\n');
}

export const sdkImport = (audience: Audience) => `import { initialize } from "${CLIENT_PACKAGE[audience]}";`;

/** The initialize() lines, shared with the webhook samples. Short lines: the sample panel is narrow. */
export function sdkInit(ctx: Pick<SdkSampleContext, 'audience' | 'memberTokenPrefix' | 'orgApiKeyPrefix' | 'apiKeyPrefix' | 'auth'>): string[] {
  if (ctx.audience === 'member') {
    return [
      `// memberToken (${ctx.memberTokenPrefix}…): minted by your backend.`,
      'const expys = initialize({',
      '  environment: "sandbox",',
      '  token: memberToken,',
      '});',
    ];
  }
  if (ctx.auth?.kind === 'application') {
    // The options take `string | undefined`: an unset variable makes the application methods reject, naming it.
    return [
      '// The application\'s App ID (app_…) and App Secret',
      '// (secret_…): backend only, never in an app.',
      'const expys = initialize({',
      '  environment: "sandbox",',
      '  app: {',
      `    appId: process.env.${APP_CREDENTIAL_ENV.appId},`,
      `    appSecret: process.env.${APP_CREDENTIAL_ENV.appSecret},`,
      '  },',
      '});',
    ];
  }
  const who =
    ctx.auth?.kind === 'bearer' && ctx.apiKeyPrefix
      ? [`// Org-API-Key (${ctx.orgApiKeyPrefix}…), or an API key (${ctx.apiKeyPrefix}…)`, `// with ${ctx.auth.scope}: backend only, never in an app.`]
      : [`// Org-API-Key (${ctx.orgApiKeyPrefix}…): backend only, never in an app.`];
  return [...who, 'const expys = initialize({', '  environment: "sandbox",', `  token: process.env.${CREDENTIAL_ENV.server},`, '});'];
}

function sdkCall({ operationId, inputs }: SdkSampleContext): string[] {
  const args = inputs.pathParams.map((p) => jsLiteral(p.value));
  if (inputs.body !== undefined) {
    args.push(jsLiteral(inputs.body));
  } else {
    // The query object is optional in the SDK: show it only when something in it is required.
    const required = inputs.queryParams.filter((p) => p.required);
    if (required.length > 0) args.push(jsLiteral(Object.fromEntries(required.map((p) => [p.name, p.value]))));
  }
  const call = `expys.${operationId}(${args.join(', ')})`;

  if (inputs.noContent) return ['// 204 No Content: resolves to undefined.', `await ${call};`];
  if (!inputs.paginated) return [`const result = await ${call};`];
  const item = itemName(operationId);
  return [
    '// One page: { data, nextCursor, hasMore }',
    `const result = await ${call};`,
    '',
    '// Or every item, every page (follows nextCursor):',
    `for await (const ${item} of ${call}) {`,
    `  console.log(${item});`,
    '}',
  ];
}

/** listWalletTransactions → transaction, analyticsOffers → offer, listStampHistory → entry (of the history). */
export function itemName(operationId: string): string {
  const last = operationId.match(/[A-Z][a-z0-9]*$/)?.[0] ?? 'Item';
  if (last === 'History') return 'entry';
  const singular = last.endsWith('ies') ? `${last.slice(0, -3)}y` : last.replace(/s$/, '');
  return singular.charAt(0).toLowerCase() + singular.slice(1);
}

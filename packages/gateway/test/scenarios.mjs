// The fetch handler's behaviour as scenarios, in plain JavaScript on the built ESM files, so the
// same file runs under Node (test/fetch.test.ts) and under Bun (`bun test/scenarios.mjs <bundle>`):
// each scenario sends a Request and reports what came back. `serve` (Bun only) also puts the
// handler behind Bun.serve on a loopback port and sends one request through the network.
import { KNOWN_SAMPLES, SAMPLE_CREDENTIALS as C, createFetchHandler, knownCredentials } from '../dist/index.js';

const BASE = 'http://127.0.0.1:9/';

/** The operation handler behind the boundary: says what it got; `concierge` never answers (a deadline test). */
async function handler(request) {
  if (request.route.operationId === 'concierge') return new Promise(() => {});
  return { status: 200, headers: { 'content-type': 'application/json' }, body: { operationId: request.route.operationId, kind: request.credential.kind, query: request.query, body: request.body ?? null } };
}

export function createHandler(doc) {
  return createFetchHandler({
    doc,
    handler,
    authenticate: knownCredentials(KNOWN_SAMPLES),
    access: { productionUrl: 'https://api.expys.com' },
    rateLimit: { limit: 4, windowMs: 60_000 },
    bodyBytes: 1024,
    handlerTimeoutMs: 200,
  });
}

async function read(response) {
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  const pick = ['request-id', 'allow', 'www-authenticate', 'access-control-allow-origin', 'ratelimit-limit', 'retry-after', 'content-type'];
  const headers = Object.fromEntries(pick.filter((name) => response.headers.has(name)).map((name) => [name, response.headers.get(name)]));
  return { status: response.status, json, headers };
}

const bearer = (credential) => ({ authorization: `Bearer ${credential}` });
/** HTTP Basic with the App ID as the user name and the App Secret as the password (btoa: every runtime has it). */
const basic = (appId, appSecret) => ({ authorization: `Basic ${btoa(`${appId}:${appSecret}`)}` });

/** Every scenario, in order (the rate-limit one spends the member token's budget: it comes last). */
export async function runScenarios(doc) {
  const handle = createHandler(doc);
  const send = async (path, init = {}) => read(await handle(new Request(new URL(path, BASE), init)));
  const results = {};
  results.missing = await send('/v1/wallet');
  results.orgKeyOnMember = await send('/v1/wallet', { headers: bearer(C.fullAccessKey) });
  results.memberTokenOnServer = await send('/v1/analytics/summary', { headers: bearer(C.memberToken) });
  results.wallet = await send('/v1/wallet', { headers: bearer(C.memberToken) });
  results.badQuery = await send('/v1/offers?limit=0', { headers: bearer(C.memberToken) });
  results.tooLarge = await send('/v1/points/credit', { method: 'POST', headers: { ...bearer(C.apiKeys.loyaltyJob.key), 'content-type': 'application/json', 'idempotency-key': 'k1' }, body: JSON.stringify({ externalUserID: 'user_123', amount: 1, reason: 'x'.repeat(2000) }) });
  results.wrongMedia = await send('/v1/points/credit', { method: 'POST', headers: { ...bearer(C.apiKeys.loyaltyJob.key), 'content-type': 'text/plain', 'idempotency-key': 'k2' }, body: 'hello' });
  results.badBody = await send('/v1/points/credit', { method: 'POST', headers: { ...bearer(C.apiKeys.loyaltyJob.key), 'content-type': 'application/json', 'idempotency-key': 'k3' }, body: '{"amount": "ten"}' });
  results.credit = await send('/v1/points/credit', { method: 'POST', headers: { ...bearer(C.apiKeys.loyaltyJob.key), 'content-type': 'application/json', 'idempotency-key': 'k4' }, body: JSON.stringify({ externalUserID: 'user_123', amount: 10, reason: 'Order 1' }) });
  results.methodNotAllowed = await send('/v1/offers', { method: 'PATCH', headers: bearer(C.fullAccessKey) });
  results.notFound = await send('/v1/nothing', { headers: bearer(C.fullAccessKey) });
  results.preflight = await send('/v1/wallet', { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' } });
  results.liveKey = await send('/v1/analytics/summary', { headers: bearer(C.liveKey) });
  results.app = await send('/v1/app', { headers: basic(C.app.appId, C.app.appSecret) });
  results.appWithBearer = await send('/v1/app', { headers: bearer(C.fullAccessKey) });
  results.appMissing = await send('/v1/app');
  results.basicOnServer = await send('/v1/analytics/summary', { headers: basic(C.app.appId, C.app.appSecret) });
  results.appSecretAsBearer = await send('/v1/analytics/summary', { headers: bearer(C.app.appSecret) });
  results.apiKeyWithoutScope = await send('/v1/analytics/summary', { headers: bearer(C.apiKeys.tokenMinter.key) });
  results.expiredApiKey = await send('/v1/analytics/summary', { headers: bearer(C.expiredApiKey) });
  results.deadline = await send('/v1/concierge', { method: 'POST', headers: { ...bearer(C.memberToken), 'content-type': 'application/json' }, body: JSON.stringify({ message: 'hi' }) });
  // Each credential has 4 requests a minute here; the member token has spent them (memberTokenOnServer,
  // wallet, badQuery, deadline). Other spellings of its header share that spent budget (keyed on the
  // credential as parsed, not on the header's text).
  results.sameBudget = [];
  for (const header of [`bearer ${C.memberToken}`, `BEARER  ${C.memberToken}`, `Bearer ${C.memberToken}\t`]) {
    results.sameBudget.push((await send('/v1/wallet', { headers: { authorization: header } })).status);
  }
  return results;
}

/** Bun only: the handler behind Bun.serve on a free loopback port, one request over the network. */
export async function serveOnce(doc) {
  const server = globalThis.Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: createHandler(doc) });
  try {
    return await read(await fetch(`http://127.0.0.1:${server.port}/v1/wallet`, { headers: bearer(C.memberToken) }));
  } finally {
    server.stop(true);
  }
}

// `bun test/scenarios.mjs <bundle.json>`: prints the results as JSON.
if (globalThis.Bun && process.argv[2]) {
  const doc = JSON.parse(await globalThis.Bun.file(process.argv[2]).text());
  console.log(JSON.stringify({ runtime: `bun ${globalThis.Bun.version}`, results: await runScenarios(doc), served: await serveOnce(doc) }));
}

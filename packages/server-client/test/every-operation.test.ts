// Every method of the server client against a server that answers the spec's own examples (the
// member client's helper: ../../member-client/test/spec-examples.ts): the spec's parameter and body
// examples as arguments, its response examples as answers, lists read to their last page. Derived
// from the bundle, so issue 22's operations (stamps, cashback, claims, referrals…) and any later
// one are covered with no edit.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { exampleOperations, exampleServer } from '../../member-client/test/spec-examples.js';
import { operationTable } from '../src/generated/operations.js';
import { APP_ID, APP_SECRET, SANDBOX_KEY, serverClient, startApiServer } from './support.js';

const bundle = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@expys/openapi/server.json'), 'utf8'));
const operations = exampleOperations(bundle);
type Call = (...args: unknown[]) => PromiseLike<unknown> & AsyncIterable<unknown>;
const table = operationTable as Record<string, { hasBody: boolean; idempotent: boolean; auth?: string }>;
const client = (baseUrl: string) => serverClient(baseUrl, { app: { appId: APP_ID, appSecret: APP_SECRET } }) as unknown as Record<string, Call>;

describe('every server operation, called with its spec examples', () => {
  it('covers the whole bundle, the lists of issue 22 included', () => {
    expect(operations.map((op) => op.operationId).sort()).toEqual(Object.keys(operationTable).sort());
    expect(operations.filter((op) => op.paginated).map((op) => op.operationId)).toEqual(expect.arrayContaining(['analyticsOffers', 'listMemberCards']));
  });

  it.each(operations.map((op) => [op.operationId, op] as const))('%s: sends the documented request and resolves to the documented answer', async (operationId, op) => {
    const api = await startApiServer(exampleServer(operations));
    const result = await client(api.baseUrl)[operationId](...op.args);
    expect(result).toEqual(op.successStatus === 204 ? undefined : op.first);
    const [request] = api.requests;
    expect(request.method).toBe(op.method);
    const segments = op.template.split('/');
    const sent = request.pathname.split('/');
    expect(sent).toHaveLength(segments.length);
    let p = 0;
    segments.forEach((segment, i) => expect(sent[i]).toBe(/^\{.+\}$/.test(segment) ? encodeURIComponent(String(op.args[p++])) : segment));
    if (table[operationId].hasBody) expect(request.json).toEqual(op.args.at(-1));
    expect(Boolean(request.headers['idempotency-key'])).toBe(table[operationId].idempotent);
    // The key (bearer) for API calls; the application's credentials (Basic) for its own operations.
    expect(request.headers.authorization).toBe(table[operationId].auth === 'basic' ? `Basic ${Buffer.from(`${APP_ID}:${APP_SECRET}`).toString('base64')}` : `Bearer ${SANDBOX_KEY}`);
  });

  it.each(operations.filter((op) => op.paginated).map((op) => [op.operationId, op] as const))('%s: `for await` reads every item of every page', async (operationId, op) => {
    const api = await startApiServer(exampleServer(operations));
    const items: unknown[] = [];
    for await (const item of client(api.baseUrl)[operationId](...op.args)) items.push(item);
    const first = op.first as { data: unknown[]; hasMore: boolean; nextCursor: string | null };
    const last = op.lastPage as { data: unknown[] };
    expect(items).toEqual(first.hasMore ? [...first.data, ...last.data] : first.data);
    expect(items.length).toBeGreaterThan(0);
    expect(api.requests.map((r) => r.query.get('cursor'))).toEqual(first.hasMore ? [null, first.nextCursor] : [null]);
  });
});

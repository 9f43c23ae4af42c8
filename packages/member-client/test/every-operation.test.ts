// Every method of the member client against a server that answers the spec's own examples: the
// arguments are the spec's parameter and body examples, the answers its response examples. Lists
// are read to their last page with `for await`. Derived from the bundle, so an operation added to
// the spec is covered here with no edit (issue 22's stamps, cashback, claims… came in that way).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { operationTable } from '../src/index.js';
import { exampleOperations, exampleServer } from './spec-examples.js';
import { memberClient, startApiServer } from './support.js';

const bundle = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@expys/openapi/member.json'), 'utf8'));
const operations = exampleOperations(bundle);
type Call = (...args: unknown[]) => PromiseLike<unknown> & AsyncIterable<unknown>;
const methodsOf = (client: object) => client as unknown as Record<string, Call>;

describe('every member operation, called with its spec examples', () => {
  it('covers the whole bundle, the lists of issue 22 included', () => {
    expect(operations.map((op) => op.operationId).sort()).toEqual(Object.keys(operationTable).sort());
    expect(operations.filter((op) => op.paginated).map((op) => op.operationId)).toEqual(
      expect.arrayContaining(['listOffers', 'listCards', 'listClaims', 'listStampHistory', 'listCashbackHistory']),
    );
  });

  it.each(operations.map((op) => [op.operationId, op] as const))('%s: sends the documented request and resolves to the documented answer', async (operationId, op) => {
    const api = await startApiServer(exampleServer(operations));
    const method = methodsOf(memberClient(api.baseUrl))[operationId];
    const result = await method(...op.args);
    expect(result).toEqual(op.successStatus === 204 ? undefined : op.first);
    const [request] = api.requests;
    expect(request.method).toBe(op.method);
    // Path parameters land in the template's places, encoded.
    const segments = op.template.split('/');
    const sent = request.pathname.split('/');
    expect(sent).toHaveLength(segments.length);
    let p = 0;
    segments.forEach((segment, i) => expect(sent[i]).toBe(/^\{.+\}$/.test(segment) ? encodeURIComponent(String(op.args[p++])) : segment));
    // The body is the example, as JSON; an Idempotency-Key goes with every operation that moves value.
    if (operationTable[operationId as keyof typeof operationTable].hasBody) expect(request.json).toEqual(op.args.at(-1));
    expect(Boolean(request.headers['idempotency-key'])).toBe(operationTable[operationId as keyof typeof operationTable].idempotent);
  });

  it.each(operations.filter((op) => op.paginated).map((op) => [op.operationId, op] as const))('%s: `for await` reads every item of every page', async (operationId, op) => {
    const api = await startApiServer(exampleServer(operations));
    const items: unknown[] = [];
    for await (const item of methodsOf(memberClient(api.baseUrl))[operationId](...op.args)) items.push(item);
    const first = op.first as { data: unknown[]; hasMore: boolean; nextCursor: string | null };
    const last = op.lastPage as { data: unknown[] };
    expect(items).toEqual(first.hasMore ? [...first.data, ...last.data] : first.data);
    expect(items.length).toBeGreaterThan(0);
    // One request per page; the second sends the first page's cursor.
    expect(api.requests.map((r) => r.query.get('cursor'))).toEqual(first.hasMore ? [null, first.nextCursor] : [null]);
  });
});

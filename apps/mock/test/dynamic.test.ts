// Dynamic mode: data generated from the schemas on every request must still match them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SAMPLE_CREDENTIALS as C, startMock, type RunningMock } from '../src/index.js';
import { defaultBundleFile } from '../src/mock.js';
import { deref } from '@expys/gateway';
import { loadBundle } from '@expys/gateway-fastify';
import { documentedResponse, exampleRequest, operationsOf, schemaValidator, successStatuses } from './support/contract.js';
import { call } from './support/http.js';

const doc = loadBundle(defaultBundleFile());
const validate = schemaValidator(doc);
const ROUNDS = Number(process.env.DYNAMIC_ROUNDS ?? 5);

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, dynamic: true });
});
afterAll(async () => {
  await mock?.stop();
});

it.each(operationsOf(doc).map((op) => [op.id, op] as const))(`%s: ${ROUNDS} generated 2xx bodies match the schema`, async (_, op) => {
  const request = exampleRequest(doc, op);
  const bodies = new Set<string>();
  for (let round = 0; round < ROUNDS; round++) {
    const answer = await call(mock.url, op.method, request.path, {
      // The application's own operations take its App ID and App Secret (HTTP Basic), the rest a bearer.
      headers: { ...request.headers, authorization: op.application ? `Basic ${btoa(`${C.app.appId}:${C.app.appSecret}`)}` : `Bearer ${op.mode === 'member' ? C.memberToken : C.fullAccessKey}` },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    expect(successStatuses(op), answer.text).toContain(answer.status);
    const content = documentedResponse(doc, op, answer.status).content;
    if (!content) continue;
    expect(validate(deref(doc, content['application/json'].schema), answer.json), answer.text).toEqual([]);
    bodies.add(answer.text);
  }
  if (bodies.size > 0) expect(bodies.size, 'dynamic mode should vary the data').toBeGreaterThan(1);
});

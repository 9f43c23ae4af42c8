// A small operation table, shaped like the generated ones: the runtime is tested without any
// Expys operation, which also shows it depends on nothing but the table.
import { createOperationClient, createRedactor, type CredentialSource, type EnvironmentTable, type OperationClientConfig, type OperationTable } from '../../src/index.js';

export const environments = {
  sandbox: { baseUrl: 'https://sandbox.example.invalid', keyPrefix: 'key_test_', memberTokenPrefix: 'tok_test_', live: false },
  production: { baseUrl: 'https://example.invalid', keyPrefix: 'key_live_', memberTokenPrefix: 'tok_live_', live: true },
} as const satisfies EnvironmentTable;

export const operations = {
  listThings: { method: 'GET', path: '/v1/things', pathParams: [], hasBody: false, hasQuery: true, idempotent: false, paginated: true },
  getThing: { method: 'GET', path: '/v1/things/{thingId}', pathParams: ['thingId'], hasBody: false, hasQuery: false, idempotent: false, paginated: false },
  getPart: { method: 'GET', path: '/v1/things/{thingId}/parts/{partId}', pathParams: ['thingId', 'partId'], hasBody: false, hasQuery: false, idempotent: false, paginated: false },
  createThing: { method: 'POST', path: '/v1/things', pathParams: [], hasBody: true, hasQuery: false, idempotent: true, paginated: false },
  askOracle: { method: 'POST', path: '/v1/oracle', pathParams: [], hasBody: true, hasQuery: false, idempotent: false, paginated: false },
  putThing: { method: 'PUT', path: '/v1/things/{thingId}', pathParams: ['thingId'], hasBody: true, hasQuery: false, idempotent: false, paginated: false },
  deleteThing: { method: 'DELETE', path: '/v1/things/{thingId}', pathParams: ['thingId'], hasBody: false, hasQuery: false, idempotent: false, paginated: false },
} as const satisfies OperationTable;

export const TOKEN = `tok_test_${'S3cr3t'.repeat(6)}Zz9x`;

export const fixedToken = (token = TOKEN): CredentialSource => ({ current: async () => token });

type AnyMethod = (...args: any[]) => any;

/** A client over the fake table, with millisecond backoff so retry tests run fast. */
export function fakeClient(baseUrl: string, overrides: Partial<OperationClientConfig> = {}): Record<keyof typeof operations, AnyMethod> {
  return createOperationClient({
    operations,
    baseUrl,
    credentials: fixedToken(),
    redact: createRedactor(environments),
    describe: { name: 'FakeClient', summary: { baseUrl } },
    clientIdentity: '@expys/fake-client/1.2.3',
    live: false,
    retryDelays: { initialDelayMs: 1, maxDelayMs: 4 },
    ...overrides,
  }) as unknown as Record<keyof typeof operations, AnyMethod>;
}

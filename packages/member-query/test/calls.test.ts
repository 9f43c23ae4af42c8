// The pure parts: the retry policy, and how arguments and mutation variables become a client
// call, also for kinds of operation the member spec does not have yet (a mutation with path
// parameters, one with no argument), which the adapter must handle with no edit.
import { AbortError, ApiError, AuthenticationError, ConnectionError, CredentialError, ExpysConfigError, NotFoundError, RateLimitError, ServerError, TimeoutError, ValidationError } from '@expys/member-client';
import { describe, expect, it } from 'vitest';
import { mutationCall, nextCursor, normalisedQuery, splitArgs, type Meta } from '../src/calls.js';
import { expysRetry } from '../src/index.js';

const meta = (fields: Partial<Meta>): Meta => ({ method: 'POST', pathParams: [], hasBody: false, hasQuery: false, idempotent: false, paginated: false, ...fields });

describe('expysRetry', () => {
  it('never retries an ExpysError: the client already retried what can be', () => {
    const errors = [
      new NotFoundError('404', { status: 404 }),
      new ValidationError('422', { status: 422 }),
      new AuthenticationError('401', { status: 401, code: 'token_expired' }),
      new ApiError('413', { status: 413 }),
      new RateLimitError('429', { status: 429 }),
      new ServerError('500', { status: 500 }),
      new ConnectionError('reset'),
      new TimeoutError('deadline'),
      new AbortError('aborted'),
      new CredentialError('environment_mismatch', 'live token'),
      new ExpysConfigError('bad argument'),
    ];
    for (const error of errors) expect(expysRetry(0, error), error.constructor.name).toBe(false);
  });

  it("retries other failures (the app's token provider) like TanStack's default: 3 times", () => {
    const error = new Error('token endpoint unreachable');
    expect([0, 1, 2, 3, 4].map((failures) => expysRetry(failures, error))).toEqual([true, true, true, false, false]);
  });
});

describe('query arguments', () => {
  const list = meta({ method: 'GET', hasQuery: true, paginated: true });
  const byId = meta({ method: 'GET', pathParams: ['memberId'], hasQuery: true });

  it('drops undefined query entries and empty queries', () => {
    expect(normalisedQuery(undefined)).toBeUndefined();
    expect(normalisedQuery({})).toBeUndefined();
    expect(normalisedQuery({ a: undefined })).toBeUndefined();
    expect(normalisedQuery({ a: undefined, b: 0, c: '', d: false })).toEqual({ b: 0, c: '', d: false });
  });

  it('splits path parameters, query and request options', () => {
    expect(splitArgs('list', list, [])).toEqual({ path: [], query: undefined, options: undefined });
    expect(splitArgs('list', list, [{ limit: 5 }, { timeout: 1 }])).toEqual({ path: [], query: { limit: 5 }, options: { timeout: 1 } });
    expect(splitArgs('byId', byId, ['m_1', undefined, { maxRetries: 0 }])).toEqual({ path: ['m_1'], query: undefined, options: { maxRetries: 0 } });
    expect(() => splitArgs('list', list, [{}, {}, {}])).toThrow(ExpysConfigError);
    expect(() => splitArgs('list', list, [{}, 'fast'])).toThrow(/request options must be an object/);
  });

  it('follows nextCursor while hasMore, and stops on a cursor already used', () => {
    expect(nextCursor({ data: [], hasMore: true, nextCursor: 'c2' }, [undefined])).toBe('c2');
    expect(nextCursor({ data: [], hasMore: false, nextCursor: 'c2' }, [undefined])).toBeUndefined();
    expect(nextCursor({ data: [], hasMore: true, nextCursor: null }, [undefined])).toBeUndefined();
    expect(nextCursor({ data: [], hasMore: true, nextCursor: 'c2' }, [undefined, 'c2'])).toBeUndefined();
  });
});

describe('mutation variables', () => {
  it('body only, idempotent: the body, with idempotencyKey taken out of it', () => {
    const redeem = meta({ hasBody: true, idempotent: true });
    expect(mutationCall(redeem, { offerId: 'off_1' })).toEqual({ args: [{ offerId: 'off_1' }], idempotencyKey: undefined });
    expect(mutationCall(redeem, { offerId: 'off_1', idempotencyKey: 'k1' })).toEqual({ args: [{ offerId: 'off_1' }], idempotencyKey: 'k1' });
  });

  it('body only, not idempotent: the body as given', () => {
    expect(mutationCall(meta({ hasBody: true }), { message: 'hi' })).toEqual({ args: [{ message: 'hi' }], idempotencyKey: undefined });
  });

  it('path parameters: { args: [...path parameters, body] } and the key beside', () => {
    const update = meta({ method: 'PATCH', pathParams: ['memberId'], hasBody: true, idempotent: true });
    expect(mutationCall(update, { args: ['m_1', { tier: 'gold' }], idempotencyKey: 'k2' })).toEqual({ args: ['m_1', { tier: 'gold' }], idempotencyKey: 'k2' });
    const remove = meta({ method: 'DELETE', pathParams: ['webhookId'] });
    expect(mutationCall(remove, { args: ['wh_1'] })).toEqual({ args: ['wh_1'], idempotencyKey: undefined });
    expect(() => mutationCall(remove, 'wh_1')).toThrow(/mutate\(\{ args:/);
  });

  it('no argument: nothing, or just a key', () => {
    const refresh = meta({ idempotent: true });
    expect(mutationCall(refresh, undefined)).toEqual({ args: [], idempotencyKey: undefined });
    expect(mutationCall(refresh, { idempotencyKey: 'k3' })).toEqual({ args: [], idempotencyKey: 'k3' });
  });
});

// No message, stack, inspect or JSON output of an error or of the client contains a token,
// and the client logs nothing.
import { inspect } from 'node:util';
import { afterEach, expect, it, vi } from 'vitest';
import { APP_SECRET, memberClient, problem, SANDBOX_API_KEY, SANDBOX_ORG_KEY, SANDBOX_TOKEN, startApiServer } from './support.js';

const secretPart = (token: string) => token.replace(/^[a-z]+_[a-z]+_/, '');
const outputsOf = (value: unknown) => {
  const e = value as Error;
  return [
    String(value),
    e?.message,
    e?.stack,
    inspect(value, { depth: Infinity, showHidden: true }),
    inspect(value, { depth: Infinity, showHidden: true, customInspect: false }),
    JSON.stringify(value),
  ].join('\n');
};

afterEach(() => void vi.restoreAllMocks());

/** A 422 whose field errors echo what was sent. */
function withFieldErrors(reply: ReturnType<typeof problem>, errors: { path: string; message: string }[]) {
  return { ...reply, json: { ...(reply.json as object), errors } };
}

it('keeps tokens out of errors, the client and the console', async () => {
  const consoleCalls = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => vi.spyOn(console, level));
  const api = await startApiServer((r, i) =>
    [
      problem(401, 'token_expired', `expired: ${r.headers.authorization}`),
      problem(403, 'org_api_key_not_allowed', `sent ${SANDBOX_TOKEN}`),
      { drop: true as const },
      withFieldErrors(problem(422, 'validation_failed'), [{ path: `/token/${SANDBOX_ORG_KEY}`, message: `${r.headers.authorization} is not allowed, nor ${SANDBOX_API_KEY} nor ${APP_SECRET}` }]),
    ][i % 4],
  );
  const client = memberClient(api.baseUrl, { maxRetries: 0 });
  const withProvider = memberClient(api.baseUrl, { token: async () => SANDBOX_TOKEN, maxRetries: 0 });
  const seen: unknown[] = [client, withProvider];
  for (let i = 0; i < 4; i++) seen.push(await client.getWallet().catch((e) => e));
  for (const secret of [SANDBOX_ORG_KEY, SANDBOX_API_KEY, APP_SECRET]) {
    try {
      memberClient(api.baseUrl, { token: secret });
    } catch (error) {
      seen.push(error);
    }
  }
  expect(seen.slice(2).map((e) => (e as Error).name)).toEqual(['AuthenticationError', 'PermissionError', 'ConnectionError', 'ValidationError', 'CredentialError', 'CredentialError', 'CredentialError']);
  expect((seen[5] as { errors: unknown[] }).errors).toHaveLength(1);
  for (const value of seen) {
    const text = outputsOf(value);
    expect(text).not.toContain(secretPart(SANDBOX_TOKEN));
    expect(text).not.toContain(secretPart(SANDBOX_ORG_KEY));
    expect(text).not.toContain(SANDBOX_API_KEY.slice(8));
    expect(text).not.toContain(APP_SECRET.slice(7));
  }
  expect(api.requests[0].headers.authorization).toBe(`Bearer ${SANDBOX_TOKEN}`);
  for (const spy of consoleCalls) expect(spy).not.toHaveBeenCalled();
});

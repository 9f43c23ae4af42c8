// Interoperability with the Standard Webhooks reference library for JavaScript (`standardwebhooks`
// on npm, https://github.com/standard-webhooks/standard-webhooks): what our `sign` produces, it
// verifies; what it signs, our `verify` accepts; both refuse the same forgeries; and the spec's
// signed examples verify with both. (The sandbox's real deliveries: apps/sandbox/test.)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Webhook, WebhookVerificationError as ReferenceVerificationError } from 'standardwebhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { constructEvent, sign, verify, WebhookVerificationError } from '../src/index.js';

const SECRET = 'whsec_T5KMGYEARazGqj9BP0LQ3F3UCOVRpXomKBf1Zu8CMJY=';
const OLD_SECRET = 'whsec_A/VdoR4zolPKsk03EZ9GSXqk4sVUiQornL5k0mRFlHc=';
const UNRELATED = 'whsec_P8A3UaZzwv/Oxteg1LRMC9PWKL+5SiOfYtRho24ba0k=';
const event = { id: 'evt_8Pn3Wz6KqT1xRm5V', type: 'points.credited', createdAt: '2026-03-14T10:05:00Z', data: { externalUserID: 'user_123', transactionId: 'txn_9Lm4Tq7WzX2kPv8R', amount: 250, balance: 1450, currency: { code: 'STAR', symbol: '★', name: 'Bean Stars' } } };
const body = JSON.stringify(event); // non-ASCII on purpose: both sides sign UTF-8 bytes
const nowSeconds = () => Math.floor(Date.now() / 1000);

const reasonOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (e: unknown) => (e instanceof WebhookVerificationError ? e.reason : `unexpected ${String(e)}`),
  );

/** The reference library's verdict: the parsed body, or its error message. */
function referenceVerdict(secret: string, payload: string, headers: Record<string, string>): unknown {
  try {
    return new Webhook(secret).verify(payload, headers);
  } catch (error) {
    if (error instanceof ReferenceVerificationError) return `refused: ${error.message}`;
    throw error;
  }
}

/** Headers from the reference library's `sign`, one v1 per secret. */
function referenceHeaders(secrets: string[], id: string, at: Date, payload = body): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(id, at, payload)).join(' '),
  };
}

afterEach(() => void vi.useRealTimers());

describe('our sign → the reference verifier', () => {
  it('accepts what sign produces, and returns the same body', async () => {
    expect(referenceVerdict(SECRET, body, await sign(body, SECRET))).toEqual(event);
    expect(referenceVerdict(SECRET, body, await sign(body, SECRET, { id: 'evt_8Pn3Wz6KqT1xRm5V' }))).toEqual(event);
  });

  it('during a rotation, each active secret alone verifies the two-signature header', async () => {
    const headers = await sign(body, [SECRET, OLD_SECRET]);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(referenceVerdict(SECRET, body, headers)).toEqual(event);
    expect(referenceVerdict(OLD_SECRET, body, headers)).toEqual(event);
    expect(referenceVerdict(UNRELATED, body, headers)).toBe('refused: No matching signature found');
  });

  it('refuses a tampered body, a wrong secret and a stale timestamp', async () => {
    const headers = await sign(body, SECRET);
    expect(referenceVerdict(SECRET, body.replace('250', '2500'), headers)).toBe('refused: No matching signature found');
    expect(referenceVerdict(UNRELATED, body, headers)).toBe('refused: No matching signature found');
    expect(referenceVerdict(SECRET, body, await sign(body, SECRET, { timestamp: nowSeconds() - 301 }))).toBe('refused: Message timestamp too old');
  });
});

describe('the reference sign → our verify', () => {
  it('accepts what the reference library signs, from a record or a Headers', async () => {
    const headers = referenceHeaders([SECRET], 'msg_2LJvHkq0aQd5Z6p3', new Date());
    await expect(verify(body, headers, SECRET)).resolves.toBeUndefined();
    await expect(constructEvent(new TextEncoder().encode(body), new Headers(headers), SECRET)).resolves.toEqual(event);
  });

  it('accepts a two-signature header with either secret, as during a rotation', async () => {
    const headers = referenceHeaders([OLD_SECRET, SECRET], 'msg_rotation', new Date());
    await expect(reasonOf(verify(body, headers, SECRET))).resolves.toBe('accepted');
    await expect(reasonOf(verify(body, headers, OLD_SECRET))).resolves.toBe('accepted');
    await expect(reasonOf(verify(body, headers, [UNRELATED]))).resolves.toBe('no_matching_signature');
  });

  it('refuses a tampered body, a wrong secret and a stale timestamp', async () => {
    const headers = referenceHeaders([SECRET], 'msg_tamper', new Date());
    await expect(reasonOf(verify(body.replace('250', '2500'), headers, SECRET))).resolves.toBe('no_matching_signature');
    await expect(reasonOf(verify(body, headers, UNRELATED))).resolves.toBe('no_matching_signature');
    const stale = referenceHeaders([SECRET], 'msg_stale', new Date(Date.now() - 301_000));
    await expect(reasonOf(verify(body, stale, SECRET))).resolves.toBe('stale_timestamp');
  });

  it('signs byte for byte what we sign', async () => {
    const at = new Date(1_773_482_700_000);
    const ours = await sign(body, [SECRET, OLD_SECRET], { id: 'msg_same', timestamp: 1_773_482_700 });
    expect(ours).toEqual(referenceHeaders([SECRET, OLD_SECRET], 'msg_same', at));
  });
});

describe('the spec’s signed examples', () => {
  const require = createRequire(import.meta.url);
  const server = JSON.parse(readFileSync(require.resolve('@expys/openapi/server.json'), 'utf8'));
  const ref = (node: any) => (node.$ref ? node.$ref.split('/').slice(1).reduce((at: any, key: string) => at[key], server) : node);
  const secret: string = server.paths['/v1/webhooks'].post.responses['201'].content['application/json'].examples.created.value.signingSecret;
  const events = Object.entries<any>(server.webhooks);

  it('use a secret in the format the spec documents', () => {
    const schema = server.components.schemas.WebhookWithSecret.properties.signingSecret;
    expect(secret).toMatch(new RegExp(schema.pattern));
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    // Every event of the spec gets a test below: the list is the bundle's, checked here so an empty one fails.
    expect(events.map(([name]) => name)).toEqual(expect.arrayContaining(['member.removed', 'points.credited', 'claim.approved', 'stamps.reward_earned', 'cashback.credited', 'referral.applied']));
  });

  it.each(events)('%s: its example headers sign its example body, for us and for the reference library', async (_, pathItem) => {
    const operation = pathItem.post;
    const example = operation.requestBody.content['application/json'].example;
    const payload = JSON.stringify(example);
    const parameters = operation.parameters.map(ref);
    expect(parameters.map((p: any) => [p.in, p.name, p.required])).toEqual([
      ['header', 'webhook-id', true],
      ['header', 'webhook-timestamp', true],
      ['header', 'webhook-signature', true],
    ]);
    // One named example per event, under the same key in each of the three parameters.
    const keys = Object.keys(parameters[0].examples).filter((key) => parameters[0].examples[key].value === example.id);
    expect(keys).toHaveLength(1);
    const headers = Object.fromEntries(parameters.map((p: any) => [p.name, p.examples[keys[0]].value as string]));
    expect(headers['webhook-id']).toBe(example.id);
    const timestamp = Number(headers['webhook-timestamp']);

    await expect(constructEvent(payload, headers, secret, { now: timestamp })).resolves.toEqual(example);
    vi.useFakeTimers({ toFake: ['Date'], now: timestamp * 1000 });
    expect(new Webhook(secret).verify(payload, headers)).toEqual(example);
  });
});

// The page the browser test loads (bundled by esbuild from dist/, see test/browser.test.ts): MSW's
// service worker with the member handlers, and the real @expys/member-client. It imports the
// member entry only; the test hands it an Org-API-Key as an argument when it needs one.
import { CredentialError, ExpysError, initialize, ValidationError } from '@expys/member-client';
import { createMemberHandlers, memberHandlers, memberSamples } from '@expys/msw-handlers/member';
import { setupWorker } from 'msw/browser';

const worker = setupWorker(...memberHandlers);
let sent = 0;
worker.events.on('request:start', () => void sent++);
const started = worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'error', quiet: true });

const client = (token: string) => initialize({ environment: 'sandbox', token, maxRetries: 0 });

/** An error as plain data (page.evaluate returns JSON). */
function failure(error: unknown) {
  if (error instanceof CredentialError) return { name: 'CredentialError', reason: error.reason };
  if (error instanceof ExpysError) {
    return { name: error.name, status: error.status, code: error.code, ...(error instanceof ValidationError ? { errors: error.errors } : {}) };
  }
  return { name: 'unexpected', message: String(error) };
}

const api = {
  /** Resolves once the worker is active and controls this page. */
  async ready() {
    await started;
    return { controlled: navigator.serviceWorker.controller !== null, scriptURL: navigator.serviceWorker.controller?.scriptURL };
  },
  /** How many requests reached the worker so far. */
  sent: () => sent,
  async listOffers() {
    const page = await client(memberSamples.memberToken).listOffers({ limit: 2 });
    const titles: string[] = [];
    for await (const offer of client(memberSamples.memberToken).listOffers({ limit: 2 })) titles.push(offer.title);
    return { page, titles };
  },
  /** The client refuses a credential that is not a member token when it is created. */
  initializeWith(token: string) {
    try {
      client(token);
      return { name: 'created' };
    } catch (error) {
      return failure(error);
    }
  },
  async createRedemption(offerId: string) {
    try {
      return { data: await client(memberSamples.memberToken).createRedemption({ offerId }) };
    } catch (error) {
      return failure(error);
    }
  },
  /** Handlers at a relative base URL resolve it against this page's origin. */
  async relativeBase() {
    worker.use(...createMemberHandlers({ baseUrl: '/api' }));
    const response = await fetch('/api/v1/wallet', { headers: { authorization: `Bearer ${memberSamples.memberToken}` } });
    worker.resetHandlers();
    return { status: response.status, body: await response.json() };
  },
  /** Plain fetch, no client guards: what the handlers themselves answer. */
  async fetch(path: string, init: { method?: string; authorization: string; contentType?: string; body?: string }) {
    const headers: Record<string, string> = { authorization: init.authorization };
    if (init.contentType) headers['content-type'] = init.contentType;
    const response = await fetch(`https://sandbox.api.expys.com${path}`, { method: init.method ?? 'GET', headers, ...(init.body === undefined ? {} : { body: init.body }) });
    return { status: response.status, contentType: response.headers.get('content-type'), requestId: response.headers.get('request-id'), body: await response.json() };
  },
};

export type ExpysTestPage = typeof api;
(window as unknown as { expysTest: ExpysTestPage }).expysTest = api;

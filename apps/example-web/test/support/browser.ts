// What the end-to-end tests record of a page in Chromium (launched by the repository's shared
// launcher, scripts/testing/chromium.ts: Debian's Chromium, headless, a fresh profile per run).
import type { BrowserContext, Page, Request } from 'playwright-core';

/** What a page did on the network and in its console, for the assertions after a journey. */
export interface PageRecord {
  requests: { url: string; authorization: string | undefined; headers: Record<string, string> }[];
  responses: { url: string; status: number }[];
  errors: string[];
  /** Waits until every request seen so far has its headers recorded (they arrive asynchronously). */
  settled(): Promise<void>;
}

/**
 * Opens `url` in a new page that records its traffic. `expectedStatuses`: the 4xx answers the
 * journey expects; 401 always, since every journey starts signed out (GET /api/session → 401).
 */
export async function openRecorded(context: BrowserContext, url: string, expectedStatuses: readonly number[] = [401]): Promise<{ page: Page; record: PageRecord }> {
  // Cookies are per host, not per port: each journey starts signed out.
  await context.clearCookies();
  const page = await context.newPage();
  const pending: Promise<unknown>[] = [];
  const record: PageRecord = { requests: [], responses: [], errors: [], settled: async () => void (await Promise.all(pending)) };
  page.on('request', (request: Request) => {
    pending.push(request.allHeaders().then((headers) => record.requests.push({ url: request.url(), authorization: headers.authorization, headers })));
  });
  page.on('response', (response) => record.responses.push({ url: response.url(), status: response.status() }));
  page.on('pageerror', (error) => record.errors.push(error.message));
  page.on('console', (message) => {
    // Chromium logs every 4xx as a failed load, including the answers a journey expects and the
    // app handles (the API's 401 token_expired before a refresh, the backend's 409
    // session_changed): those statuses are named per journey, every other one is an error.
    const status = /status of (\d{3})\b/.exec(message.text())?.[1];
    if (message.type() === 'error' && !(status && expectedStatuses.includes(Number(status)))) record.errors.push(message.text());
  });
  await page.goto(url);
  return { page, record };
}

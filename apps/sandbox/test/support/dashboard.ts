// The dashboard's side of the control plane, as a browser uses it: sign in with an Org-API-Key
// (the answer sets the session cookie), then calls with that cookie, and X-Expys-Dashboard: 1 on
// the ones that change state.

export const DASHBOARD_HEADERS = { 'x-expys-dashboard': '1' } as const;

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/** A raw control-plane call with a cookie (or none) and the headers given. */
export async function controlCall(sandbox: { url: string }, method: string, path: string, options: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const response = await fetch(new URL(path, sandbox.url), {
    method,
    headers: {
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** Signs in with `orgApiKey`; the session cookie (`name=value`) and the Set-Cookie header it came in. */
export async function signIn(sandbox: { url: string }, orgApiKey: string): Promise<{ cookie: string; setCookie: string; answer: Answer }> {
  const answer = await controlCall(sandbox, 'POST', '/_sandbox/session', { body: { orgApiKey }, headers: DASHBOARD_HEADERS });
  const setCookie = answer.headers.get('set-cookie') ?? '';
  return { cookie: setCookie.split(';')[0]!, setCookie, answer };
}

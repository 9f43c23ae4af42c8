// The dashboard's session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's
// page sends it), Path=/_sandbox (only the control plane receives it, not the API or the pages;
// a sandbox made on demand: /sandboxes/<id>/_sandbox, its own control plane only).
export const SESSION_COOKIE = 'expys_dashboard_session';
/** The header a cookie-authenticated request that changes state must carry (against CSRF). */
export const DASHBOARD_HEADER = 'x-expys-dashboard';
export const COOKIE_PATH = '/_sandbox';

/** The value of cookie `name` in a Cookie header, if any. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Set-Cookie for a new session; `secure` when the request came over HTTPS. */
export function sessionCookie(id: string, maxAgeSeconds: number, secure: boolean, path = COOKIE_PATH): string {
  return `${SESSION_COOKIE}=${id}; Path=${path}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

/** Set-Cookie that removes the session cookie (sign-out, or a session that has ended). */
export function clearedCookie(secure: boolean, path = COOKIE_PATH): string {
  return `${SESSION_COOKIE}=; Path=${path}; Max-Age=0; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

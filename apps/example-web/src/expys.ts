// The member client and its TanStack Query adapter, one pair per signed-in member: a new
// member gets a new client (and its own token), never the previous member's cached token.
import { initialize } from '@expys/member-client';
import { createExpysQueries } from '@expys/member-query';
import { backend, SignedOutError, type AppConfig, type Session } from './backend.js';

export function createExpys(config: AppConfig, member: Session, onSignedOut: (member: Session) => void) {
  // False once this member's area is gone: a request still in flight from the old client (a
  // retry, a refresh) must not mint a token or act on the next member's session.
  let active = true;
  const client = initialize({
    environment: config.environment,
    baseUrl: config.expysBaseUrl ?? undefined,
    // Asked on first use and once after a 401 token_expired: the backend mints a fresh token.
    // If the backend no longer knows this member (signed out, or another member signed in), the
    // session is over: say so at once (queries would otherwise retry a failure that is not an
    // API error).
    token: async () => {
      if (!active) throw new SignedOutError(`${member.externalUserID} is no longer shown`);
      try {
        return await backend.memberToken(member.externalUserID);
      } catch (error) {
        if (error instanceof SignedOutError && active) onSignedOut(member);
        throw error;
      }
    },
  });
  return {
    queries: createExpysQueries(client),
    /** Mounted (again: React's StrictMode mounts twice in development) or gone. */
    setActive: (value: boolean) => void (active = value),
  };
}

export type ExpysQueries = ReturnType<typeof createExpys>['queries'];

// The member client and its TanStack Query adapter, one pair per signed-in member: a new
// member gets a new client (and its own token), never the previous member's cached token.
import { initialize, type MemberClient } from '@expys/member-client';
import { createExpysQueries } from '@expys/member-query';
import { backend, SignedOutError, type AppConfig, type Session } from './backend.js';

export function createExpys(config: AppConfig, member: Session, onSignedOut: () => void) {
  const client: MemberClient = initialize({
    environment: config.environment,
    baseUrl: config.expysBaseUrl ?? undefined,
    // Asked on first use and once after a 401 token_expired: the backend mints a fresh token.
    // If the backend no longer knows this member (signed out, or another member signed in), the
    // session is over: say so at once (queries would otherwise retry a failure that is not an
    // API error).
    token: async () => {
      try {
        return await backend.memberToken(member.externalUserID);
      } catch (error) {
        if (error instanceof SignedOutError) onSignedOut();
        throw error;
      }
    },
  });
  return { client, queries: createExpysQueries(client) };
}

export type Expys = ReturnType<typeof createExpys>;
export type ExpysQueries = Expys['queries'];

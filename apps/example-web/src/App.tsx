// The app: a sign-in form until the backend knows the user, then the member's area.
import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { expysRetry } from '@expys/member-query';
import { useState } from 'react';
import { backend, SignedOutError, type Session } from './backend.js';
import { MemberArea } from './components/MemberArea.js';
import { SignIn } from './components/SignIn.js';

export function createQueryClient(): QueryClient {
  // The adapter's queries bring their own retry (expysRetry: the member client already retried
  // what is safe); this default covers the app's own queries of its backend.
  return new QueryClient({ defaultOptions: { queries: { retry: expysRetry, staleTime: 30_000 } } });
}

const SESSION = ['app', 'session'] as const;

/**
 * The one way the signed-in member changes: everything cached under ['expys'] belonged to the
 * previous member, so it goes first, before anything renders for the next one (the adapter's
 * keys do not name the member).
 */
function switchMember(queryClient: QueryClient, next: Session | null): void {
  const current = queryClient.getQueryData<Session | null>(SESSION);
  if (current?.externalUserID !== next?.externalUserID) queryClient.removeQueries({ queryKey: ['expys'] });
  queryClient.setQueryData(SESSION, next);
}

export function App({ queryClient }: { queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      <Shell />
    </QueryClientProvider>
  );
}

function Shell() {
  const queryClient = useQueryClient();
  // The referral code typed at sign-in, for the member who signed in with it (applied once by MemberArea).
  const [referral, setReferral] = useState<{ member: string; code: string } | null>(null);
  const config = useQuery({ queryKey: ['app', 'config'], queryFn: backend.config, staleTime: Infinity });
  const session = useQuery({
    queryKey: SESSION,
    // A refetch can find another member (signed in from another tab) or none: switch before
    // the answer renders.
    queryFn: async ({ signal }) => {
      const next = await backend.session().catch((error) => (error instanceof SignedOutError ? null : Promise.reject(error)));
      // A cancelled or superseded fetch has nothing to say about who is signed in now.
      if (!signal.aborted) switchMember(queryClient, next);
      return next;
    },
  });

  if (config.isError || session.isError) return <p role="alert">Could not reach the app's backend. Reload to try again.</p>;
  if (!config.data || session.data === undefined) return <p aria-busy="true">Loading…</p>;

  const signOut = async () => {
    await backend.signOut();
    switchMember(queryClient, null);
  };
  // Signed out, or another member took the backend session: show what the backend now says.
  const sessionEnded = (member: Session) => {
    // Only for the member still shown: a late answer for an earlier member changes nothing.
    if (queryClient.getQueryData<Session | null>(SESSION)?.externalUserID !== member.externalUserID) return;
    switchMember(queryClient, null);
    void queryClient.invalidateQueries({ queryKey: SESSION });
  };

  return (
    <main>
      <header>
        <h1>Bean Rewards</h1>
        {session.data && (
          <p>
            Signed in as <strong data-testid="member-name">{session.data.displayName}</strong>{' '}
            <button type="button" onClick={() => void signOut()}>
              Sign out
            </button>
          </p>
        )}
      </header>
      {session.data ? (
        // The backend session can end while the member is on the page (it expired, they signed
        // out in another tab, or another member signed in there): the next token request says
        // so, and the app shows the sign-in form, or the member now signed in.
        <MemberArea
          key={session.data.externalUserID}
          config={config.data}
          member={session.data}
          onSignedOut={sessionEnded}
          referralCode={referral?.member === session.data.externalUserID ? referral.code : undefined}
        />
      ) : (
        <SignIn
          onSignedIn={(signedIn, code) => {
            setReferral(code ? { member: signedIn.externalUserID, code } : null);
            switchMember(queryClient, signedIn);
          }}
        />
      )}
    </main>
  );
}

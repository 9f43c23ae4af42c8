// The app: a sign-in form until the backend knows the user, then the member's area.
import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { expysRetry } from '@expys/member-query';
import { useState } from 'react';
import { backend, SignedOutError } from './backend.js';
import { MemberArea } from './components/MemberArea.js';
import { SignIn } from './components/SignIn.js';

export function createQueryClient(): QueryClient {
  // The adapter's queries bring their own retry (expysRetry: the member client already retried
  // what is safe); this default covers the app's own queries of its backend.
  return new QueryClient({ defaultOptions: { queries: { retry: expysRetry, staleTime: 30_000 } } });
}

/** Everything cached belonged to the member who left: drop it, and show the sign-in form. */
function forgetMember(queryClient: QueryClient): void {
  queryClient.removeQueries({ queryKey: ['expys'] });
  queryClient.setQueryData(['app', 'session'], null);
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
  const config = useQuery({ queryKey: ['app', 'config'], queryFn: backend.config, staleTime: Infinity });
  const session = useQuery({
    queryKey: ['app', 'session'],
    queryFn: () => backend.session().catch((error) => (error instanceof SignedOutError ? null : Promise.reject(error))),
  });

  if (config.isError || session.isError) return <p role="alert">Could not reach the app's backend. Reload to try again.</p>;
  if (!config.data || session.data === undefined) return <p aria-busy="true">Loading…</p>;

  const signOut = async () => {
    await backend.signOut();
    forgetMember(queryClient);
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
        // The backend session can end while the member is on the page (it expired, or they signed
        // out in another tab): the next token request says so, and the app shows the sign-in form.
        <MemberArea key={session.data.externalUserID} config={config.data} onSignedOut={() => forgetMember(queryClient)} />
      ) : (
        <SignIn onSignedIn={(signedIn) => queryClient.setQueryData(['app', 'session'], signedIn)} />
      )}
    </main>
  );
}

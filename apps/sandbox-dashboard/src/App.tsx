// The dashboard: the sign-in form until the sandbox knows this browser's session, then the pages.
// A 401 from any call means the session ended (signed out in another tab, expired, or its
// Org-API-Key was revoked): the cached data goes and the sign-in form comes back.
import { MutationCache, QueryCache, QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ControlPlaneError, SignedOutError } from './api.js';
import { Header } from './components/Header.js';
import { SignIn } from './components/SignIn.js';
import { usePage, type PageId } from './navigation.js';
import { Applications } from './pages/Applications.js';
import { Clock } from './pages/Clock.js';
import { Members } from './pages/Members.js';
import { Webhooks } from './pages/Webhooks.js';
import type { Session } from './types.js';

export const SESSION = ['session'] as const;

/** Everything but the session is the signed-in org's: dropped when the session changes. */
export function signedOut(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION[0] });
  queryClient.setQueryData<Session | null>(SESSION, null);
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => error instanceof SignedOutError && query.queryKey[0] !== SESSION[0] && signedOut(client) }),
    mutationCache: new MutationCache({ onError: (error) => error instanceof SignedOutError && signedOut(client) }),
    defaultOptions: {
      // A refusal is an answer: retried once for a network blip, never for a 4xx.
      queries: { retry: (count, error) => !(error instanceof ControlPlaneError) && count < 1, staleTime: 5_000 },
    },
  });
  return client;
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
  const [page, go] = usePage();
  const session = useQuery({
    queryKey: SESSION,
    queryFn: () => api.session().catch((error: unknown) => (error instanceof SignedOutError ? null : Promise.reject(error))),
    staleTime: 60_000,
  });
  if (session.isError) return <p role="alert">Could not reach the sandbox: {session.error.message} Reload to try again.</p>;
  if (session.data === undefined) return <p aria-busy="true">Loading…</p>;
  if (session.data === null) {
    return (
      <main>
        <h1>Expys sandbox dashboard</h1>
        <SignIn onSignedIn={(next) => queryClient.setQueryData(SESSION, next)} />
      </main>
    );
  }
  return (
    <>
      <Header session={session.data} page={page} go={go} onSignedOut={() => signedOut(queryClient)} />
      <main>
        <Page page={page} />
      </main>
    </>
  );
}

function Page({ page }: { page: PageId }) {
  switch (page) {
    case 'applications':
      return <Applications />;
    case 'webhooks':
      return <Webhooks />;
    case 'members':
      return <Members />;
    case 'clock':
      return <Clock />;
  }
}

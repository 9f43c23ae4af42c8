import { useMutation } from '@tanstack/react-query';
import { api } from '../api.js';
import { PAGES, pathOf, type PageId } from '../navigation.js';
import type { Session } from '../types.js';

/** The title, who is signed in, sign-out, and the pages. */
export function Header({ session, page, go, onSignedOut }: { session: Session; page: PageId; go: (page: PageId) => void; onSignedOut: () => void }) {
  const signOut = useMutation({ mutationFn: api.signOut, onSettled: onSignedOut });
  return (
    <header>
      <h1>Expys sandbox dashboard</h1>
      <p>
        Signed in with <code data-testid="key-hint">{session.keyHint}</code>{' '}
        <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          Sign out
        </button>
      </p>
      <nav aria-label="Pages">
        {PAGES.map(({ id, title }) => (
          <a
            key={id}
            href={pathOf(id)}
            aria-current={id === page ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              go(id);
            }}
          >
            {title}
          </a>
        ))}
      </nav>
    </header>
  );
}

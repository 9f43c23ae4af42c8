import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import type { Session } from '../types.js';
import { ErrorMessage } from './ErrorMessage.js';

/**
 * Sign in by pasting an Org-API-Key of this sandbox, once. The key is sent in one request and the
 * field is emptied whatever the answer: the page keeps it nowhere (no storage, no cookie it can
 * read). The sandbox answers with an HttpOnly session cookie.
 */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [key, setKey] = useState('');
  const signIn = useMutation({ mutationFn: api.signIn, onSuccess: onSignedIn });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate(key.trim());
    setKey('');
  };
  return (
    <form onSubmit={submit} aria-label="Sign in" className="card">
      <p>
        Sign in with an Org-API-Key of this sandbox (<code>expys_test_…</code>): the first start printed one, and{' '}
        <code>expys-sandbox org-keys create</code> makes another. It is sent once; this browser then keeps only a session cookie that scripts
        cannot read.
      </p>
      <label>
        Org-API-Key{' '}
        <input
          name="orgApiKey"
          type="password"
          value={key}
          onChange={(event) => setKey(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          required
          size={48}
        />
      </label>
      <button type="submit" disabled={signIn.isPending}>
        Sign in
      </button>
      <ErrorMessage error={signIn.error} />
    </form>
  );
}

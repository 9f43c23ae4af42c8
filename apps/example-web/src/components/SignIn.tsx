import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { backend, type Session } from '../backend.js';

export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [userId, setUserId] = useState('');
  const signIn = useMutation({ mutationFn: backend.signIn, onSuccess: onSignedIn });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate(userId);
  };
  return (
    <form onSubmit={submit} aria-label="Sign in">
      <label>
        User id <input name="userId" value={userId} onChange={(event) => setUserId(event.target.value)} autoComplete="username" required />
      </label>
      <button type="submit" disabled={signIn.isPending}>
        Sign in
      </button>
      {signIn.isError && <p role="alert">{signIn.error.message}</p>}
    </form>
  );
}

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { backend, type Session } from '../backend.js';

/**
 * The sign-in form, with an optional referral code. The code is not sent to the app's backend:
 * the app applies it itself once signed in (applyReferralCode is a member operation, called with
 * the new member's token), and says what it brought.
 */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session, referralCode: string | undefined) => void }) {
  const [userId, setUserId] = useState('');
  const [referralCode, setReferralCode] = useState('');
  // Codes are upper case (`BEAN-7KQ2`): what a friend read out in lower case still works.
  const code = referralCode.trim().toUpperCase() || undefined;
  const signIn = useMutation({ mutationFn: backend.signIn, onSuccess: (session) => onSignedIn(session, code) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate(userId);
  };
  return (
    <form onSubmit={submit} aria-label="Sign in">
      <label>
        User id <input name="userId" value={userId} onChange={(event) => setUserId(event.target.value)} autoComplete="username" required />
      </label>
      <label>
        Referral code (optional){' '}
        <input name="referralCode" value={referralCode} onChange={(event) => setReferralCode(event.target.value)} autoComplete="off" maxLength={32} placeholder="BEAN-7KQ2" />
      </label>
      <button type="submit" disabled={signIn.isPending}>
        Sign in
      </button>
      {signIn.isError && <p role="alert">{signIn.error.message}</p>}
    </form>
  );
}

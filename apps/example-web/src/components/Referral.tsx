// Referral codes, from the app's side: the member's own code to share, and the code typed at
// sign-in, applied once the member is signed in (the app holds a member token only then).
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, type ReactNode } from 'react';
import type { ExpysQueries } from '../expys.js';
import { describeError } from '../messages.js';

/**
 * Applies `code` once for this member, right after sign-in, says what it brought, and only then
 * shows `children` (the member's data): read while the code was being applied, the wallet could
 * show the balance without the code's points (a first fetch in flight is not refetched by an
 * invalidation, it is joined).
 */
export function ApplyReferralCode({ queries, code, children }: { queries: ExpysQueries; code: string; children: ReactNode }) {
  // On success every member query refetches: the wallet shows the points the code brought.
  const apply = useMutation(queries.applyReferralCode.mutationOptions());
  const { mutate } = apply;
  // Once per sign-in: React's StrictMode runs effects twice in development, a ref survives that.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    mutate({ code });
  }, [mutate, code]);
  if (apply.isIdle || apply.isPending) return <p aria-busy="true">Applying the referral code {code}…</p>;
  return (
    <>
      {apply.isError ? (
        <p role="alert" data-testid="referral-result">
          {describeError(apply.error)}
        </p>
      ) : (
        <p role="status" data-testid="referral-result">
          Referral code {apply.data.code} applied: you earned <span data-testid="referral-points">{apply.data.refereePoints}</span> points.
        </p>
      )}
      {children}
    </>
  );
}

/** The member's own code (made by the API on first read) and what it brought. */
export function MyReferralCode({ queries }: { queries: ExpysQueries }) {
  const referrals = useQuery(queries.getReferrals.queryOptions());
  if (!referrals.data) return null;
  return (
    <p>
      Invite friends with your code <code data-testid="my-referral-code">{referrals.data.code}</code>: {referrals.data.referrals}{' '}
      {referrals.data.referrals === 1 ? 'friend' : 'friends'} joined, {referrals.data.pointsEarned} points earned.
    </p>
  );
}

// The member's cashback: the balance (the API counts minor units, cents for USD) and a form to
// redeem part of it. The API never lets the balance go below 0: a larger amount is refused.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { ExpysQueries } from '../expys.js';
import { describeError } from '../messages.js';

/** Minor units as the currency writes them: 1250 USD cents → "$12.50". */
export function formatMinor(amount: number, currency: string): string {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

/** "5" or "5.00" in the currency's units → minor units; undefined unless a positive amount. */
export function toMinor(text: string, currency: string): number | undefined {
  const digits = new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  if (!/^\d+(?:\.\d+)?$/.test(text.trim())) return undefined;
  const minor = Math.round(Number(text) * 10 ** digits);
  return minor > 0 ? minor : undefined;
}

export function Cashback({ queries }: { queries: ExpysQueries }) {
  const cashback = useQuery(queries.getCashback.queryOptions());
  const redeem = useMutation(queries.redeemCashback.mutationOptions());
  const [amount, setAmount] = useState('');
  const currency = cashback.data?.currency ?? 'USD';
  const minor = toMinor(amount, currency);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // One Idempotency-Key per submit, reused by the client's own retries.
    if (minor !== undefined) redeem.mutate({ amount: minor });
  };
  return (
    <section aria-label="Cashback">
      <h2>Cashback</h2>
      {cashback.isPending && <p aria-busy="true">Loading your cashback…</p>}
      {cashback.isError && <p role="alert">{describeError(cashback.error)}</p>}
      {cashback.data && (
        <p>
          <span data-testid="cashback-balance">{formatMinor(cashback.data.balance, cashback.data.currency)}</span> to spend
        </p>
      )}
      <form onSubmit={submit} aria-label="Redeem cashback">
        <label>
          Amount ({currency}) <input name="amount" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} placeholder="5.00" />
        </label>
        <button type="submit" disabled={minor === undefined || redeem.isPending || !cashback.data}>
          Redeem cashback
        </button>
      </form>
      {redeem.isSuccess && (
        <p role="status">
          Redeemed {formatMinor(-redeem.data.amount, redeem.data.currency)}: <span data-testid="cashback-left">{formatMinor(redeem.data.balance, redeem.data.currency)}</span> left.
        </p>
      )}
      {redeem.isError && <p role="alert">{describeError(redeem.error)}</p>}
    </section>
  );
}

import { useQuery } from '@tanstack/react-query';
import type { ExpysQueries } from '../expys.js';
import { describeError } from '../messages.js';

export function Wallet({ queries }: { queries: ExpysQueries }) {
  const wallet = useQuery(queries.getWallet.queryOptions());
  return (
    <section aria-label="Wallet">
      <h2>Your points</h2>
      {wallet.isPending && <p aria-busy="true">Loading your balance…</p>}
      {wallet.isError && <p role="alert">{describeError(wallet.error)}</p>}
      {wallet.data && (
        <p>
          <span data-testid="balance">{wallet.data.balance}</span> {wallet.data.currency.symbol} {wallet.data.currency.name} ·{' '}
          <span data-testid="tier">{wallet.data.tier}</span>
        </p>
      )}
      <button type="button" onClick={() => void wallet.refetch()} disabled={wallet.isFetching}>
        Refresh balance
      </button>
    </section>
  );
}

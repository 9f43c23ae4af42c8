import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../api.js';
import { formatNumber, formatTime } from '../format.js';
import { ErrorMessage } from './ErrorMessage.js';

/** A member's points movements, newest first, with the balance each one left. */
export function MemberLedger({ externalUserID }: { externalUserID: string }) {
  const ledger = useInfiniteQuery({
    queryKey: ['dashboard', 'ledger', externalUserID],
    queryFn: ({ pageParam }) => api.ledger(externalUserID, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const member = ledger.data?.pages[0]?.member;
  const movements = ledger.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <section aria-labelledby="ledger-title" className="card">
      <h3 id="ledger-title">Ledger of {externalUserID}</h3>
      <ErrorMessage error={ledger.error} />
      {member && (
        <p>
          Balance: <strong data-testid="ledger-balance">{formatNumber(member.pointsBalance)}</strong> points ({member.tier})
        </p>
      )}
      {ledger.data && movements.length === 0 && <p>No points movement yet.</p>}
      {movements.length > 0 && (
        <table aria-label={`Ledger of ${externalUserID}`}>
          <thead>
            <tr>
              <th>When</th>
              <th>Type</th>
              <th>Amount</th>
              <th>Balance after</th>
              <th>Description</th>
            </tr>
          </thead>
          <tbody>
            {movements.map((movement) => (
              <tr key={movement.id}>
                <td>{formatTime(movement.createdAt)}</td>
                <td>{movement.type}</td>
                <td>{movement.amount > 0 ? `+${formatNumber(movement.amount)}` : formatNumber(movement.amount)}</td>
                <td>{formatNumber(movement.balanceAfter)}</td>
                <td>{movement.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {ledger.hasNextPage && (
        <button type="button" onClick={() => void ledger.fetchNextPage()} disabled={ledger.isFetchingNextPage}>
          Older movements
        </button>
      )}
    </section>
  );
}

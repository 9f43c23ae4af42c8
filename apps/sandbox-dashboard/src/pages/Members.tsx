import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { MemberLedger } from '../components/MemberLedger.js';
import { formatNumber } from '../format.js';

/** The members with their balances; one's points ledger below when picked. */
export function Members() {
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const members = useInfiniteQuery({
    queryKey: ['dashboard', 'members'],
    queryFn: ({ pageParam }) => api.members(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
  const rows = members.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      <ErrorMessage error={members.error} />
      {members.data && rows.length === 0 && <p>No member yet: exchangeToken or setMember creates one.</p>}
      {rows.length > 0 && (
        <table aria-label="Members">
          <thead>
            <tr>
              <th>externalUserID</th>
              <th>Name</th>
              <th>Tier</th>
              <th>Points</th>
              <th>Cashback (minor units)</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((member) => (
              <tr key={member.externalUserID} data-testid="member" aria-selected={member.externalUserID === selected}>
                <td>
                  <code>{member.externalUserID}</code>
                </td>
                <td>{member.displayName}</td>
                <td>{member.tier}</td>
                <td data-testid="points">{formatNumber(member.pointsBalance)}</td>
                <td>{formatNumber(member.cashbackBalance)}</td>
                <td>
                  <button type="button" onClick={() => setSelected(member.externalUserID)}>
                    Ledger of {member.externalUserID}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {members.hasNextPage && (
        <button type="button" onClick={() => void members.fetchNextPage()} disabled={members.isFetchingNextPage}>
          More members
        </button>
      )}
      {selected && <MemberLedger externalUserID={selected} />}
    </section>
  );
}

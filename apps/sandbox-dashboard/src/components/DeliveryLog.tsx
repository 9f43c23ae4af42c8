import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api.js';
import { formatTime } from '../format.js';
import type { Delivery } from '../types.js';
import { ErrorMessage } from './ErrorMessage.js';

/** The newest deliveries (of one endpoint, or all), each with every attempt; any can be sent again now. */
export function DeliveryLog({ webhookId }: { webhookId: string | undefined }) {
  const deliveries = useQuery({ queryKey: ['dashboard', 'deliveries', webhookId ?? 'all'], queryFn: () => api.deliveries(webhookId), refetchInterval: 5_000 });
  return (
    <section aria-labelledby="deliveries-title">
      <h3 id="deliveries-title">Delivery log{webhookId ? ` of ${webhookId}` : ''}</h3>
      <ErrorMessage error={deliveries.error} />
      {deliveries.data?.data.length === 0 && <p>No delivery yet: an event an endpoint subscribes to makes one.</p>}
      {deliveries.data?.data.map((delivery) => <DeliveryItem key={delivery.id} delivery={delivery} />)}
    </section>
  );
}

function DeliveryItem({ delivery }: { delivery: Delivery }) {
  const queryClient = useQueryClient();
  const redeliver = useMutation({
    mutationFn: () => api.redeliver(delivery.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['dashboard', 'deliveries'] }),
  });
  return (
    <article className="card" data-testid="delivery" aria-label={`Delivery ${delivery.id}`}>
      <p>
        <strong>{delivery.eventType}</strong> <code>{delivery.eventId}</code> to <code>{delivery.webhookId}</code>: {delivery.state}, {delivery.attempts}{' '}
        {delivery.attempts === 1 ? 'attempt' : 'attempts'}
        {delivery.nextAttemptAt && <>, next at {formatTime(delivery.nextAttemptAt)}</>}{' '}
        <button type="button" onClick={() => redeliver.mutate()} disabled={redeliver.isPending || delivery.state === 'sending'}>
          Redeliver
        </button>
      </p>
      <ErrorMessage error={redeliver.error} />
      {delivery.log.length > 0 && (
        <table aria-label={`Attempts of ${delivery.id}`}>
          <thead>
            <tr>
              <th>#</th>
              <th>At</th>
              <th>To</th>
              <th>Answer</th>
              <th>Time</th>
            </tr>
          </thead>
          <tbody>
            {delivery.log.map((attempt) => (
              <tr key={attempt.attempt}>
                <td>{attempt.attempt}</td>
                <td>{formatTime(attempt.at)}</td>
                <td>
                  <code>{attempt.url}</code>
                </td>
                <td>{attempt.status ?? attempt.error}</td>
                <td>{attempt.durationMs} ms</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}

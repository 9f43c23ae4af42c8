import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api.js';
import { DeliveryLog } from '../components/DeliveryLog.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { TestDeliveries } from '../components/TestDeliveries.js';
import { formatTime } from '../format.js';

/** The webhook endpoints (test deliveries for each), and the delivery log of one or all of them. */
export function Webhooks() {
  const endpoints = useQuery({ queryKey: ['dashboard', 'webhooks'], queryFn: api.webhooks });
  const [selected, setSelected] = useState<string | undefined>(undefined);
  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Webhooks</h2>
      <ErrorMessage error={endpoints.error} />
      {endpoints.data?.data.length === 0 && (
        <p>
          No webhook endpoint: create one with <code>createWebhook</code> (POST /v1/webhooks).
        </p>
      )}
      {endpoints.data?.data.map((endpoint) => (
        <article key={endpoint.id} className="card" aria-label={`Endpoint ${endpoint.id}`}>
          <h3>
            <code>{endpoint.url}</code>
          </h3>
          <p>
            <code>{endpoint.id}</code>, created {formatTime(endpoint.createdAt)}; events: {endpoint.events.join(', ')}
          </p>
          <button type="button" onClick={() => setSelected(selected === endpoint.id ? undefined : endpoint.id)}>
            {selected === endpoint.id ? 'Show every delivery' : 'Show its deliveries only'}
          </button>
          <TestDeliveries webhookId={endpoint.id} />
        </article>
      ))}
      <DeliveryLog webhookId={selected} />
    </section>
  );
}

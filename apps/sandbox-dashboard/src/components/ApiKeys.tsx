import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api.js';
import { formatTime, fromLocalInput } from '../format.js';
import type { ApiKey } from '../types.js';
import { ErrorMessage } from './ErrorMessage.js';

/** The application's API keys (newest first, revoked and expired ones included), each shown by its hint. */
export function ApiKeys({ appId }: { appId: string }) {
  const keys = useQuery({ queryKey: ['dashboard', 'keys', appId], queryFn: () => api.apiKeys(appId) });
  return (
    <div className="subcard">
      <h4>API keys</h4>
      <ErrorMessage error={keys.error} />
      {keys.data?.data.length === 0 && <p>No API key yet.</p>}
      {keys.data && keys.data.data.length > 0 && (
        <table aria-label="API keys">
          <thead>
            <tr>
              <th>Name</th>
              <th>Key</th>
              <th>Scopes</th>
              <th>Status</th>
              <th>Created</th>
              <th>Expires</th>
              <th>Revoked</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keys.data.data.map((key) => (
              <KeyRow key={key.id} appId={appId} apiKey={key} />
            ))}
          </tbody>
        </table>
      )}
      {keys.data?.hasMore && <p>Only the newest 100 keys are listed.</p>}
    </div>
  );
}

/** One key; an active one can be revoked now or at a time (the old and new keys overlap during a rotation). */
function KeyRow({ appId, apiKey }: { appId: string; apiKey: ApiKey }) {
  const queryClient = useQueryClient();
  const [at, setAt] = useState('');
  const revoke = useMutation({
    mutationFn: (when: string | undefined) => api.revokeApiKey(appId, apiKey.id, when),
    onSuccess: () => {
      setAt('');
      void queryClient.invalidateQueries({ queryKey: ['dashboard', 'keys', appId] });
    },
  });
  const scheduled = apiKey.status === 'active' && apiKey.revokedAt !== null;
  return (
    <tr data-testid="api-key" data-key-id={apiKey.id}>
      <td>{apiKey.name}</td>
      <td>
        <code>{apiKey.hint}</code>
      </td>
      <td>{apiKey.scopes.join(', ')}</td>
      <td data-testid="key-status">{scheduled ? 'active (revocation scheduled)' : apiKey.status}</td>
      <td>{formatTime(apiKey.createdAt)}</td>
      <td>{formatTime(apiKey.expiresAt)}</td>
      <td>{formatTime(apiKey.revokedAt)}</td>
      <td>
        {apiKey.status === 'active' && (
          <>
            <button type="button" disabled={revoke.isPending} onClick={() => revoke.mutate(undefined)} aria-label={`Revoke ${apiKey.name} now`}>
              Revoke now
            </button>{' '}
            <input type="datetime-local" value={at} onChange={(event) => setAt(event.target.value)} aria-label={`Revoke ${apiKey.name} at`} />{' '}
            <button type="button" disabled={revoke.isPending || fromLocalInput(at) === undefined} onClick={() => revoke.mutate(fromLocalInput(at))}>
              Revoke at this time
            </button>
            <ErrorMessage error={revoke.error} />
          </>
        )}
      </td>
    </tr>
  );
}

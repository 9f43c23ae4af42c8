import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { fromLocalInput } from '../format.js';
import type { CreatedApiKey } from '../types.js';
import { ErrorMessage } from './ErrorMessage.js';
import { RevealOnce } from './RevealOnce.js';

/**
 * A new API key of the application: a name, the scopes it may use (the sandbox serves the list,
 * from its bundle's ApiKeyScope) and an optional expiry. The key is revealed once.
 */
export function CreateApiKey({ appId }: { appId: string }) {
  const queryClient = useQueryClient();
  const scopes = useQuery({ queryKey: ['dashboard', 'scopes'], queryFn: api.scopes, staleTime: Infinity });
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [expiresAt, setExpiresAt] = useState('');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const create = useMutation({
    mutationFn: () => {
      const expiry = fromLocalInput(expiresAt);
      return api.createApiKey(appId, { name, scopes: chosen, ...(expiry === undefined ? {} : { expiresAt: expiry }) });
    },
    onSuccess: (key) => {
      setCreated(key);
      setName('');
      setChosen([]);
      setExpiresAt('');
      void queryClient.invalidateQueries({ queryKey: ['dashboard', 'keys', appId] });
    },
  });
  const toggle = (scope: string) => setChosen((current) => (current.includes(scope) ? current.filter((s) => s !== scope) : [...current, scope]));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const dismiss = () => {
    setCreated(null);
    create.reset();
  };
  return (
    <form onSubmit={submit} aria-label="Create API key" className="subcard">
      <h4>Create an API key</h4>
      <label>
        Name <input name="name" value={name} onChange={(event) => setName(event.target.value)} required maxLength={100} />
      </label>
      <fieldset>
        <legend>Scopes</legend>
        <ErrorMessage error={scopes.error} />
        {scopes.data?.data.map((scope) => (
          <label key={scope} className="scope">
            <input type="checkbox" name="scopes" value={scope} checked={chosen.includes(scope)} onChange={() => toggle(scope)} /> {scope}
          </label>
        ))}
      </fieldset>
      <label>
        Expires (optional) <input name="expiresAt" type="datetime-local" value={expiresAt} onChange={(event) => setExpiresAt(event.target.value)} />
      </label>
      <button type="submit" disabled={create.isPending || chosen.length === 0}>
        Create API key
      </button>
      <ErrorMessage error={create.error} />
      {created && <RevealOnce label={`New API key ${created.name}`} value={created.key} onDismiss={dismiss} />}
    </form>
  );
}

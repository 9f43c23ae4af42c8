import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { formatTime } from '../format.js';

const QUICK = ['15m', '1h', '1d', '7d'] as const;

/** The sandbox's test clock: what time the sandbox thinks it is, and a jump forward (tokens expire, retries fall due). */
export function Clock() {
  const queryClient = useQueryClient();
  const clock = useQuery({ queryKey: ['dashboard', 'clock'], queryFn: api.clock, refetchInterval: 5_000 });
  const [by, setBy] = useState('');
  const advance = useMutation({
    mutationFn: api.advanceClock,
    onSuccess: (next) => {
      setBy('');
      queryClient.setQueryData(['dashboard', 'clock'], next);
      // Statuses depend on the time (expired keys, due deliveries): everything else is read again.
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    advance.mutate(by.trim());
  };
  return (
    <section aria-labelledby="clock-title">
      <h2 id="clock-title">Clock</h2>
      <ErrorMessage error={clock.error} />
      {clock.data && (
        <p>
          Sandbox time: <strong data-testid="sandbox-now">{formatTime(clock.data.now)}</strong> (
          {clock.data.offsetMs === 0 ? 'real time' : `${Math.round(clock.data.offsetMs / 60_000).toLocaleString('en-US')} minutes ahead of real time`})
        </p>
      )}
      <form onSubmit={submit} aria-label="Advance the clock" className="card">
        <label>
          Advance by <input name="by" value={by} onChange={(event) => setBy(event.target.value)} placeholder="16m, 2h, 1d" required size={10} />
        </label>
        <button type="submit" disabled={advance.isPending}>
          Advance
        </button>{' '}
        {QUICK.map((step) => (
          <button key={step} type="button" disabled={advance.isPending} onClick={() => advance.mutate(step)}>
            +{step}
          </button>
        ))}
        <ErrorMessage error={advance.error} />
        <p>The clock only moves forward. Member tokens expire after 15 minutes of sandbox time; webhook retries follow it too.</p>
      </form>
    </section>
  );
}

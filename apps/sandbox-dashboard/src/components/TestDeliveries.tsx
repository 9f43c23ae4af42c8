import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api.js';
import { ErrorMessage } from './ErrorMessage.js';

/**
 * The four test deliveries (valid, tampered, stale, duplicate) to the endpoint's URL or another
 * one, and what the receiver answered to each: a verifying receiver passes all four.
 */
export function TestDeliveries({ webhookId }: { webhookId: string }) {
  const [url, setUrl] = useState('');
  const send = useMutation({ mutationFn: () => api.testDeliveries(webhookId, url.trim() || undefined) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };
  return (
    <form onSubmit={submit} aria-label={`Test deliveries to ${webhookId}`} className="subcard">
      <label>
        To (optional; default: where real deliveries go){' '}
        <input name="url" type="url" value={url} onChange={(event) => setUrl(event.target.value)} placeholder="http://127.0.0.1:3000/webhooks" size={40} />
      </label>
      <button type="submit" disabled={send.isPending}>
        Send test deliveries
      </button>
      <ErrorMessage error={send.error} />
      {send.data && (
        <>
          <p role="status">{send.data.passed ? 'The receiver answered every test as a verifying receiver should.' : 'The receiver did not answer every test as expected.'}</p>
          <table aria-label="Test delivery results">
            <thead>
              <tr>
                <th>Test</th>
                <th>Expected</th>
                <th>Answer</th>
                <th>Passed</th>
                <th>Time</th>
              </tr>
            </thead>
            <tbody>
              {send.data.results.map((result) => (
                <tr key={result.kind}>
                  <td>{result.kind}</td>
                  <td>{result.expected}</td>
                  <td>{result.status ?? result.error}</td>
                  <td>{result.passed ? 'yes' : 'no'}</td>
                  <td>{result.durationMs} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </form>
  );
}

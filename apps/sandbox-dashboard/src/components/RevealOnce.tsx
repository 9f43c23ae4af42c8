import { CopyButton } from './CopyButton.js';

/**
 * A secret the sandbox returned once (an API key, an App Secret): shown until dismissed, then
 * gone from the page (it is stored as a hash and cannot be shown again).
 */
export function RevealOnce({ label, value, onDismiss }: { label: string; value: string; onDismiss: () => void }) {
  return (
    <div className="reveal" role="region" aria-label={label}>
      <p>
        <strong>{label}</strong>: shown once. Copy it now into your backend's secrets; the sandbox keeps only a hash.
      </p>
      <p>
        <code data-testid="revealed-secret">{value}</code> <CopyButton value={value} />{' '}
        <button type="button" onClick={onDismiss}>
          I have saved it
        </button>
      </p>
    </div>
  );
}

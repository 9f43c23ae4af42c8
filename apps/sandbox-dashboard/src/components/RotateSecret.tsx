import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api.js';
import { formatTime } from '../format.js';
import type { SecretRotation } from '../types.js';
import { ErrorMessage } from './ErrorMessage.js';
import { RevealOnce } from './RevealOnce.js';

/** A new App Secret, revealed once; the one in use keeps working for an hour (the sandbox's default overlap). */
export function RotateSecret({ appId }: { appId: string }) {
  const queryClient = useQueryClient();
  const [rotation, setRotation] = useState<SecretRotation | null>(null);
  const [confirming, setConfirming] = useState(false);
  const rotate = useMutation({
    mutationFn: () => api.rotateSecret(appId),
    onSuccess: (next) => {
      setConfirming(false);
      setRotation(next);
      void queryClient.invalidateQueries({ queryKey: ['dashboard', 'applications'] });
    },
  });
  const dismiss = () => {
    setRotation(null);
    rotate.reset();
  };
  return (
    <div>
      {confirming ? (
        <p>
          The App Secret in use keeps working for one hour, then stops.{' '}
          <button type="button" disabled={rotate.isPending} onClick={() => rotate.mutate()}>
            Confirm rotation
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </p>
      ) : (
        <button type="button" onClick={() => setConfirming(true)}>
          Rotate App Secret
        </button>
      )}
      <ErrorMessage error={rotate.error} />
      {rotation && (
        <>
          <RevealOnce label="New App Secret" value={rotation.appSecret} onDismiss={dismiss} />
          <p>The previous App Secret works until {formatTime(rotation.previousSecretExpiresAt)}.</p>
        </>
      )}
    </div>
  );
}

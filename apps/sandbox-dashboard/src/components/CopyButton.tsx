import { useState } from 'react';

/** Copies `value` to the clipboard, and says so. */
export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      // No clipboard (a page not focused, permissions): the value is on screen to select.
      setState('failed');
    }
  };
  return (
    <>
      <button type="button" onClick={() => void copy()}>
        {label}
      </button>
      {state === 'copied' && <span role="status"> Copied</span>}
      {state === 'failed' && <span role="status"> Select the text to copy it</span>}
    </>
  );
}

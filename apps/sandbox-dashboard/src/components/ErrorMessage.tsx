/** A failed request's message, as an alert; nothing when there is no error. */
export function ErrorMessage({ error }: { error: Error | null }) {
  return error ? <p role="alert">{error.message}</p> : null;
}

// The error a guard throws synchronously; fails the test when the guard lets the call through.
export function refusal<E extends Error = Error>(fn: () => unknown): E {
  try {
    fn();
  } catch (error) {
    return error as E;
  }
  throw new Error('expected the guard to refuse');
}

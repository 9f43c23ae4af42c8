// A refusal decided by the sandbox's own rules (not the gateway's): a documented problem code
// and what happened. The operation layer turns it into the spec's problem+json.
export class ApiProblem extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
    readonly errors?: { path: string; message: string }[],
  ) {
    super(detail);
  }
}

export const notFound = (what: string) => new ApiProblem('not_found', `${what} does not exist, or was removed.`);
export const invalid = (path: string, message: string) => new ApiProblem('validation_failed', `The request failed validation: ${path} ${message}. Nothing was done.`, [{ path, message }]);

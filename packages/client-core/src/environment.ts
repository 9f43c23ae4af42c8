import { ExpysConfigError, short } from './errors.js';
import type { EnvironmentInfo, EnvironmentTable } from './types.js';

// Long texts and programming-mistake checks in development builds only: bundlers replace
// process.env.NODE_ENV in an app's production build and drop what it guards.
declare const process: { env: { NODE_ENV?: string } };

/** The spec's server entry for `environment`, or a config error naming the valid ones. */
export function resolveEnvironment(environments: EnvironmentTable, environment: unknown): EnvironmentInfo {
  const names = Object.keys(environments);
  if (typeof environment !== 'string' || !Object.hasOwn(environments, environment)) {
    throw new ExpysConfigError(
      process.env.NODE_ENV !== 'production'
        ? `initialize needs \`environment\`: one of ${names.map((n) => JSON.stringify(n)).join(', ')} (got ${typeof environment === 'string' ? JSON.stringify(environment) : String(environment)}).`
        : short('E01'),
    );
  }
  return environments[environment];
}

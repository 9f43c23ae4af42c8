import { ExpysConfigError } from './errors.js';
import type { EnvironmentInfo, EnvironmentTable } from './types.js';

/** The spec's server entry for `environment`, or a config error naming the valid ones. */
export function resolveEnvironment(environments: EnvironmentTable, environment: unknown): EnvironmentInfo {
  const names = Object.keys(environments);
  if (typeof environment !== 'string' || !Object.hasOwn(environments, environment)) {
    throw new ExpysConfigError(
      `initialize needs \`environment\`: one of ${names.map((n) => JSON.stringify(n)).join(', ')} (got ${
        typeof environment === 'string' ? JSON.stringify(environment) : String(environment)
      }).`,
    );
  }
  return environments[environment];
}

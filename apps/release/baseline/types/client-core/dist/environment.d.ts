import type { EnvironmentInfo, EnvironmentTable } from './types.js';
/** The spec's server entry for `environment`, or a config error naming the valid ones. */
export declare function resolveEnvironment(environments: EnvironmentTable, environment: unknown): EnvironmentInfo;

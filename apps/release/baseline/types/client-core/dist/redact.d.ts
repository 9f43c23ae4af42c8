import type { EnvironmentTable } from './types.js';
export type Redact = (text: string) => string;
export declare function createRedactor(environments: EnvironmentTable): Redact;

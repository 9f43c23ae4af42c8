// Keeps credentials out of error messages: an API detail or a proxy page that echoes a token
// must not carry it into logs. Patterns come from the spec's prefixes, not from this file.
import type { EnvironmentTable } from './types.js';

export type Redact = (text: string) => string;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function createRedactor(environments: EnvironmentTable): Redact {
  const prefixes = Object.values(environments).flatMap((env) => [env.keyPrefix, env.memberTokenPrefix]);
  const pattern = new RegExp(`(${[...new Set(prefixes)].map(escape).join('|')})[A-Za-z0-9]+`, 'g');
  return (text) => text.replace(pattern, '$1[redacted]').replace(/(Bearer\s+)\S+/gi, '$1[redacted]');
}

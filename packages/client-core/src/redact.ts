// Keeps credentials out of error messages: an API detail or a proxy page that echoes a token
// must not carry it into logs. The Org-API-Key and member token prefixes come from the spec's
// servers; the API key and App Secret prefixes from @expys/credentials (every kind it knows).
import { CREDENTIAL_FORMATS } from '@expys/credentials';
import type { EnvironmentTable } from './types.js';

export type Redact = (text: string) => string;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function createRedactor(environments: EnvironmentTable): Redact {
  const prefixes = [
    ...Object.values(environments).flatMap((env) => [env.keyPrefix, env.memberTokenPrefix]),
    ...Object.values(CREDENTIAL_FORMATS).flatMap((format) => Object.values(format.prefixes)),
  ];
  // Longest first, so a prefix that starts another one cannot cut the match short.
  const alternatives = [...new Set(prefixes)].sort((a, b) => b.length - a.length).map(escape);
  const pattern = new RegExp(`(${alternatives.join('|')})[A-Za-z0-9]+`, 'g');
  // The Authorization schemes the clients send: Bearer (a key or token), and Basic with an
  // application's credentials (base64 of `app_…:secret_…` always starts `YXBwX`; any other word
  // after "basic" is left alone, so "basic auth" in a problem detail reads as written).
  return (text) => text.replace(pattern, '$1[redacted]').replace(/(Bearer\s+)\S+/gi, '$1[redacted]').replace(/(Basic\s+)YXBwX[A-Za-z0-9+/]*={0,2}/gi, '$1[redacted]');
}

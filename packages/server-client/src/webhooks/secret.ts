// Signing secrets in the Standard Webhooks format: `whsec_` + base64 of random bytes (Expys uses
// 32). The HMAC key is the decoded bytes. A secret that is not in that format is a configuration
// mistake (a wrong variable, a truncated paste, the old format's habits): refused, never quoted.
import { ExpysConfigError } from '@expys/client-core';
import { base64ToBytes } from './hmac.js';

/** At most this many secrets at once (a rotation has two or three). */
export const MAX_SECRETS = 10;
/** Fewer key bytes than this is not a secret Expys issues (it issues 32). */
export const MIN_SECRET_BYTES = 16;
const PREFIX = 'whsec_';

/** The HMAC key of every secret, checked; `secrets` is one `whsec_…` string or an array of them. */
export function secretKeys(secrets: unknown): Uint8Array<ArrayBuffer>[] {
  // Only a string or an array of strings: anything else spread here (a boxed `new String(…)`)
  // would turn one secret into one-letter "secrets".
  const list: unknown[] | undefined = typeof secrets === 'string' ? [secrets] : Array.isArray(secrets) ? [...secrets] : undefined;
  if (!list || list.length === 0 || list.length > MAX_SECRETS) {
    throw new ExpysConfigError(`Pass the endpoint signing secret (whsec_…, a string), or an array of every active one while rotating (at most ${MAX_SECRETS}).`);
  }
  return list.map((secret, index) => {
    const which = list.length === 1 ? 'The signing secret' : `Signing secret ${index + 1} of ${list.length}`;
    if (typeof secret !== 'string') throw new ExpysConfigError(`${which} is not a string: pass the whsec_… value from createWebhook.`);
    if (!secret.startsWith(PREFIX)) throw new ExpysConfigError(`${which} does not start with whsec_: pass the endpoint's signing secret from createWebhook.`);
    const key = base64ToBytes(secret.slice(PREFIX.length));
    if (!key) throw new ExpysConfigError(`${which} is not whsec_ followed by base64 (A–Z, a–z, 0–9, +, /, padded with =): was it truncated or altered?`);
    if (key.length < MIN_SECRET_BYTES) {
      throw new ExpysConfigError(`${which} decodes to ${key.length} bytes; a signing secret has at least ${MIN_SECRET_BYTES} (Expys issues 32).`);
    }
    return key;
  });
}

// @ts-check
// Every Expys credential (Org-API-Key, API key, App Secret, member token) written in the spec (examples, descriptions, extensions,
// anywhere) must carry a valid checksum (@expys/credentials): a look-alike in the docs teaches a
// format the API never issues, and leak scanners would report it. A live credential whose
// checksum is valid could be a real one: the spec only shows sandbox credentials.
import { CREDENTIAL_FORMATS, findCredentials } from '@expys/credentials';

/** What the message may show of a credential: the prefix and 4 characters, never the rest. */
const redact = (/** @type {import('@expys/credentials').FoundCredential} */ found) =>
  `${found.value.slice(0, CREDENTIAL_FORMATS[found.kind].prefixes[found.environment ?? 'sandbox'].length + 4)}…`;

const pointer = (/** @type {any} */ location) => location.pointer || '#/';

export default function CredentialChecksum() {
  /** Objects already read (a node is walked once, however many visits reach it). */
  const seen = new WeakSet();
  return {
    // `any` enters every typed node; its untyped data (example values, extensions) is read here.
    any: {
      enter(/** @type {any} */ node, /** @type {any} */ ctx) {
        check(node, ctx.location, ctx, seen);
      },
    },
  };
}

/**
 * Reads every string under `node`, without following `$ref`s (the walk visits their targets
 * where they are written, so a finding names that file and line).
 * @param {any} node @param {any} location @param {any} ctx @param {WeakSet<object>} seen
 */
function check(node, location, ctx, seen) {
  if (typeof node === 'string') {
    for (const found of findCredentials(node)) {
      const what = { 'org-api-key': 'an Org-API-Key', 'api-key': 'an API key', 'app-secret': 'an App Secret', 'member-token': 'a member token' }[found.kind];
      const where = `at ${pointer(location)}`;
      if (!found.checksumValid) {
        ctx.report({
          message:
            `\`${redact(found)}\` ${where} looks like ${what} but its checksum does not match: write a valid one ` +
            '(credentialFromEntropy or mintCredential from @expys/credentials), so readers and leak scanners can tell it from a typo or a leak.',
          location,
        });
      } else if (found.environment === 'production') {
        ctx.report({
          message: `\`${redact(found)}\` ${where} is ${what} for production with a valid checksum, which could be a real one: the spec shows sandbox credentials only.`,
          location,
        });
      }
    }
    return;
  }
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (typeof node.$ref === 'string') return;
  for (const [key, value] of Object.entries(node)) check(value, location.child([key]), ctx, seen);
}

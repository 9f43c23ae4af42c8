// @ts-check
// Every credentialed operation documents 401 and 403, so clients, the mock and the docs
// all know what a wrong credential gets: a member token on a server operation is a 403.
// The documented answers must carry the problem codes each mode promises (configured in
// redocly.yaml). Webhook events are calls Expys makes to the customer: nothing to document.
import { resolver, webhookTracker } from './shared.js';

/**
 * @param {{ codes?: Record<string, Record<string, string[]>> }} options the problem codes each
 *   mode's 401/403 must document, e.g. `{ server: { '403': ['member_token_not_allowed'] } }`
 */
export default function AuthErrorsDocumented(options) {
  const webhooks = webhookTracker();
  return {
    ...webhooks.visitor,
    Operation(/** @type {any} */ operation, /** @type {any} */ ctx) {
      if (webhooks.inWebhooks()) return;
      const declared = operation['x-expys-mode'];
      if (declared !== 'member' && declared !== 'server') return;
      // The application's own operations (HTTP Basic) promise their own codes.
      const application = Array.isArray(operation.security) && operation.security.some((/** @type {any} */ r) => r && 'appCredentials' in r);
      const mode = application ? 'application' : declared;
      const responses = operation.responses ?? {};
      const deref = resolver(ctx);
      for (const status of ['401', '403']) {
        if (!(status in responses)) {
          const why =
            status === '403'
              ? mode === 'member'
                ? 'an Org-API-Key used from an app gets 403'
                : mode === 'server'
                  ? 'a member token or a key without the scope gets 403'
                  : 'a bearer credential gets 403'
              : 'a missing, malformed or expired credential gets 401';
          ctx.report({
            message: `${mode} operation must document ${status} (${why}).`,
            location: ctx.location.child(['responses']),
          });
          continue;
        }
        // The documented answer must name the codes a client branches on, in its examples.
        const wanted = options.codes?.[mode]?.[status] ?? [];
        const response = deref(responses[status]);
        const media = deref(response?.content?.['application/problem+json'], response);
        const examples = [media?.example, ...Object.values(media?.examples ?? {}).map((e) => deref(e, media)?.value)];
        const documented = new Set(examples.map((e) => e?.code).filter(Boolean));
        const missing = wanted.filter((code) => !documented.has(code));
        if (missing.length > 0) {
          ctx.report({
            message: `The ${status} of a ${mode} operation must document the problem code${missing.length > 1 ? 's' : ''} ${missing.join(', ')} in its examples (use the shared ${/** @type {Record<string, string>} */ ({ server: 'ServerForbidden', member: 'MemberForbidden', application: 'AppForbidden' })[mode]}/Unauthorized responses).`,
            location: ctx.location.child(['responses', status]),
          });
        }
      }
    },
  };
}

// @ts-check
// Rate limits are part of the contract: every success and every 429 tells the caller where it
// stands (the header names are configured in redocly.yaml), so clients can slow down before they
// are refused, and a 429 also says when to retry (`Retry-After`).
import { follow, webhookTracker } from './shared.js';

export default function RateLimitHeaders(/** @type {{ headers?: string[] }} */ options) {
  const required = options.headers ?? [];
  const webhooks = webhookTracker();
  /** @type {Set<string>} a shared response is reported once, where it is written */
  const reported = new Set();
  return {
    ...webhooks.visitor,
    Operation(/** @type {any} */ operation, /** @type {any} */ ctx) {
      if (webhooks.inWebhooks()) return;
      for (const status of Object.keys(operation.responses ?? {})) {
        if (!/^2\d\d$/.test(status) && status !== '429') continue;
        const response = follow(ctx, operation.responses[status], ctx.location.child(['responses', status]));
        if (!response.node) continue; // an unresolved $ref is no-unresolved-refs' finding
        const declared = Object.keys(response.node?.headers ?? {}).map((name) => name.toLowerCase());
        const missing = [...required, ...(status === '429' ? ['Retry-After'] : [])].filter(
          (name) => !declared.includes(name.toLowerCase()),
        );
        if (missing.length === 0 || reported.has(response.location.absolutePointer)) continue;
        reported.add(response.location.absolutePointer);
        ctx.report({
          message: `${status} response must declare the rate-limit headers: missing ${missing.map((h) => `\`${h}\``).join(', ')} ($ref spec/components/headers/).`,
          location: response.location.key(),
        });
      }
    },
  };
}

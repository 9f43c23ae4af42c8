// Samples for the webhook events, which the backend receives rather than calls: a handler that
// verifies deliveries with @expys/server-client, and a shell command that sends a correctly
// signed test delivery to a local endpoint (the same Standard Webhooks HMAC the API computes). Redoc 3 shows no
// code-sample tabs for webhooks, so these go into the markdown of the Webhooks tag and events.
import { WEBHOOK_SECRET_ENV } from './clients.js';
import { shellQuote } from './curl-sample.js';
import { sdkImport, sdkInit } from './sdk-sample.js';

export const LOCAL_ENDPOINT = 'http://localhost:3000/webhooks/expys';

export function webhookHandlerSample(eventNames: string[], orgApiKeyPrefix: string): string {
  const cases = eventNames.map((name) => `    case ${JSON.stringify(name)}:`).join('\n');
  // Short lines: the code block is narrow.
  return `import express from "express";
${sdkImport('server')}

${sdkInit({ audience: 'server', orgApiKeyPrefix, memberTokenPrefix: '' }).join('\n')}
const app = express();

// Raw bytes: the signature covers the body as sent.
const raw = express.raw({ type: "application/json" });

app.post("/webhooks/expys", raw, async (req, res) => {
  const rawBody = req.body;
  const secret = process.env.${WEBHOOK_SECRET_ENV}!;
  try {
    // Standard Webhooks: throws unless a v1 signature
    // matches (constant time) and webhook-timestamp
    // is within 300 s of now.
    await expys.webhooks.verify(rawBody, req.headers, secret);
  } catch {
    return res.sendStatus(400);
  }
  const event = JSON.parse(rawBody.toString("utf8"));
  // Acknowledge within 10 s, then do the work.
  res.sendStatus(200);
  // Deliveries are retried: deduplicate on
  // webhook-id (the same as event.id).
  switch (event.type) {
${cases}
      // …
      break;
  }
});`;
}

export function signedDeliverySample(example: unknown): string {
  const id = (example as { id?: unknown } | null)?.id;
  return `# Send a signed test delivery to your local endpoint (Standard Webhooks):
# webhook-signature is v1,base64(HMAC-SHA256("$id.$t.$body")), keyed with the secret's decoded bytes.
body=${shellQuote(JSON.stringify(example))}
id=${shellQuote(typeof id === 'string' ? id : 'evt_test')}
t=$(date +%s)
key=$(printf '%s' "\${${WEBHOOK_SECRET_ENV}#whsec_}" | openssl base64 -d -A | od -An -vtx1 | tr -d ' \\n')
sig=$(printf '%s.%s.%s' "$id" "$t" "$body" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key" -binary | openssl base64 -A)
curl -X POST "${LOCAL_ENDPOINT}" \\
  -H "Content-Type: application/json" \\
  -H "webhook-id: $id" \\
  -H "webhook-timestamp: $t" \\
  -H "webhook-signature: v1,$sig" \\
  --data-binary "$body"`;
}

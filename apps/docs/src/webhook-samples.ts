// Samples for the webhook events, which the backend receives rather than calls: a handler that
// verifies deliveries with @expys/server-client, and a shell command that sends a correctly
// signed test delivery to a local endpoint (the same HMAC the API computes). Redoc 3 shows no
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
  const header = req.get("Expys-Signature");
  const secret = process.env.${WEBHOOK_SECRET_ENV}!;
  try {
    // Throws unless a v1= matches (constant time)
    // and t is within 300 s of now.
    await expys.webhooks.verify(rawBody, header, secret);
  } catch {
    return res.sendStatus(400);
  }
  const event = JSON.parse(rawBody.toString("utf8"));
  // Acknowledge within 10 s, then do the work.
  res.sendStatus(200);
  // Deliveries are retried: deduplicate on event.id.
  switch (event.type) {
${cases}
      // …
      break;
  }
});`;
}

export function signedDeliverySample(example: unknown): string {
  return `# Send a signed test delivery to your local endpoint: t=<unix seconds>,v1=HMAC-SHA256("$t.$body").
body=${shellQuote(JSON.stringify(example))}
t=$(date +%s)
v1=$(printf '%s.%s' "$t" "$body" | openssl dgst -sha256 -hmac "$${WEBHOOK_SECRET_ENV}" | sed 's/^.*= //')
curl -X POST "${LOCAL_ENDPOINT}" \\
  -H "Content-Type: application/json" \\
  -H "Expys-Signature: t=$t,v1=$v1" \\
  --data-binary "$body"`;
}

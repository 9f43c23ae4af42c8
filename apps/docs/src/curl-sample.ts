// The curl command for one operation against the sandbox, reading the credential of the
// operation's audience from the shell ($EXPYS_MEMBER_TOKEN or $EXPYS_ORG_API_KEY; the
// application's own operations: HTTP Basic with $EXPYS_APP_ID and $EXPYS_APP_SECRET).
import type { Audience } from './bundles.js';
import { APP_CREDENTIAL_ENV, CREDENTIAL_ENV } from './clients.js';
import type { OperationInputs } from './operation-inputs.js';
import type { ServerAuth } from './server-auth.js';

const IDEMPOTENCY_HEADER = 'idempotency-key';

export function curlSample(audience: Audience, baseUrl: string, inputs: OperationInputs, auth?: ServerAuth): string {
  let path = inputs.path;
  for (const p of inputs.pathParams) path = path.replace(`{${p.name}}`, encodeURIComponent(String(p.value)));
  const query = inputs.queryParams
    .filter((p) => p.required)
    .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(p.value))}`)
    .join('&');
  const url = `${baseUrl}${path}${query ? `?${query}` : ''}`;

  const lines = [inputs.method === 'GET' ? `curl "${url}"` : `curl -X ${inputs.method} "${url}"`];
  lines.push(
    auth?.kind === 'application' ? `-u "$${APP_CREDENTIAL_ENV.appId}:$${APP_CREDENTIAL_ENV.appSecret}"` : `-H "Authorization: Bearer $${CREDENTIAL_ENV[audience]}"`,
  );
  let comment: string | undefined;
  for (const header of inputs.headerParams) {
    if (header.name.toLowerCase() === IDEMPOTENCY_HEADER) {
      comment = '# A new Idempotency-Key per action; send the same one again only to retry it.';
      lines.push(`-H "${header.name}: $(uuidgen)"`);
    } else if (header.required) {
      lines.push(`-H "${header.name}: ${String(header.value)}"`);
    }
  }
  if (inputs.body !== undefined) {
    lines.push('-H "Content-Type: application/json"');
    lines.push(`-d ${shellQuote(jsonBody(inputs.body))}`);
  }
  const command = lines.join(' \\\n  ');
  return comment ? `${comment}\n${command}` : command;
}

function jsonBody(body: unknown): string {
  const compact = JSON.stringify(body);
  return compact.length <= 70 ? compact : JSON.stringify(body, null, 2);
}

/** Single quotes keep `$` and `"` literal; an embedded quote becomes '\''. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

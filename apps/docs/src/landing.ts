// The landing page (index.html): which reference to read, the two modes and their credentials,
// and how to try calls against the local mock. Self-contained (inline CSS, no script, no
// external request) so it works offline like the reference pages.
import { operationsOf, type OpenApiDocument } from '../../../scripts/bundle/walk.js';
import { sandboxServerUrl } from './bundles.js';
import { CLIENT_PACKAGE, CREDENTIAL_ENV } from './clients.js';
import { FAVICON_LINK } from './offline.js';

export const MOCK_URL = 'http://127.0.0.1:4010';

export interface LandingInput {
  member: OpenApiDocument;
  server: OpenApiDocument;
  /** Page file names, relative to index.html. */
  pages: { member: string; server: string };
}

export function landingPage({ member, server, pages }: LandingInput): string {
  const memberOps = operationsOf(member).length;
  const serverOps = operationsOf(server).filter((e) => e.section === 'paths').length;
  const events = operationsOf(server).filter((e) => e.section === 'webhooks').length;
  const servers: any[] = server.servers ?? [];
  const title = `${member.info?.title ?? 'Expys API'} docs`;
  // A member GET without parameters makes the shortest "try it" command.
  const tryPath = operationsOf(member).find((e) => e.method === 'get' && !e.key.includes('{'))?.key ?? '/';

  const environmentRows = servers
    .map(
      (s) => `<tr><td>${esc(s['x-expys-environment'])}</td><td><code>${esc(s.url)}</code></td>` +
        `<td><code>${esc(s['x-expys-member-token-prefix'])}…</code></td><td><code>${esc(s['x-expys-key-prefix'])}…</code></td></tr>`,
    )
    .join('\n        ');

  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${esc(title)}</title>
  ${FAVICON_LINK}
  <style>${STYLE}</style>
</head>
<body>
<main>
  <h1>${esc(title)}</h1>
  <p>${esc(member.info?.summary ?? '')} Every operation belongs to one of two modes, each with its own
  credential; pick the reference for the code you are writing.</p>

  <div class="cards">
    <a class="card" href="${esc(pages.member)}" id="member-link">
      <h2>Building an app? Member API</h2>
      <p>${memberOps} operations called from your app with a short-lived <strong>member token</strong>
      for one member, through <code>${CLIENT_PACKAGE.member}</code>.</p>
    </a>
    <a class="card" href="${esc(pages.server)}" id="server-link">
      <h2>Running a backend? Server API</h2>
      <p>${serverOps} operations and ${events} webhook events for your backend, with the secret
      <strong>Org-API-Key</strong> or a scoped <strong>API key</strong>, through <code>${CLIENT_PACKAGE.server}</code>.
      Security rules and credentials first.</p>
    </a>
  </div>

  <h2>Two modes, two credentials</h2>
  <table>
    <thead><tr><th></th><th>member mode</th><th>server mode</th></tr></thead>
    <tbody>
      <tr><th>credential</th><td>member token, <code>Authorization: Bearer …</code></td><td>Org-API-Key or an API key restricted to scopes, <code>Authorization: Bearer …</code>; an application's App ID and App Secret (HTTP Basic) for its own key management</td></tr>
      <tr><th>runs in</th><td>the app</td><td>your backend only</td></tr>
      <tr><th>reach</th><td>one member, expires after minutes</td><td>the whole org (Org-API-Key) or the key's scopes (API key), long-lived</td></tr>
      <tr><th>where it comes from</th><td>your backend mints it for the signed-in user and hands it to the app</td><td>issued to your organization, or created by an application (API keys); kept as backend secrets</td></tr>
      <tr><th>wrong credential</th><td>an Org-API-Key gets <code>403</code></td><td>a member token gets <code>403</code></td></tr>
    </tbody>
  </table>
  <p class="warning"><strong>The Org-API-Key never goes into an app</strong>, and neither does an API key
  or an App Secret: not in its code, not in client-shipped environment variables, not in logs. The
  Org-API-Key can mint tokens for any member and move points; an exposed key is rotated at once. The
  app only ever holds member tokens. The server reference's <a href="${esc(pages.server)}#/section/credentials">Credentials</a>
  section lists the scopes, which operation needs which, and how to rotate a key without downtime.</p>

  <h2>Environments</h2>
  <table>
    <thead><tr><th>environment</th><th>server</th><th>member token</th><th>Org-API-Key</th></tr></thead>
    <tbody>
        ${environmentRows}
    </tbody>
  </table>
  <p>The samples in both references use the sandbox (<code>${esc(sandboxServerUrl(server))}</code>) and read
  the credential from <code>$${CREDENTIAL_ENV.member}</code> or <code>$${CREDENTIAL_ENV.server}</code>.</p>

  <h2>Try it against the local mock</h2>
  <p><code>npm start</code> at the root of the repository serves these docs and a mock of the API,
  by default at <code>${MOCK_URL}</code>. It answers from the spec's examples and checks credentials
  the way the sandbox does: any <code>mt_test_</code> + 40 letters or digits is a member token, any
  <code>expys_test_</code> + 32 a full-access Org-API-Key, any <code>test_sk_</code> + 32 an API key with
  every scope (in all of them, the last 6 characters are a checksum of the rest, so a mistyped
  credential gets <code>401</code>), and the wrong one for an operation gets <code>403</code>. It prints
  sample credentials when it starts, the sample application's App ID and App Secret and its
  restricted API keys included.</p>
  <pre><code>export ${CREDENTIAL_ENV.member}=mt_test_…   # from the mock's start-up output
curl "${MOCK_URL}${esc(tryPath)}" -H "Authorization: Bearer $${CREDENTIAL_ENV.member}"</code></pre>
  <p>With a client, pass the mock as <code>baseUrl</code>:
  <code>initialize({ baseUrl: "${MOCK_URL}", environment: "sandbox", token })</code>.</p>
</main>
</body>
</html>
`;
}

const STYLE = `
  body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2933; background: #f7f8fa; }
  main { max-width: 860px; margin: 0 auto; padding: 32px 20px 64px; }
  h1 { margin-top: 0; }
  .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 16px; margin: 24px 0; }
  .card { display: block; padding: 16px 20px; border: 1px solid #cbd2d9; border-radius: 8px; background: #fff; color: inherit; text-decoration: none; }
  .card:hover { border-color: #3e63dd; }
  .card h2 { margin: 0 0 8px; font-size: 1.15em; color: #3e63dd; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { border: 1px solid #cbd2d9; padding: 6px 10px; text-align: left; vertical-align: top; }
  code, pre { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.9em; }
  pre { background: #1f2933; color: #f5f7fa; padding: 12px 16px; border-radius: 6px; overflow-x: auto; }
  .warning { border-left: 4px solid #d64545; background: #fff5f5; padding: 10px 14px; }
`;

function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// What the CLI prints once the mock is up: where it is, which credentials work, how to vary it.
import path from 'node:path';
import { SAMPLE_CREDENTIALS as C, CREDENTIAL_FORMATS, type Mode } from '@expys/gateway';
import { MOCK_HOST, type RunningMock } from './mock.js';
import { REPO_ROOT } from './paths.js';

const { 'org-api-key': KEY, 'api-key': API_KEY, 'member-token': TOKEN, 'app-secret': SECRET } = CREDENTIAL_FORMATS;

/** A GET of that kind that needs no parameters, so the curl example works as printed. */
function examplePath(mock: RunningMock, mode: Mode | 'application'): string | undefined {
  return mock.routes
    .filter((r) => (mode === 'application' ? r.application : r.mode === mode && !r.application) && r.method === 'get' && r.requiredParameters.length === 0 && !r.isPublic)
    .map((r) => r.template)
    .sort((a, b) => a.length - b.length)[0];
}

function curl(mock: RunningMock, credential: string, mode: Mode): string {
  const target = examplePath(mock, mode);
  return target ? `curl -H "Authorization: Bearer ${credential}" ${mock.url}${target}` : '(no parameterless GET in the spec)';
}

/** curl's `-u` sends HTTP Basic: the App ID as the user name, the App Secret as the password. */
function curlBasic(mock: RunningMock): string {
  const target = examplePath(mock, 'application');
  return target ? `curl -u ${C.app.appId}:${C.app.appSecret} ${mock.url}${target}` : '(no parameterless application GET in the spec)';
}

function corsText(mock: RunningMock): string {
  if (mock.cors === 'local') return 'open to http://localhost:<any port> and http://127.0.0.1:<any port>';
  return mock.cors === '*' ? 'open to every origin' : `open to ${mock.cors.join(', ')}`;
}

export function startupBanner(mock: RunningMock): string {
  const count = (mode: Mode) => mock.routes.filter((r) => r.mode === mode && !r.application).length;
  const applicationOps = mock.routes.filter((r) => r.application).length;
  const scoped = Object.entries(C.apiKeys)
    .map(([name, k]) => `    ${k.key}  ${name}: ${k.scopes.join(', ')}`)
    .join('\n');
  return `
Expys mock API (sandbox) is running: ${mock.url}
  Spec  ${path.relative(REPO_ROOT, mock.specFile) || mock.specFile}: ${count('member')} member, ${count('server')} server and ${applicationOps} application operations
  Data  ${mock.dynamic ? 'dynamic: generated from the schemas on every request' : 'static: the examples in the spec'}

Member token (the app's credential; member operations):
    ${C.memberToken}
    ${curl(mock, C.memberToken, 'member')}
Org-API-Key (your backend's credential; every server operation, full authority):
    ${C.fullAccessKey}
    ${curl(mock, C.fullAccessKey, 'server')}
API keys of the sample application (server operations their scopes name; others get 403 insufficient_scope):
${scoped}
Sample application "${C.app.name}" (HTTP Basic App ID:App Secret; its API keys and App Secret only):
    App ID ${C.app.appId}  App Secret ${C.app.appSecret}
    ${curlBasic(mock)}

  Any other ${TOKEN.sandbox} + ${TOKEN.length} letters/digits with a valid checksum (mint one: @expys/credentials) is a valid member token,
  any other such ${KEY.sandbox} + ${KEY.length} a full-access Org-API-Key, any other such ${API_KEY.sandbox} + ${API_KEY.length} an API key with every scope.
  Basic auth works only with the sample App ID and App Secret above (any other pair: 401 invalid_app_credentials).
  Expired member token (401 token_expired, to test your refresh): ${C.expiredMemberToken}
  Expired API key (401 api_key_expired): ${C.expiredApiKey}
  Revoked Org-API-Key / API key (401 invalid_api_key): ${C.revokedKey} / ${C.revokedApiKey}
  Live credentials (${KEY.production}…, ${API_KEY.production}…, ${TOKEN.production}…) get 401 environment_mismatch.
  A member token on a server operation gets 403 member_token_not_allowed; an Org-API-Key or API key on a member operation
  403 org_api_key_not_allowed / api_key_not_allowed; a bearer on an application operation 403 app_credentials_required;
  the App Secret (${SECRET.sandbox}…) as a bearer 403 app_secret_not_allowed. --help lists the rules.

  ${mock.dynamic ? 'Restart without --dynamic for the spec\'s examples.' : 'Dynamic data: restart with --dynamic (or EXPYS_MOCK_DYNAMIC=1 npm start), or send "Prefer: dynamic=true" on one request.'}
  Pick a documented response with the Prefer header: "Prefer: code=404", "Prefer: example=<name>".
  CORS: ${corsText(mock)}. Rate limit: ${mock.rateLimit.limit > 0 ? `${mock.rateLimit.limit} requests a minute per credential (RateLimit-* headers on every answer; --rate-limit)` : 'off'}.
  ${mock.host === MOCK_HOST ? 'Listening on loopback only; --host 0.0.0.0 to reach it from a phone on your network.' : `Listening on ${mock.host}: reachable from your network.`}
  One process, one port: Prism runs in-process behind the gateway. Ctrl-C stops it.
`;
}

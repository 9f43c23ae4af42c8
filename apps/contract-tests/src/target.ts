// The target under test, pluggable by URL. EXPYS_CONTRACT_TARGET points the suite at any
// deployment (the sandbox server, a staging API); credentials come from the environment and are
// never committed. EXPYS_CONTRACT_SANDBOX=pglite|postgres starts the stateful sandbox instead, a
// fresh one per test file (PostgreSQL: a fresh database on the server the global setup started).
// Without either, the suite starts the local mock and uses its sample credentials. The local mock
// and sandbox serve EXPYS_CONTRACT_BUNDLE when it is set (the bundle the suite reads, src/spec.ts).
// A sandbox answers an operation it has no code for from the spec's examples, marked
// `Expys-Sandbox-Answer: example` (src/traffic.ts): the suite reports those apart.
export interface Credentials {
  /** The Org-API-Key: full authority over the org. */
  orgApiKey: string;
  memberToken: string;
  /** An API key restricted to `restrictedScopes`. */
  restrictedKey?: string;
  restrictedScopes?: string[];
  /** An API key past its expiresAt (401 api_key_expired). */
  expiredApiKey?: string;
  /** The application's credentials (HTTP Basic) for its own operations. */
  app?: { appId: string; appSecret: string };
  /** A credential for the other environment (a live key against a sandbox target). */
  wrongEnvironmentKey?: string;
  /** A member token past its expiresAt (401 token_expired). */
  expiredMemberToken?: string;
  /** A revoked Org-API-Key (401 invalid_api_key). */
  revokedKey?: string;
  /** A backend job's API key: member_read, member_write and points_write, nothing else. */
  jobKey?: string;
}

export interface Target {
  /** What is under test: the stateless mock, the stateful sandbox, or a deployment by URL. */
  kind: 'mock' | 'sandbox' | 'remote';
  url: string;
  environment: 'sandbox' | 'production';
  credentials: Credentials;
  /** The local mock honours `Prefer: code=…`, so every documented status can be forced. */
  supportsPrefer: boolean;
  stop(): Promise<void>;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`EXPYS_CONTRACT_TARGET is set, so ${name} must be set too (never commit it).`);
  return value;
}

export async function resolveTarget(): Promise<Target> {
  const url = process.env.EXPYS_CONTRACT_TARGET;
  if (url) {
    return {
      kind: 'remote',
      url,
      environment: process.env.EXPYS_CONTRACT_ENVIRONMENT === 'production' ? 'production' : 'sandbox',
      credentials: {
        orgApiKey: required('EXPYS_CONTRACT_ORG_API_KEY'),
        memberToken: required('EXPYS_CONTRACT_MEMBER_TOKEN'),
        restrictedKey: process.env.EXPYS_CONTRACT_RESTRICTED_KEY,
        restrictedScopes: process.env.EXPYS_CONTRACT_RESTRICTED_SCOPES?.split(',').map((s) => s.trim()),
        wrongEnvironmentKey: process.env.EXPYS_CONTRACT_WRONG_ENVIRONMENT_KEY,
        expiredMemberToken: process.env.EXPYS_CONTRACT_EXPIRED_MEMBER_TOKEN,
        revokedKey: process.env.EXPYS_CONTRACT_REVOKED_KEY,
        jobKey: process.env.EXPYS_CONTRACT_JOB_KEY,
        expiredApiKey: process.env.EXPYS_CONTRACT_EXPIRED_API_KEY,
        app: process.env.EXPYS_CONTRACT_APP_ID && process.env.EXPYS_CONTRACT_APP_SECRET ? { appId: process.env.EXPYS_CONTRACT_APP_ID, appSecret: process.env.EXPYS_CONTRACT_APP_SECRET } : undefined,
      },
      supportsPrefer: process.env.EXPYS_CONTRACT_SUPPORTS_PREFER === '1',
      stop: async () => {},
    };
  }
  const sandbox = process.env.EXPYS_CONTRACT_SANDBOX;
  if (sandbox) return startSandboxTarget(sandbox);
  const { startMock, SAMPLE_CREDENTIALS } = await import('@expys/mock');
  const specFile = process.env.EXPYS_CONTRACT_BUNDLE || undefined;
  // A synthetic spec of hundreds of operations sends more than a minute's budget per credential.
  const mock = await startMock({ port: 0, specFile, rateLimit: specFile ? { limit: 0, windowMs: 60_000 } : undefined });
  const restricted = SAMPLE_CREDENTIALS.apiKeys.membersReader;
  return {
    kind: 'mock',
    url: mock.url,
    environment: 'sandbox',
    credentials: {
      orgApiKey: SAMPLE_CREDENTIALS.fullAccessKey,
      memberToken: SAMPLE_CREDENTIALS.memberToken,
      restrictedKey: restricted.key,
      restrictedScopes: [...restricted.scopes],
      wrongEnvironmentKey: SAMPLE_CREDENTIALS.liveKey,
      expiredMemberToken: SAMPLE_CREDENTIALS.expiredMemberToken,
      revokedKey: SAMPLE_CREDENTIALS.revokedKey,
      jobKey: SAMPLE_CREDENTIALS.apiKeys.loyaltyJob.key,
      expiredApiKey: SAMPLE_CREDENTIALS.expiredApiKey,
      app: { appId: SAMPLE_CREDENTIALS.app.appId, appSecret: SAMPLE_CREDENTIALS.app.appSecret },
    },
    supportsPrefer: true,
    stop: () => mock.stop(),
  };
}

/** A sandbox of its own for one test file, seeded, with the mock's sample keys and fresh member tokens. */
async function startSandboxTarget(kind: string): Promise<Target> {
  const { startSandbox } = await import('@expys/sandbox');
  const { SAMPLE_CREDENTIALS } = await import('@expys/mock');
  let database: import('@expys/sandbox').DatabaseOptions;
  if (kind === 'pglite') database = { kind: 'memory' };
  else if (kind === 'postgres') {
    const server = process.env.EXPYS_CONTRACT_POSTGRES_URL;
    if (!server) throw new Error('EXPYS_CONTRACT_SANDBOX=postgres needs the PostgreSQL server the global setup starts (EXPYS_CONTRACT_POSTGRES_URL).');
    const { createDatabase } = await import('@expys/sandbox/testing');
    database = { kind: 'postgres', url: await createDatabase(server), poolSize: 4 };
  } else throw new Error(`EXPYS_CONTRACT_SANDBOX must be pglite or postgres, not ${JSON.stringify(kind)}`);

  // Rate limits are tested in the gateway's own tests; the suite sends far more than a minute's budget.
  const specFile = process.env.EXPYS_CONTRACT_BUNDLE || undefined;
  // The suite's webhooks point at public names (the spec's examples): never resolved or reached from a test.
  const { noDnsInTests } = await import('@expys/sandbox/testing');
  const sandbox = await startSandbox({ database, specFile, sampleKeys: true, rateLimit: { limit: 0, windowMs: 60_000 }, webhooks: { resolve: noDnsInTests } });
  const { credentials, db, clock } = sandbox.context;
  const member = SAMPLE_CREDENTIALS.apiKeys.membersReader;
  return {
    kind: 'sandbox',
    url: sandbox.url,
    environment: 'sandbox',
    credentials: {
      orgApiKey: SAMPLE_CREDENTIALS.fullAccessKey,
      memberToken: (await credentials.mintToken('user_123')).token,
      restrictedKey: member.key,
      restrictedScopes: [...member.scopes],
      wrongEnvironmentKey: SAMPLE_CREDENTIALS.liveKey,
      expiredMemberToken: (await credentials.mintToken('user_123', db, new Date(clock.now().getTime() - 60_000))).token,
      revokedKey: SAMPLE_CREDENTIALS.revokedKey,
      jobKey: SAMPLE_CREDENTIALS.apiKeys.loyaltyJob.key,
      expiredApiKey: SAMPLE_CREDENTIALS.expiredApiKey,
      app: { appId: SAMPLE_CREDENTIALS.app.appId, appSecret: SAMPLE_CREDENTIALS.app.appSecret },
    },
    supportsPrefer: false,
    stop: () => sandbox.stop(),
  };
}

/**
 * The `Authorization` header an operation is called with: the member token for member
 * operations, HTTP Basic with the application's credentials for its own operations, the
 * Org-API-Key for the rest.
 */
export function authorizationFor(op: { mode: string; application: boolean }, credentials: Credentials): string {
  if (op.mode === 'member') return `Bearer ${credentials.memberToken}`;
  if (op.application) {
    if (!credentials.app) throw new Error('this target has no application credentials (EXPYS_CONTRACT_APP_ID and EXPYS_CONTRACT_APP_SECRET)');
    return `Basic ${btoa(`${credentials.app.appId}:${credentials.app.appSecret}`)}`;
  }
  return `Bearer ${credentials.orgApiKey}`;
}

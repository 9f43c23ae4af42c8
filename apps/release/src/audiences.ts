// Which published package carries which audience of the spec. A change to an audience's
// operations is a change to that audience's client, and to @expys/openapi (which ships the bundles).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const BASELINE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../baseline');

export type Audience = 'member' | 'server';
export const AUDIENCES: Audience[] = ['member', 'server'];

export const CLIENT_OF: Record<Audience, string> = {
  member: '@expys/member-client',
  server: '@expys/server-client',
};
export const BUNDLES_PACKAGE = '@expys/openapi';

/** Every package the release publishes, in dependency order. */
export const PUBLISHED = [
  { name: '@expys/openapi', dir: 'packages/openapi' },
  { name: '@expys/credentials', dir: 'packages/credentials' },
  { name: '@expys/client-core', dir: 'packages/client-core' },
  { name: '@expys/member-client', dir: 'packages/member-client' },
  { name: '@expys/server-client', dir: 'packages/server-client' },
  // The documentation's name for the server client (a re-export): published after it.
  { name: '@expys/sdk', dir: 'packages/sdk' },
  // The TanStack Query adapter: its peer @expys/member-client is published before it.
  { name: '@expys/member-query', dir: 'packages/member-query' },
  // The boundary core: @expys/msw-handlers depends on it, so it is published first.
  { name: '@expys/gateway', dir: 'packages/gateway' },
  { name: '@expys/msw-handlers', dir: 'packages/msw-handlers' },
  { name: '@expys/leak-scanner', dir: 'packages/leak-scanner' },
] as const;

export const bundleFile = (audience: Audience) => path.join(REPO, 'packages/openapi/dist', `expys.${audience}.json`);
export const clientTypesFile = (audience: Audience) => path.join(REPO, `packages/${audience}-client/dist/index.d.ts`);

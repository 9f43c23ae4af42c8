// Consumer projects of every kind a team starts from, next to one `npm install` of the
// published clients: Node resolves packages by walking up, so each sub-folder is its own
// project (its own package.json "type" and tsconfig) using the same node_modules.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from '../../src/audiences.js';

export interface ConsumerProject {
  name: string;
  /** "module" or "commonjs": how Node loads the project's .js files. */
  type: 'module' | 'commonjs';
  /** TypeScript settings; absent for plain JavaScript projects. */
  typescript?: { module: string; moduleResolution: string; emit: boolean };
}

export const PROJECTS: ConsumerProject[] = [
  { name: 'js-commonjs', type: 'commonjs' },
  { name: 'ts-node16-commonjs', type: 'commonjs', typescript: { module: 'node16', moduleResolution: 'node16', emit: true } },
  { name: 'ts-nodenext-commonjs', type: 'commonjs', typescript: { module: 'nodenext', moduleResolution: 'nodenext', emit: true } },
  { name: 'ts-nodenext-esm', type: 'module', typescript: { module: 'nodenext', moduleResolution: 'nodenext', emit: true } },
  { name: 'ts-bundler', type: 'module', typescript: { module: 'preserve', moduleResolution: 'bundler', emit: false } },
];

/**
 * The program each project runs against the mock: the backend mints a token, the app lists
 * offers with it, and a refused Org-API-Key in the app is an ExpysError (`instanceof` works
 * across the two packages, which share @expys/client-core). Written once as TypeScript;
 * the plain-JavaScript project gets it with the types stripped.
 */
const PROGRAM_TS = `
async function main(): Promise<void> {
  const baseUrl = process.env.EXPYS_BASE_URL;
  const expys = initialize({ baseUrl, environment: 'sandbox', token: process.env.EXPYS_ORG_API_KEY, timeout: 10_000 });
  await expys.setMember('user_42', { displayName: 'Ada Lovelace', tier: 'gold' });
  const grant = await expys.exchangeToken({ externalUserID: 'user_42' });
  const app = initializeApp({ baseUrl, environment: 'sandbox', token: grant.token });
  const offers = await app.listOffers({ limit: 2 });
  let refused = 'nothing';
  try {
    initializeApp({ environment: 'sandbox', token: process.env.EXPYS_ORG_API_KEY ?? '' });
  } catch (error) {
    refused = error instanceof ExpysError && error instanceof CredentialError ? error.reason : String(error);
  }
  console.log(JSON.stringify({ offers: offers.data.length, refused, node: process.versions.node.split('.')[0] }));
}
main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
`;

const IMPORTS_ESM = `import { initialize, ExpysError } from '@expys/server-client';
import { initialize as initializeApp, CredentialError } from '@expys/member-client';
`;
const REQUIRES_CJS = `const { initialize, ExpysError } = require('@expys/server-client');
const { initialize: initializeApp, CredentialError } = require('@expys/member-client');
`;

/** The first \`\`\`ts block under "## Quickstart" of a client's README, as a user copies it. */
export function readmeQuickstart(pkg: 'member-client' | 'server-client'): string {
  const readme = readFileSync(path.join(REPO, 'packages', pkg, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Quickstart'));
  const block = /```ts\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error(`packages/${pkg}/README.md has no \`\`\`ts block under ## Quickstart`);
  return block[1];
}

/**
 * A README snippet as a module: its imports stay on top, its statements run in an async
 * function (a CommonJS module has no top-level await). Only type-checked: it calls the real API.
 */
function asModule(snippet: string, tag: string): string {
  const lines = snippet.split('\n');
  const imports = lines.filter((l) => /^import /.test(l)).map((l) => l.replace(/\{ initialize \}/, `{ initialize as initialize${tag} }`));
  const body = lines.filter((l) => !/^import /.test(l)).join('\n  ').replace(/\binitialize\(/g, `initialize${tag}(`);
  return `${imports.join('\n')}\nexport async function quickstart${tag}(): Promise<void> {\n  ${body}\n}\n`;
}

// No @types/node in the consumer: what the programs use of Node is declared here.
const GLOBALS = `declare const process: { env: Record<string, string | undefined>; exitCode?: number | string | undefined; versions: { node: string } };\n`;

export function writeProject(root: string, project: ConsumerProject): string {
  const dir = path.join(root, project.name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: project.name, private: true, type: project.type }, null, 2)}\n`);
  if (!project.typescript) {
    writeFileSync(path.join(dir, 'main.js'), REQUIRES_CJS + stripTypes(PROGRAM_TS));
    return dir;
  }
  writeFileSync(path.join(dir, 'main.ts'), IMPORTS_ESM + PROGRAM_TS);
  writeFileSync(path.join(dir, 'globals.d.ts'), GLOBALS);
  writeFileSync(path.join(dir, 'quickstart-server.ts'), asModule(readmeQuickstart('server-client'), 'Server'));
  writeFileSync(path.join(dir, 'quickstart-member.ts'), asModule(readmeQuickstart('member-client'), 'Member'));
  const { module, moduleResolution, emit } = project.typescript;
  const tsconfig = {
    compilerOptions: {
      module,
      moduleResolution,
      target: 'ES2022',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      types: [],
      // The strictest settings teams turn on: our published types must hold under them.
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      noImplicitOverride: true,
      verbatimModuleSyntax: module === 'preserve',
      skipLibCheck: false,
      ...(emit ? { outDir: 'out' } : { noEmit: true }),
    },
    include: ['*.ts'],
  };
  writeFileSync(path.join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  return dir;
}

function stripTypes(ts: string): string {
  return ts.replace(': Promise<void>', '').replace('(error: unknown)', '(error)');
}

/** The TypeScript compiler of this workspace, run on a consumer project. */
export const TSC = path.join(REPO, 'apps/release/node_modules/typescript/bin/tsc');

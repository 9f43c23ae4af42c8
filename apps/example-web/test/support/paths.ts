import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The production build (`vite build`; turbo builds it before the tests). */
export const DIST = path.join(APP_ROOT, 'dist');

export function requireBuild(dir = DIST): string {
  if (!existsSync(path.join(dir, 'index.html'))) throw new Error(`${dir}/index.html is missing: run \`npm run build\` in apps/example-web first`);
  return dir;
}

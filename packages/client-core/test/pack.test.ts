// What `npm pack` would publish for this package (shared checks, see published-package.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPublishedPackage } from './support/published-package.js';

checkPublishedPackage(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));

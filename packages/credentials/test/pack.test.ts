// What `npm pack` would publish for this package (shared with the client packages, see client-core/test/support/published-package.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPublishedPackage } from '../../client-core/test/support/published-package.js';

checkPublishedPackage(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));

// Where the docs build writes, shared by the build, the server and the tests.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Audience } from './bundles.js';

export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The static site: index.html, member.html, server.html. */
export const DIST = path.join(APP_ROOT, 'dist');
/** The docs-only copies of the bundles (with x-codeSamples and notes): build input, not served. */
export const BUILD = path.join(APP_ROOT, 'build');
export const PAGES: Record<Audience, string> = { member: 'member.html', server: 'server.html' };
export const docsCopyFile = (audience: Audience) => path.join(BUILD, `expys.${audience}.docs.json`);

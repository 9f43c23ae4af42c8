// Where the docs build writes, shared by the build, the server and the tests.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Audience } from './bundles.js';

export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** `dist/` and `build/` go here; EXPYS_DOCS_OUT moves them (the scale bench builds a synthetic spec's docs). */
const OUT = process.env.EXPYS_DOCS_OUT ? path.resolve(process.env.EXPYS_DOCS_OUT) : APP_ROOT;
/** The static site: index.html, member.html, server.html. */
export const DIST = path.join(OUT, 'dist');
/** The docs-only copies of the bundles (with x-codeSamples and notes): build input, not served. */
export const BUILD = path.join(OUT, 'build');
export const PAGES: Record<Audience, string> = { member: 'member.html', server: 'server.html' };
export const docsCopyFile = (audience: Audience) => path.join(BUILD, `expys.${audience}.docs.json`);

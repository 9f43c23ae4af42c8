// Stage driver for `npm run bench:scale`: starts the mock (apps/mock's startMock: gateway + Prism
// in-process) on a given full bundle and waits for the first 200. Prints one JSON line:
// { "startMs": …, "firstOkMs": …, "routes": … }.
// Usage: tsx scripts/scale/stages/mock-startup.ts --bundle <expys.full.json>
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../../bundle/redocly.js';

const { values } = parseArgs({ options: { bundle: { type: 'string' } } });
if (!values.bundle) throw new Error('--bundle <expys.full.json> is required');

// Loaded by URL so the scripts package's type-check does not pull the mock's sources in.
const mockModule = pathToFileURL(path.join(REPO_ROOT, 'apps/mock/src/index.ts')).href;
const { startMock, SAMPLE_CREDENTIALS } = await import(mockModule);

const started = performance.now();
const mock = await startMock({ port: 0, specFile: path.resolve(values.bundle), rateLimit: { limit: 0, windowMs: 60_000 } });
const startMs = performance.now() - started;
const answer = await fetch(`${mock.url}/v1/offers`, { headers: { authorization: `Bearer ${SAMPLE_CREDENTIALS.memberToken}` } });
if (answer.status !== 200) throw new Error(`GET /v1/offers answered ${answer.status}: ${await answer.text()}`);
await answer.arrayBuffer();
const firstOkMs = performance.now() - started;
await mock.stop();
console.log(JSON.stringify({ startMs: Math.round(startMs), firstOkMs: Math.round(firstOkMs), routes: mock.routes.length }));

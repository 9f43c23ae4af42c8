// `npm run example` (repo root): the example app's production build, served by the example
// backend, against the mock (default) or the stateful sandbox (`-- --sandbox`). Ctrl-C stops all.
import { parseArgs } from 'node:util';
import { startExampleBackend } from '@expys/example-backend';
import { SAMPLE_CREDENTIALS, startMock } from '@expys/mock';
import { startSandbox } from '@expys/sandbox';
import { requireBuild } from '../test/support/paths.js';

const { values } = parseArgs({
  options: {
    sandbox: { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.EXAMPLE_PORT ?? '3000' },
  },
});

const api = values.sandbox
  ? await startSandbox({ database: { kind: 'memory' }, sampleKeys: true, port: 0 })
  : await startMock({ port: 0 });
const backend = await startExampleBackend(
  // The sample full-access test key of the mock and sandbox: in your backend, EXPYS_ORG_API_KEY.
  { orgApiKey: SAMPLE_CREDENTIALS.fullAccessKey, environment: 'sandbox', expysBaseUrl: api.url, webRoot: requireBuild(), host: '127.0.0.1', port: Number(values.port) },
);

console.log(`
  Example app   ${backend.url}   (${values.sandbox ? 'sign in as user_123, who has points; any other id is enrolled as a new member with none' : 'sign in as user_123; the mock answers every member with the spec\'s examples'})
  Expys API     ${api.url}   (${values.sandbox ? 'stateful sandbox, in memory' : 'mock'})
`);

const stop = async () => {
  await backend.stop();
  await api.stop();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());

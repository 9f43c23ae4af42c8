#!/usr/bin/env node
// `npm start`: the example backend, configured from the environment (see README).
import { ConfigError, readConfig } from './config.js';
import { startExampleBackend } from './start.js';

try {
  const config = readConfig();
  const backend = await startExampleBackend(config, { logger: true });
  console.log(`Example backend on ${backend.url} (Expys ${config.environment}${config.expysBaseUrl ? ` at ${config.expysBaseUrl}` : ''})`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void backend.stop().then(() => process.exit(0)));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`✖ ${error.message}`);
  process.exit(1);
}

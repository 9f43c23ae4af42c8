// Public API of the example backend, for the example app's end-to-end tests.
export { createExampleBackend, type ExampleBackendOptions, type TokenGrantSummary } from './app.js';
export { readConfig, ConfigError, type BackendConfig } from './config.js';
export { startExampleBackend, type RunningBackend } from './start.js';

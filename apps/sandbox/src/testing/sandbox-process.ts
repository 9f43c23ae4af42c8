// One sandbox process of a cluster (cluster.ts): started with its settings as JSON in
// EXPYS_SANDBOX_PROCESS, it prints one JSON line with its URL when it listens, and stops on
// SIGTERM. Settings are the few a multi-process run needs; everything else is startSandbox's default.
import { startSandbox } from '../sandbox.js';

export interface SandboxProcessSettings {
  databaseUrl: string;
  adminToken?: string;
  /** Every webhook delivery goes here (a loopback receiver in tests). */
  forwardTo?: string;
  /** Delivery timeout and lease (ms): short in tests, so a killed process's deliveries are taken over soon. */
  webhookTimeoutMs?: number;
  leaseMs?: number;
  poolSize?: number;
  /** Requests per credential per minute (0: off). */
  rateLimit?: number;
}

const settings = JSON.parse(process.env.EXPYS_SANDBOX_PROCESS ?? '{}') as SandboxProcessSettings;
const sandbox = await startSandbox({
  database: { kind: 'postgres', url: settings.databaseUrl, ...(settings.poolSize ? { poolSize: settings.poolSize } : {}) },
  port: 0,
  ...(settings.adminToken ? { adminToken: settings.adminToken } : {}),
  webhooks: {
    ...(settings.forwardTo ? { forwardTo: settings.forwardTo } : {}),
    ...(settings.webhookTimeoutMs ? { timeoutMs: settings.webhookTimeoutMs } : {}),
    ...(settings.leaseMs ? { leaseMs: settings.leaseMs } : {}),
  },
  ...(settings.rateLimit === undefined ? {} : { rateLimit: { limit: settings.rateLimit, windowMs: 60_000 } }),
});
process.stdout.write(`${JSON.stringify({ url: sandbox.url, pid: process.pid })}\n`);
const stop = () => void sandbox.stop().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

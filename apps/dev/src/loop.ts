// The loop around the pipeline: watch the spec folder, coalesce bursts of saves into one pass,
// never run two passes at once, and hand each result to the mock, the docs and the report.
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { PassReport } from './pipeline.js';

export interface LoopHooks {
  /** One pass of the pipeline. */
  pass(): Promise<PassReport>;
  /** After each pass, with the files that triggered it and the time since the first save. */
  done(result: { report: PassReport; files: string[]; sinceSaveMs: number }): Promise<void> | void;
}

export interface Loop {
  /** Runs a pass now (the first one, at start-up), as a save would. */
  trigger(file?: string): void;
  /** Resolves when no pass is running or pending (for tests). */
  idle(): Promise<void>;
  close(): void;
}

/** Saves closer together than this are one edit (editors write a file in several steps). */
const SETTLE_MS = 40;

export function startLoop(specDir: string, hooks: LoopHooks): Loop {
  let pending = new Set<string>();
  let firstSave = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let idleWaiters: (() => void)[] = [];

  const runPending = async () => {
    while (pending.size > 0) {
      const files = [...pending];
      const since = firstSave;
      pending = new Set();
      let report: PassReport;
      try {
        report = await hooks.pass();
      } catch (error) {
        // A bug of ours, not a broken spec: say it and keep watching.
        report = { ok: false, errors: [{ file: '(dev loop)', rule: 'internal', message: (error as Error)?.stack ?? String(error) }], warnings: [], bundles: [], clients: [], timings: {} };
      }
      try {
        await hooks.done({ report, files, sinceSaveMs: performance.now() - since });
      } catch (error) {
        console.error(`✖ the dev loop failed to apply a pass (it keeps watching): ${(error as Error)?.stack ?? String(error)}`);
      }
    }
    running = undefined;
    for (const resolve of idleWaiters.splice(0)) resolve();
  };

  const trigger = (file = '(start)') => {
    if (pending.size === 0) firstSave = performance.now();
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      running ??= runPending();
    }, SETTLE_MS);
  };

  const watcher: FSWatcher = watch(specDir, { recursive: true }, (_event, name) => {
    if (!name || !/\.(ya?ml|json)$/.test(name)) return;
    trigger(path.join(specDir, name.toString()));
  });
  // The spec folder renamed or removed: say so, rather than crash.
  watcher.on('error', (error) => console.error(`✖ watching ${specDir} failed: ${error.message}. Restart npm run dev.`));

  return {
    trigger,
    idle: () => (running || pending.size > 0 ? new Promise<void>((resolve) => idleWaiters.push(resolve)) : Promise.resolve()),
    close() {
      clearTimeout(timer);
      watcher.close();
      idleWaiters = [];
    },
  };
}

// The loop around the pipeline: watch the spec folder, coalesce bursts of saves into one pass,
// never run two passes at once, and hand each result to the mock, the docs and the report.
// chokidar, not Node's recursive fs.watch: on Linux the latter stops reporting a file once it
// is replaced by rename (editors' safe write, `sed -i`), and the loop went blind with no sign.
import { watch } from 'chokidar';
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
  close(): Promise<void>;
}

/** Saves closer together than this are one edit (editors write a file in several steps). */
const SETTLE_MS = 40;

const SPEC_FILE = /\.(ya?ml|json)$/;

/** Starts watching `specDir`; resolves once the initial scan is done, so no save is missed after. */
export async function startLoop(specDir: string, hooks: LoopHooks): Promise<Loop> {
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

  const watcher = watch(specDir, {
    ignoreInitial: true,
    // Off: it holds every delete back 100 ms (to pair it with an add) and ignores some file
    // names; SETTLE_MS already makes the unlink + add of a safe write one pass.
    atomic: false,
    // Other files (editors' backups and temp files) are not watched at all.
    ignored: (file, stats) => stats?.isFile() === true && !SPEC_FILE.test(file),
  });
  // add, change, unlink of a spec file; a new or deleted folder comes with an event per file in it.
  watcher.on('all', (event, file) => {
    if ((event === 'add' || event === 'change' || event === 'unlink') && SPEC_FILE.test(file)) trigger(file);
  });
  // The spec folder renamed or removed, too many files to watch: say so, rather than crash.
  watcher.on('error', (error) => console.error(`✖ watching ${specDir} failed: ${(error as Error).message}. Restart npm run dev.`));
  await new Promise<void>((resolve) => watcher.once('ready', resolve));

  return {
    trigger,
    idle: () => (running || pending.size > 0 ? new Promise<void>((resolve) => idleWaiters.push(resolve)) : Promise.resolve()),
    async close() {
      clearTimeout(timer);
      idleWaiters = [];
      await watcher.close();
    },
  };
}

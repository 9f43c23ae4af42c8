// Debian's Chromium, headless, driven by playwright-core, with a fresh profile per launch: the
// one launcher of the repository's browser tests (docs, release, msw-handlers, example-web).
// Tests import it by relative path, so no published package depends on it; each test's turbo
// task lists this file as an input. `scripts/setup/ensure-chromium.sh` installs the browser.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's package (`chromium`): Playwright's own browser downloads are not used. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, no sandbox (containers, root), and nothing that phones home or updates itself mid-test. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchOptions {
  /** Names the profile folder (`expys-<name>-chromium-…` in the temporary folder), to tell runs apart. */
  name?: string;
  /** The pages' viewport; Playwright's default (1280×720) when omitted. */
  viewport?: { width: number; height: number };
}

export interface LaunchedChromium {
  context: BrowserContext;
  /** Closes the browser and removes its profile folder. */
  close(): Promise<void>;
}

/** Starts Chromium with a new, empty profile; `close()` ends it and deletes the profile. */
export async function launchChromium(options: LaunchOptions = {}): Promise<LaunchedChromium> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), `expys-${options.name ?? 'test'}-chromium-`));
  let context: BrowserContext;
  try {
    // A persistent context is how Playwright takes a --user-data-dir: a fresh one per launch.
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_FLAGS],
      ...(options.viewport ? { viewport: options.viewport } : {}),
    });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    context,
    async close() {
      try {
        await context.close();
      } finally {
        rmSync(userDataDir, { recursive: true, force: true });
      }
    },
  };
}

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file starts its own mock (Prism in-process): one at a time on a small machine.
    fileParallelism: false,
  },
});

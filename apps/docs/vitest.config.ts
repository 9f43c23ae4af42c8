import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser test drives a real Chromium through every operation of both pages.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

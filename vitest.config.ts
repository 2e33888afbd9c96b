import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/global-stack.ts'],
    setupFiles: ['test/setup/quiet-temporal.ts'],
    // Suites share one embedded stack; run them one at a time on this 2-core machine.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});

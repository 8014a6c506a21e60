import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Load tests measure timing: run files one at a time so they do not compete for the 2 cores.
    fileParallelism: false,
    reporters: ['default'],
  },
});

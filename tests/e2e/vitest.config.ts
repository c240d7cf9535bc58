import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

/** Browser end-to-end tests: real `aura serve`, real Chromium, one file at a time. */
export default defineConfig({
  root: resolve(import.meta.dirname, '../..'),
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    pool: 'forks',
  },
});

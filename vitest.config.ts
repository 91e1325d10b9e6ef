import { defineConfig } from 'vitest/config';

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests start their own web host and Chromium; keep them from fighting over 2 cores.
    maxWorkers: 2,
    reporters: ['default'],
  },
});

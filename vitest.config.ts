import { defineConfig } from 'vitest/config';

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  test: {
    include: ['tests/**/*.test.ts'],
    // The CLI and web host are bundled once per run; tests that start them run the bundle.
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests start their own web host and Chromium; keep them from fighting over 2 cores.
    maxWorkers: 2,
    reporters: ['default'],
  },
});

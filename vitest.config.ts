import { defineConfig } from 'vitest/config';

export default defineConfig({
  esbuild: { jsx: 'automatic' },
  test: {
    include: ['tests/**/*.test.ts'],
    // The CLI and web host are bundled once per run; tests that start them run the bundle.
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    // One module cache per worker, not per file: importing the core, zod schemas and ExcelJS again for each of
    // 200 files cost CI ~190 s of its two cores (npm test 630 s → 520 s). Every test opens its own files,
    // hosts, browsers and servers in temp folders, so nothing a file leaves in a module reaches another's result.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests start their own web host and Chromium; keep them from fighting over 2 cores.
    maxWorkers: 2,
    reporters: ['default'],
  },
});

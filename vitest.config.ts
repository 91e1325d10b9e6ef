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
    // expect.poll without its own options waits up to 15 s, not vitest's 1 s: on a loaded CI machine a browser
    // step (a hub account's scrypt hash, a page reload) took longer than 1 s and a test failed on a slow machine,
    // not on a wrong answer. A poll that never matches still fails, 15 s later.
    expect: { poll: { timeout: 15_000, interval: 50 } },
    hookTimeout: 60_000,
    // Browser tests start their own web host and Chromium; keep them from fighting over 2 cores.
    maxWorkers: 2,
    reporters: ['default'],
  },
});

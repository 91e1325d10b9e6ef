// esbuild options for the Electron main-process bundle (CommonJS, as Electron loads it); shared by
// scripts/build-electron.mjs and the test that runs the bundled core under plain Node.

// Native and lazily required packages stay in node_modules (electron-builder packs the dependencies).
export const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  external: ['electron', 'better-sqlite3', '@resvg/resvg-wasm', 'echarts'],
  logLevel: 'info',
};

// The core's ES modules use import.meta.url (createRequire); in a CommonJS bundle it is the bundle's own URL.
export const importMetaUrl = {
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
};

// The spreadsheet reader's worker thread (db/import/read-worker.ts), bundled whole (yauzl and
// saxes included) into a file of its own beside the main bundle, where db/import/read.ts
// looks for it; electron-builder.yml unpacks it from app.asar, which a worker thread cannot read.
export const readWorker = { entryPoints: ['db/import/read-worker.ts'], fileName: 'plandesk-read-worker.cjs' };

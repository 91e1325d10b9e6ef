// esbuild options shared by every Node bundle: the Electron main process (scripts/build-electron.mjs),
// the CLI and the web host (scripts/build-node.mjs), their worker threads, and the test that runs the
// bundled core under plain Node. CommonJS, as Electron loads it and as Node 20 runs fastest.

// Native and lazily required packages stay in node_modules (electron-builder packs the dependencies).
export const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['electron', 'better-sqlite3', '@resvg/resvg-wasm', 'echarts'],
  logLevel: 'info',
};

// The core's ES modules use import.meta.url (createRequire, worker entries); in a CommonJS bundle
// it is the bundle's own URL.
export const importMetaUrl = {
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
};

// Worker thread entries (`<name>.worker.ts`, started with db/workers.ts startWorker): each is bundled
// beside every host as workers/<name>.cjs. A new worker is one line here.
export const workerEntries = [
  'db/import/read.worker.ts', // the spreadsheet reader (db/import/read.ts)
  'db/backups/copy.worker.ts', // 立即备份 and a restore's copy (db/backups/copy.ts)
  'db/export/xlsx/chart.worker.ts', // the workbook's chart pictures: echarts SVG + resvg PNG (db/export/xlsx/rasterise.ts)
  'db/packagefiles/export.worker.ts', // packagefiles.exportStart: 导出报送包 off the host's thread (db/packagefiles/export-job.ts)
  'db/plans/delete.worker.ts', // plans.deleteStart: a large plan deleted in one transaction off the host's thread (db/plans/delete-job.ts)
  'db/draft/read/document.worker.ts', // a PDF's or .docx's lines for drafting: pdf.js by path, yauzl + saxes (db/draft/read/read.ts)
];

// Bundles the Electron main process and preload into build/electron (CommonJS, as Electron loads them).
import { build } from 'esbuild';

// Native and lazily required packages stay in node_modules (electron-builder packs the dependencies).
const common = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', external: ['electron', 'better-sqlite3', '@resvg/resvg-js', 'echarts'], logLevel: 'info' };
// The core's ES modules use import.meta.url (createRequire); in a CommonJS bundle it is the bundle's own URL.
const importMetaUrl = { define: { 'import.meta.url': '__bundleUrl' }, banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" } };
await build({ ...common, ...importMetaUrl, entryPoints: ['electron/main.ts'], outfile: 'build/electron/main.cjs' });
// A sandboxed preload may only require('electron'): everything else is bundled in.
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'build/electron/preload.cjs' });

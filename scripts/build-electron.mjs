// Bundles the Electron main process and preload into build/electron (CommonJS, as Electron loads them).
import { build } from 'esbuild';
import { common, importMetaUrl, readWorker } from './electron-bundle-options.mjs';

await build({ ...common, ...importMetaUrl, entryPoints: ['electron/main.ts'], outfile: 'build/electron/main.cjs' });
// The import reader's worker thread, beside main.cjs (db/import/read.ts).
await build({ ...common, entryPoints: readWorker.entryPoints, outfile: `build/electron/${readWorker.fileName}` });
// A sandboxed preload may only require('electron'): everything else is bundled in.
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'build/electron/preload.cjs' });

// Bundles the Electron main process and preload into build/electron (CommonJS, as Electron loads them),
// with the worker threads the core starts in build/electron/workers/.
import { buildBundles } from './bundle.mjs';

await buildBundles({
  outdir: 'build/electron',
  hosts: {
    'main.cjs': { entry: 'electron/main.ts' },
    // A sandboxed preload may only require('electron'): everything else is bundled in.
    'preload.cjs': { entry: 'electron/preload.ts', importMeta: false },
  },
});

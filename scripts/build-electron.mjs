// Bundles the Electron main process and preload into build/electron (CommonJS, as Electron loads them).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', external: ['electron', 'better-sqlite3'], logLevel: 'info' };
await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'build/electron/main.cjs' });
// A sandboxed preload may only require('electron'): everything else is bundled in.
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'build/electron/preload.cjs' });

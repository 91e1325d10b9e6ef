// Builds better-sqlite3 for Electron's ABI into build/electron-native/, leaving the Node build in
// node_modules untouched (tests, CLI and web host keep using it). The main process loads this copy
// through better-sqlite3's `nativeBinding` option. Needs Electron's headers, which node-gyp downloads
// from https://electronjs.org/headers, or from the mirror in npm_config_disturl (same layout:
// v<version>/node-v<version>-headers.tar.gz), so it runs only for `npm start` and packaging, never in tests.
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildBetterSqlite } from './native.mjs';

const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const outDir = path.resolve('build/electron-native');
const marker = path.join(outDir, `electron-${electronVersion}-${process.platform}-${process.arch}`);
if (existsSync(marker)) process.exit(0);

const distUrl = process.env.npm_config_disturl || 'https://electronjs.org/headers';
const outFile = path.join(outDir, 'better_sqlite3.node');
buildBetterSqlite({ label: `electron-${electronVersion}`, gypArgs: [`--target=${electronVersion}`, '--runtime=electron', `--dist-url=${distUrl}`], outFile });
copyFileSync(outFile, marker);
console.log(`better-sqlite3 built for Electron ${electronVersion} → ${outDir}`);

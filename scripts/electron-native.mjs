// Builds better-sqlite3 for Electron's ABI into build/electron-native/, leaving the Node build in
// node_modules untouched (tests, CLI and web host keep using it). The main process loads this copy
// through better-sqlite3's `nativeBinding` option. Needs Electron's headers (downloaded by node-gyp),
// so it runs only for `npm start` and packaging, never in tests.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import os from 'node:os';

const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const outDir = path.resolve('build/electron-native');
const marker = path.join(outDir, `electron-${electronVersion}-${process.platform}-${process.arch}`);
if (existsSync(marker)) process.exit(0);

const src = path.dirname(require.resolve('better-sqlite3/package.json'));
const work = path.join(os.tmpdir(), `plandesk-bsqlite-electron-${electronVersion}`);
rmSync(work, { recursive: true, force: true });
cpSync(src, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });
execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', [
  'node-gyp', 'rebuild', '--release',
  `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers',
], { cwd: work, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } });
mkdirSync(outDir, { recursive: true });
copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), path.join(outDir, 'better_sqlite3.node'));
copyFileSync(path.join(outDir, 'better_sqlite3.node'), marker);
console.log(`better-sqlite3 built for Electron ${electronVersion} → ${outDir}`);

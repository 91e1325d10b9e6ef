// Builds better-sqlite3's native module for another runtime (Electron, or another Node.js) from a
// copy of its sources, leaving node_modules untouched: used by scripts/electron-native.mjs (`npm start`)
// and scripts/node-native.mjs (CI's run on the current Node LTS).
import { execFileSync } from 'node:child_process';
import { cpSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** node-gyp rebuild of better-sqlite3 with `gypArgs`; the module is copied to outFile. */
export function buildBetterSqlite({ label, gypArgs, outFile, env = {} }) {
  const src = path.dirname(require.resolve('better-sqlite3/package.json'));
  const work = path.join(os.tmpdir(), `plandesk-bsqlite-${label}-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  cpSync(src, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });
  try {
    // node-gyp from our own node_modules (a dependency of electron-builder), so nothing is fetched.
    execFileSync(process.execPath, [require.resolve('node-gyp/bin/node-gyp.js'), 'rebuild', '--release', ...gypArgs], {
      cwd: work,
      stdio: 'inherit',
      env: { ...process.env, npm_config_nodedir: '', ...env },
    });
    mkdirSync(path.dirname(outFile), { recursive: true });
    copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), outFile);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

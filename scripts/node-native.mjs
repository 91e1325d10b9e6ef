// better-sqlite3's native module is specific to one Node ABI. CI runs the tests on Node 20 and on the
// current Node LTS with one node_modules, so for the LTS run it swaps in a copy built against that
// Node's own headers (the npm package node-<platform>-<arch> ships them in include/node), and
// swaps the original back afterwards:
//
//   node scripts/node-native.mjs build DIR  only build it (CI builds it while the Node 20 tests run)
//   node scripts/node-native.mjs use DIR    DIR holds bin/node and include/node (built once, cached in build/node-native/)
//   node scripts/node-native.mjs restore    put node_modules' own build back
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildBetterSqlite } from './native.mjs';

const require = createRequire(import.meta.url);
const installed = path.join(path.dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
const saved = `${installed}.host`;
const [command, dir] = process.argv.slice(2);

if (command === 'restore') {
  if (existsSync(saved)) renameSync(saved, installed);
} else if ((command === 'use' || command === 'build') && dir) {
  const nodedir = path.resolve(dir);
  const node = path.join(nodedir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  const version = execFileSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
  const built = path.resolve('build', 'node-native', `node-${version}-${process.platform}-${process.arch}`, 'better_sqlite3.node');
  if (!existsSync(built)) buildBetterSqlite({ label: `node-${version}`, gypArgs: [`--nodedir=${nodedir}`], env: { npm_config_nodedir: nodedir }, outFile: built });
  if (command === 'build') process.exit(0);
  if (!existsSync(saved)) copyFileSync(installed, saved);
  copyFileSync(built, installed);
  // The swapped-in module must load in that Node (and the check fails loudly if it does not).
  execFileSync(node, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { stdio: 'inherit' });
  console.log(`better-sqlite3 built for Node ${version} is in use; \`node scripts/node-native.mjs restore\` puts the original back`);
} else {
  console.error('usage: node scripts/node-native.mjs build DIR | use DIR | restore');
  process.exit(2);
}

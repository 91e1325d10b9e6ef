#!/usr/bin/env node
// The `plandesk` command line: runs the bundle in build/node/cli.cjs (scripts/build-node.mjs), which is
// built on first use and rebuilt when a source file is newer, so a checkout never runs stale code.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStale } from '../scripts/bundle-stale.mjs';

// `plandesk show … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (isStale(root, path.join(root, 'build', 'node'), ['cli.cjs'])) {
  process.stderr.write('正在构建命令行（首次运行，或源代码有更新）…\n');
  const { buildNode } = await import('../scripts/build-node.mjs');
  await buildNode();
}
const { main } = createRequire(import.meta.url)('../build/node/cli.cjs');
process.exitCode = await main(process.argv.slice(2));

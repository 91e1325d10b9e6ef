// Bundles the command line and the web host into build/node/ (CommonJS, the same esbuild options as
// the Electron main process), with the worker threads the core starts in build/node/workers/. They
// then start without compiling TypeScript at run time (tsx is a development tool only).
//
//   node scripts/build-node.mjs             always rebuild (tests' globalSetup, `npm run build`)
//   node scripts/build-node.mjs --if-stale  rebuild only when a source file is newer (`npm run web`)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundles } from './bundle.mjs';
import { isStale } from './bundle-stale.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUTDIR = path.join(ROOT, 'build', 'node');
const HOSTS = { 'cli.cjs': { entry: 'cli/main.ts' }, 'web.cjs': { entry: 'web/main.ts' } };

/** Builds build/node/ (paths are relative to the repository root). */
export async function buildNode({ logLevel = 'warning' } = {}) {
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    await buildBundles({ outdir: 'build/node', hosts: HOSTS, logLevel });
  } finally {
    process.chdir(cwd);
  }
}

/** Builds build/node/ when it is missing or older than a source file; returns whether it built. */
export async function ensureNode(options) {
  if (!isStale(ROOT, OUTDIR, Object.keys(HOSTS))) return false;
  await buildNode(options);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--if-stale')) await ensureNode();
  else await buildNode();
}

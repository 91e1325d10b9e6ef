// Builds Node bundles (hosts and their worker threads) with the shared options, writing each file
// atomically (a CLI started while a rebuild runs reads the old file or the new one, never half of
// one), and records every source file they were built from so that a stale bundle can be noticed.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { common, importMetaUrl, workerEntries } from './bundle-options.mjs';

import { MANIFEST } from './bundle-stale.mjs';

function writeAtomically(file, contents) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, contents);
  fs.renameSync(tmp, file);
}

/** Worker file name inside workers/: `db/x/read.worker.ts` → `read.worker.cjs`; names must be unique. */
export function workerOutputs(workers = workerEntries) {
  const out = new Map();
  for (const entry of workers) {
    const name = `${path.basename(entry).replace(/\.ts$/, '')}.cjs`;
    if (!/\.worker\.cjs$/.test(name)) throw new Error(`worker entries are named <name>.worker.ts: ${entry}`);
    if (out.has(name)) throw new Error(`two worker entries named ${name}: ${out.get(name)} and ${entry}`);
    out.set(name, entry);
  }
  return out;
}

/**
 * hosts: { 'main.cjs': { entry: 'electron/main.ts', importMeta?: false } } → outdir/main.cjs, plus
 * outdir/workers/<name>.cjs for every worker entry, plus outdir/inputs.json.
 */
export async function buildBundles({ outdir, hosts, workers = workerEntries, logLevel = common.logLevel }) {
  const jobs = [
    ...Object.entries(hosts).map(([file, h]) => ({ out: path.join(outdir, file), entry: h.entry, importMeta: h.importMeta !== false })),
    ...[...workerOutputs(workers)].map(([file, entry]) => ({ out: path.join(outdir, 'workers', file), entry, importMeta: true })),
  ];
  // The build's own settings count as inputs: a new worker entry makes the old bundle stale.
  const inputs = new Set(['scripts/bundle-options.mjs', 'scripts/bundle.mjs']);
  // Sources are compared with the moment the build began: a file saved during the build counts as newer.
  const startedAt = Date.now();
  await Promise.all(
    jobs.map(async (j) => {
      // absWorkingDir: esbuild takes its default working folder once, when it is first imported; `plandesk` run
      // from another folder imports it before build-node.mjs moves to the repository root (paths would not resolve).
      const r = await build({ ...common, ...(j.importMeta ? importMetaUrl : {}), absWorkingDir: process.cwd(), logLevel, entryPoints: [j.entry], outfile: j.out, write: false, metafile: true });
      for (const f of Object.keys(r.metafile.inputs)) if (!f.includes('node_modules/')) inputs.add(f);
      for (const o of r.outputFiles) writeAtomically(o.path, o.contents);
    }),
  );
  writeAtomically(path.join(outdir, MANIFEST), JSON.stringify({ builtAt: startedAt, inputs: [...inputs].sort() }, null, 1));
}


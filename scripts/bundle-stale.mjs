// Whether a bundle is older than the sources it was built from (read from its inputs.json): plain
// fs only, so the CLI can check at start without loading esbuild.
import fs from 'node:fs';
import path from 'node:path';

export const MANIFEST = 'inputs.json';

/** True when a bundle in outdir is missing or older than any of our source files it was built from. */
export function isStale(root, outdir, files) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(outdir, MANIFEST), 'utf8'));
  } catch {
    return true;
  }
  if (files.some((f) => !fs.existsSync(path.join(outdir, f)))) return true;
  // A source file (or the build's settings) changed or removed since the build makes it stale.
  for (const f of manifest.inputs) {
    let st;
    try {
      st = fs.statSync(path.join(root, f));
    } catch {
      return true;
    }
    if (st.mtimeMs > manifest.builtAt) return true;
  }
  return false;
}

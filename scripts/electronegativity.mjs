// Scans the Electron shell with @doyensec/electronegativity and fails on any finding rated MEDIUM or
// higher (the CLI exits 0 whatever it finds, so its report is read here). The scanner's TypeScript
// parser predates `satisfies`, so it reads the bundles esbuild makes from electron/ (plain JS with
// every object literal intact) and the renderer's index.html (its Content-Security-Policy).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
// The scanner runs offline, as the tests do: its two network lookups (translations and Electron's
// release notes, both through `got`) are answered "offline" at once. Left to time out, got's retry
// timer throws after the scan under Node 26 and kills the process.
const gotPath = require.resolve('got', { paths: [path.dirname(require.resolve('@doyensec/electronegativity/package.json'))] });
const offline = () => Promise.reject(new Error('offline'));
offline.head = offline;
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };
const run = require('@doyensec/electronegativity');
const electronVersion = require('electron/package.json').version;

execFileSync(process.execPath, ['scripts/build-electron.mjs'], { stdio: 'ignore' });
const dir = mkdtempSync(path.join(os.tmpdir(), 'plandesk-eneg-'));
try {
  copyFileSync('build/electron/main.cjs', path.join(dir, 'main.js'));
  copyFileSync('build/electron/preload.cjs', path.join(dir, 'preload.js'));
  copyFileSync('renderer/index.html', path.join(dir, 'index.html'));
  const result = await run({
    input: dir,
    // The scanner reads the version from a package.json beside the files, and there is none here.
    electronVersionOverride: electronVersion,
    isRelative: true,
  });
  const findings = result.issues.map((e) => ({ id: e.id, severity: e.severity.name, value: e.severity.value, confidence: e.confidence.name, file: e.file, line: e.location?.line, sample: String(e.sample ?? '').slice(0, 160), description: e.description }));
  const serious = findings.filter((f) => f.value >= 2);
  // A file the scanner could not parse was not scanned: that fails too.
  const unparsed = result.errors.map((e) => ({ file: e.file, message: String(e.message ?? e.description ?? e) }));
  console.log(JSON.stringify({ checks: result.globalChecks + result.atomicChecks, findings, serious: serious.length, unparsed }, null, 2));
  process.exitCode = serious.length || unparsed.length ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

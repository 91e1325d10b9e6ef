/**
 * Starting a worker thread from its TypeScript entry, wherever the core runs:
 *
 * - bundled (the CLI and web host in build/node/, the Electron main process in build/electron/):
 *   every entry listed in `workerEntries` (scripts/bundle-options.mjs, one line per worker) is
 *   bundled beside the host as `workers/<name>.cjs`, and that file runs;
 * - from source (vitest, tsx): the `.ts` entry runs through tsx, a development dependency.
 *
 * A worker's entry is named `<name>.worker.ts` and started with
 * `startWorker(new URL('./<name>.worker.ts', import.meta.url), options)`. In a bundle
 * import.meta.url is the bundle's own URL, so the `.ts` file is not there and the bundled copy is.
 *
 * A benchmark that runs the core from source but must measure what users run calls
 * `useBundledWorkers('build/node/workers')` first: every worker then runs from that folder's
 * bundled copy (tsx's start-up costs a worker about half a second of CPU).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Inside a packaged app, run (or load a package) from the unpacked copy (a worker thread does not read app.asar). */
export function onDisk(file: string): string {
  const unpacked = file.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  return unpacked !== file && fs.existsSync(unpacked) ? unpacked : file;
}

let bundledDir: string | null = null;

/** Run every worker from the bundled copies in `dir` (`<name>.cjs`), which must be there; null: the default lookup. */
export function useBundledWorkers(dir: string | null): void {
  bundledDir = dir === null ? null : path.resolve(dir);
}

export type WorkerScript = { kind: 'bundled'; file: string } | { kind: 'source'; file: string };

/** Which file runs for a worker entry: the bundled `workers/<name>.cjs` beside the host, or the source. */
export function workerScript(entry: URL): WorkerScript {
  const source = fileURLToPath(entry);
  const name = path.basename(source).replace(/\.ts$/, '');
  if (!/\.worker$/.test(name)) throw new Error(`worker entries are named <name>.worker.ts: ${source}`);
  if (bundledDir !== null) {
    const file = path.join(bundledDir, `${name}.cjs`);
    if (!fs.existsSync(file)) throw new Error(`worker ${name} is not bundled in ${bundledDir}: run node scripts/build-node.mjs`);
    return { kind: 'bundled', file };
  }
  const bundled = onDisk(path.join(path.dirname(source), 'workers', `${name}.cjs`));
  if (fs.existsSync(bundled)) return { kind: 'bundled', file: bundled };
  if (fs.existsSync(source)) return { kind: 'source', file: source };
  throw new Error(`worker ${name} is not in this build: list ${path.basename(source)} in workerEntries (scripts/bundle-options.mjs)`);
}

// tsx's ESM API, located through its package exports (a require() resolve would give the CommonJS
// build, whose register() cannot run from an evaluated bootstrap).
function tsxApiUrl(): string {
  const requireHere = createRequire(import.meta.url);
  const pkgFile = requireHere.resolve('tsx/package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  const api = pkg.exports['./esm/api'];
  if (!api) throw new Error('tsx has no ./esm/api export');
  return pathToFileURL(path.join(path.dirname(pkgFile), api.import.default)).href;
}

/** A worker thread running the entry (see the top of this file for how it is found). */
export function startWorker(entry: URL, options: WorkerOptions = {}): Worker {
  const script = workerScript(entry);
  // A bundled worker needs none of the host's loader flags (under tsx, `--import tsx` would load tsx's
  // hooks into every worker: about 0.2 s of CPU each, in the benchmarks).
  if (script.kind === 'bundled') return new Worker(script.file, { execArgv: [], ...options });
  // From source: a data: URL module registers tsx in the worker, then imports the entry. (Node 20
  // does not apply `--import tsx` from a worker's execArgv to the worker's own entry.)
  const boot = `import { register } from ${JSON.stringify(tsxApiUrl())}; register(); await import(${JSON.stringify(pathToFileURL(script.file).href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), options);
}

export interface WorkerRun<T, M = unknown> {
  /** each message the worker posts; `end.done(value)` or `end.fail(err)` ends the run */
  message(m: M, end: { done(value: T): void; fail(err: unknown): void }): void;
  /** what an 'error' event (an exception, ERR_WORKER_OUT_OF_MEMORY) is rejected with */
  error(err: Error & { code?: string }): unknown;
  /** what the worker's exit before an answer is rejected with */
  exit(code: number): unknown;
  /** a time limit: `timeout()` is what the run is rejected with when it is reached */
  timeoutMs?: number;
  timeout?(): unknown;
}

/**
 * Runs a worker to its end: settles once — with the answer, the first failure, the time limit or an
 * exit before any answer — and terminates the worker however it ends. The one copy of this pattern
 * for every worker of the core (reading, integrity check, backup copies, chart pictures).
 */
export function runWorker<T, M = unknown>(worker: Worker, run: WorkerRun<T, M>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const end = { done: (value: T) => settle(() => resolve(value)), fail: (err: unknown) => settle(() => reject(err)) };
    const timer = run.timeoutMs !== undefined ? setTimeout(() => end.fail(run.timeout?.() ?? new Error('worker timed out')), run.timeoutMs) : null;
    worker.on('message', (m: M) => {
      if (!settled) run.message(m, end);
    });
    worker.once('error', (err: Error & { code?: string }) => end.fail(run.error(err)));
    worker.once('exit', (code) => end.fail(run.exit(code)));
  });
}

/** A worker that posts one answer: resolves with it (see runWorker). */
export function workerAnswer<T>(worker: Worker, fail: Pick<WorkerRun<T, T>, 'error' | 'exit'>): Promise<T> {
  return runWorker<T, T>(worker, { message: (m, end) => end.done(m), ...fail });
}

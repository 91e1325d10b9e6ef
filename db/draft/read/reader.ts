/**
 * The reading thread (document.worker.ts) and its reuse. A fresh thread pays pdf.js's load and
 * compilation (about a third of a full issue's reading) and reads its first PDF with cold code; so a
 * thread whose read succeeded is kept, idle and unreferenced (it keeps no process alive), for the next
 * document: at most one such spare, ended after IDLE_MS or REUSE_READS documents. Every guard stays per
 * read: the heap limit is the thread's (a spare is taken only for the same limit), the time limit runs
 * from each request, and after a refusal, a failure, the time limit or the heap limit the thread is
 * ended, so a hostile file never leaves a thread that reads the next one.
 *
 * This is db/workers.ts runWorker's settle-once pattern for a thread that outlives one answer (runWorker
 * ends its worker however it settles).
 */
import type { Worker } from 'node:worker_threads';
import { PlanDeskError } from '../../errors.ts';
import { startWorker } from '../../workers.ts';
import { refuse } from './guards.ts';
import { pdfjsFiles } from './pdf.ts';
import type { DocumentLine } from './types.ts';
import type { DocumentReaderMessage, DocumentReaderRequest, DocumentReaderSetup } from './document.worker.ts';

/** The reading thread's backstops; tests lower them to see them act. */
export interface DocumentReadLimits {
  memoryMb: number;
  timeMs: number;
}

/** A spare thread is ended after this long idle, or after this many documents (bounding any slow growth of its heap). */
export const IDLE_MS = 60_000;
export const REUSE_READS = 16;

interface Reader {
  worker: Worker;
  memoryMb: number;
  reads: number;
  idle: NodeJS.Timeout | null;
}

let spare: Reader | null = null;
let nextId = 1;

function takeReader(memoryMb: number): Reader {
  if (spare && spare.memoryMb === memoryMb) {
    const r = spare;
    spare = null;
    if (r.idle) clearTimeout(r.idle);
    r.idle = null;
    r.worker.ref();
    return r;
  }
  const resourceLimits = { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(16, memoryMb), stackSizeMb: 4 };
  const workerData = { pdfjs: pdfjsFiles() } satisfies DocumentReaderSetup;
  const worker = startWorker(new URL('./document.worker.ts', import.meta.url), { workerData, resourceLimits, stdout: true, stderr: true });
  const reader: Reader = { worker, memoryMb, reads: 0, idle: null };
  // Between reads no listener of a read is attached: a spare that fails or ends on its own is dropped.
  worker.on('error', () => undefined);
  worker.on('exit', () => {
    if (spare === reader) spare = null;
  });
  return reader;
}

function giveBack(r: Reader): void {
  r.reads++;
  if (spare || r.reads >= REUSE_READS) {
    void r.worker.terminate();
    return;
  }
  r.worker.unref();
  r.idle = setTimeout(() => {
    if (spare === r) spare = null;
    void r.worker.terminate();
  }, IDLE_MS);
  r.idle.unref();
  spare = r;
}

/** The spare thread: how many documents it has read and its heap limit; null when there is none (tests). */
export function spareReader(): { reads: number; memoryMb: number } | null {
  return spare ? { reads: spare.reads, memoryMb: spare.memoryMb } : null;
}

/** Ends the spare thread, if any (tests; a host that wants no idle thread). */
export async function endSpareReader(): Promise<void> {
  const r = spare;
  spare = null;
  if (r?.idle) clearTimeout(r.idle);
  if (r) await r.worker.terminate();
}

/** Reads one PDF or .docx in a reading thread; rejects with a typed refusal naming the file. */
export function readInWorker(
  input: Omit<DocumentReaderRequest, 'id' | 'deadline'>,
  limits: DocumentReadLimits,
): Promise<{ lines: DocumentLine[]; pages: number | null }> {
  const { fileName } = input;
  const reader = takeReader(limits.memoryMb);
  const { worker } = reader;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (ok: boolean, fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (ok) giveBack(reader);
      else void worker.terminate();
      fn();
    };
    const fail = (err: unknown) => settle(false, () => reject(err));
    const timer = setTimeout(
      () => fail(refuse(`读取“${fileName}”超过 ${Math.ceil(limits.timeMs / 1000)} 秒仍未完成，文件可能结构异常，已停止读取。`)),
      limits.timeMs,
    );
    const onMessage = (m: DocumentReaderMessage) => {
      if (m.id !== id) return;
      if (m.t === 'done') settle(true, () => resolve({ lines: m.lines, pages: m.pages }));
      else fail(m.code ? new PlanDeskError(m.code, m.message) : refuse(`“${fileName}”已损坏或无法读取（${m.message.slice(0, 200)}）。`));
    };
    const onError = (err: Error & { code?: string }) =>
      fail(
        refuse(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `“${fileName}”结构异常或过大：读取时超出内存上限（${limits.memoryMb} MB），已停止读取。`
            : `读取“${fileName}”时出错（${err.message.slice(0, 200)}）。`,
        ),
      );
    const onExit = (code: number) => fail(refuse(`读取“${fileName}”的进程意外退出（${code}）。`));
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.postMessage({ ...input, id, deadline: Date.now() + limits.timeMs - 1000 } satisfies DocumentReaderRequest);
  });
}

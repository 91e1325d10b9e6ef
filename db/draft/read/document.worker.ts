/**
 * The document-reading worker: reads one untrusted PDF or .docx (checked by guards.ts first, on the
 * host) into lines and posts them back. Started by read.ts with a heap limit and a time limit; a file
 * that would need more ends this thread, never the host or the CLI. Bundled on its own
 * (scripts/bundle-options.mjs: workerEntries).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PlanDeskError } from '../../errors.ts';
import { readDocxLines } from './docx.ts';
import { readPdfLines, type PdfjsFiles } from './pdf.ts';
import type { DocumentLine } from './types.ts';

export interface DocumentReaderInput {
  bytes: Uint8Array;
  fileName: string;
  format: 'pdf' | 'docx';
  pdfjs: PdfjsFiles;
  /** Date.now() past which the PDF reading stops between pages (the worker's time limit is the backstop) */
  deadline: number;
}

export type DocumentReaderMessage =
  | { t: 'done'; lines: DocumentLine[]; pages: number | null }
  | { t: 'error'; code: PlanDeskError['code'] | null; message: string };

async function run(input: DocumentReaderInput): Promise<DocumentReaderMessage> {
  if (input.format === 'pdf') {
    const { lines, pages } = await readPdfLines(input.bytes, input.fileName, input.pdfjs, input.deadline);
    return { t: 'done', lines, pages };
  }
  return { t: 'done', lines: await readDocxLines(input.bytes, input.fileName), pages: null };
}

if (parentPort) {
  const port = parentPort;
  run(workerData as DocumentReaderInput)
    .then((m) => port.postMessage(m))
    .catch((err: unknown) =>
      port.postMessage(
        (err instanceof PlanDeskError
          ? { t: 'error', code: err.code, message: err.message }
          : { t: 'error', code: null, message: err instanceof Error ? err.message : String(err) }) satisfies DocumentReaderMessage,
      ),
    );
}

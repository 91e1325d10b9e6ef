/**
 * The document-reading worker: reads untrusted PDFs and .docx files (each checked by guards.ts first, on
 * the host) into lines and posts them back, one request at a time. Started by reader.ts with a heap
 * limit; each read has a time limit. A file that would need more ends this thread, never the host or the
 * CLI. After a read that succeeded the host may send the next document to the same thread (pdf.js then
 * is loaded and compiled already); after any refusal or failure the thread is ended. Bundled on its own
 * (scripts/bundle-options.mjs: workerEntries).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PlanDeskError } from '../../errors.ts';
import { readDocxLines } from './docx.ts';
import { readPdfLines, type PdfjsFiles } from './pdf.ts';
import type { DocumentLine } from './types.ts';

/** Given once, when the thread starts. */
export interface DocumentReaderSetup {
  pdfjs: PdfjsFiles;
}

/** One document to read. */
export interface DocumentReaderRequest {
  id: number;
  bytes: Uint8Array;
  fileName: string;
  format: 'pdf' | 'docx';
  /** Date.now() past which the PDF reading stops between pages (the host's time limit is the backstop) */
  deadline: number;
}

export type DocumentReaderMessage = { id: number } & (
  | { t: 'done'; lines: DocumentLine[]; pages: number | null }
  | { t: 'error'; code: PlanDeskError['code'] | null; message: string }
);

async function run(input: DocumentReaderRequest, setup: DocumentReaderSetup): Promise<DocumentReaderMessage> {
  if (input.format === 'pdf') {
    const { lines, pages } = await readPdfLines(input.bytes, input.fileName, setup.pdfjs, input.deadline);
    return { id: input.id, t: 'done', lines, pages };
  }
  return { id: input.id, t: 'done', lines: await readDocxLines(input.bytes, input.fileName), pages: null };
}

if (parentPort) {
  const port = parentPort;
  const setup = workerData as DocumentReaderSetup;
  port.on('message', (input: DocumentReaderRequest) => {
    run(input, setup)
      .then((m) => port.postMessage(m))
      .catch((err: unknown) =>
        port.postMessage(
          (err instanceof PlanDeskError
            ? { id: input.id, t: 'error', code: err.code, message: err.message }
            : { id: input.id, t: 'error', code: null, message: err instanceof Error ? err.message : String(err) }) satisfies DocumentReaderMessage,
        ),
      );
  });
}

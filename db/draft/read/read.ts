/**
 * Reading a document for drafting: `readDocument(bytes, fileName)` → its numbered lines, with pages for
 * a PDF. The file is checked first (guards.ts: what it is, its size); a text is decoded here (UTF-8,
 * UTF-16 with a byte-order mark, else GB18030: text.ts); a PDF or a .docx is read in a worker thread
 * (document.worker.ts, reader.ts: a thread that read a document well may read the next) with a heap limit
 * and a time limit, so that a hostile file ends only that thread,
 * with a Chinese refusal naming the file, and the host carries on. Nothing here touches a plan.
 */
import { READ_MEMORY_MB, READ_TIME_LIMIT_MS, checkDocument, refuse } from './guards.ts';
import { readInWorker, type DocumentReadLimits } from './reader.ts';
import { decodeText, textLines } from './text.ts';
import type { ReadDocument } from './types.ts';

export type { DocumentFormat, DocumentLine, ReadDocument } from './types.ts';
export type { DocumentReadLimits } from './reader.ts';
export { endSpareReader, spareReader } from './reader.ts';

const LIMITS: DocumentReadLimits = { memoryMb: READ_MEMORY_MB, timeMs: READ_TIME_LIMIT_MS };

/** Reads a text, PDF or .docx into numbered lines; throws a typed refusal (PlanDeskError) on any bad file. */
export async function readDocument(bytes: Uint8Array, fileName: string, limits: DocumentReadLimits = LIMITS): Promise<ReadDocument> {
  const format = checkDocument(bytes, fileName);
  if (format === 'text') {
    const { text, encoding } = decodeText(bytes);
    return { fileName, format, lines: textLines(text, fileName), encoding, pages: null };
  }
  const { lines, pages } = await readInWorker({ bytes, fileName, format }, limits);
  if (!lines.some((l) => l.text.trim() !== ''))
    throw refuse(
      format === 'pdf'
        ? `“${fileName}”没有可读取的文字（可能是扫描件或图片），请使用带文字层的 PDF，或 .docx / 纯文本。`
        : `“${fileName}”没有可读取的文字。`,
    );
  return { fileName, format, lines, encoding: null, pages };
}

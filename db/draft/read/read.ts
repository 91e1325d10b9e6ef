/**
 * Reading a document for drafting: `readDocument(bytes, fileName)` → its numbered lines, with pages for
 * a PDF. The file is checked first (guards.ts: what it is, its size); a text is decoded here (UTF-8,
 * UTF-16 with a byte-order mark, else GB18030: text.ts); a PDF or a .docx is read in a worker thread
 * (document.worker.ts) with a heap limit and a time limit, so that a hostile file ends only that thread,
 * with a Chinese refusal naming the file, and the host carries on. Nothing here touches a plan.
 */
import { PlanDeskError } from '../../errors.ts';
import { runWorker, startWorker } from '../../workers.ts';
import { READ_MEMORY_MB, READ_TIME_LIMIT_MS, checkDocument, refuse } from './guards.ts';
import { pdfjsFiles } from './pdf.ts';
import { decodeText, textLines } from './text.ts';
import type { ReadDocument } from './types.ts';
import type { DocumentReaderInput, DocumentReaderMessage } from './document.worker.ts';

export type { DocumentFormat, DocumentLine, ReadDocument } from './types.ts';

/** The reading worker's backstops; tests lower them to see them act. */
export interface DocumentReadLimits {
  memoryMb: number;
  timeMs: number;
}
const LIMITS: DocumentReadLimits = { memoryMb: READ_MEMORY_MB, timeMs: READ_TIME_LIMIT_MS };

function readInWorker(input: DocumentReaderInput, limits: DocumentReadLimits): Promise<{ lines: ReadDocument['lines']; pages: number | null }> {
  const { fileName } = input;
  const resourceLimits = { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: Math.min(16, limits.memoryMb), stackSizeMb: 4 };
  const worker = startWorker(new URL('./document.worker.ts', import.meta.url), { workerData: input, resourceLimits, stdout: true, stderr: true });
  return runWorker<{ lines: ReadDocument['lines']; pages: number | null }, DocumentReaderMessage>(worker, {
    timeoutMs: limits.timeMs,
    timeout: () => refuse(`读取“${fileName}”超过 ${Math.ceil(limits.timeMs / 1000)} 秒仍未完成，文件可能结构异常，已停止读取。`),
    message(m, end) {
      if (m.t === 'done') end.done({ lines: m.lines, pages: m.pages });
      else end.fail(m.code ? new PlanDeskError(m.code, m.message) : refuse(`“${fileName}”已损坏或无法读取（${m.message.slice(0, 200)}）。`));
    },
    error: (err) =>
      refuse(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `“${fileName}”结构异常或过大：读取时超出内存上限（${limits.memoryMb} MB），已停止读取。`
          : `读取“${fileName}”时出错（${err.message.slice(0, 200)}）。`,
      ),
    exit: (code) => refuse(`读取“${fileName}”的进程意外退出（${code}）。`),
  });
}

/** Reads a text, PDF or .docx into numbered lines; throws a typed refusal (PlanDeskError) on any bad file. */
export async function readDocument(bytes: Uint8Array, fileName: string, limits: DocumentReadLimits = LIMITS): Promise<ReadDocument> {
  const format = checkDocument(bytes, fileName);
  if (format === 'text') {
    const { text, encoding } = decodeText(bytes);
    return { fileName, format, lines: textLines(text, fileName), encoding, pages: null };
  }
  const { lines, pages } = await readInWorker({ bytes, fileName, format, pdfjs: pdfjsFiles(), deadline: Date.now() + limits.timeMs - 1000 }, limits);
  if (!lines.some((l) => l.text.trim() !== ''))
    throw refuse(
      format === 'pdf'
        ? `“${fileName}”没有可读取的文字（可能是扫描件或图片），请使用带文字层的 PDF，或 .docx / 纯文本。`
        : `“${fileName}”没有可读取的文字。`,
    );
  return { fileName, format, lines, encoding: null, pages };
}

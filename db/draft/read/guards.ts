/**
 * What a document must be before it is read for drafting, and the limits of the reading: a text,
 * a PDF or a .docx, not empty, not larger than a gazette issue could be. Every refusal is a typed
 * PlanDeskError with a Chinese message naming the file. Pure: reads only the given bytes.
 */
import { PlanDeskError } from '../../errors.ts';
import { zipEntries } from '../../import/guards.ts';
import type { DocumentFormat } from './types.ts';

/** Largest document accepted (a 100-page gazette issue as PDF is a few MB; scans are not read). */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;
/** Most PDF pages read (a gazette issue has 40–120). */
export const MAX_PAGES = 1_000;
/** Most lines handed to the drafter, and the longest line kept. */
export const MAX_LINES = 200_000;
export const MAX_LINE_CHARS = 20_000;
/** A .docx: most zip entries, most bytes inflated (checked against the directory and while inflating). */
export const MAX_DOCX_ENTRIES = 2_000;
export const MAX_DOCX_INFLATED = 256 * 1024 * 1024;
/** The reading worker (PDF, .docx): its heap and how long it may run before it is stopped. */
export const READ_MEMORY_MB = 768;
export const READ_TIME_LIMIT_MS = 60_000;

export function refuse(message: string): PlanDeskError {
  return new PlanDeskError('INVALID_INPUT', message);
}

export function tooManyLines(fileName: string): PlanDeskError {
  return refuse(`“${fileName}”超过 ${MAX_LINES.toLocaleString('en')} 行，远超一期公报的篇幅，不读取。`);
}

export function tooLargeInflated(fileName: string): PlanDeskError {
  return refuse(`“${fileName}”解压后超过 ${MAX_DOCX_INFLATED / 1048576} MB，远超正常公文的大小（可能是“压缩炸弹”），不读取。`);
}

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** A text file: no NUL bytes (unless UTF-16 with a byte-order mark), hardly any control bytes. */
function looksLikeText(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return true;
  const n = Math.min(bytes.length, 64 * 1024);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control <= n / 100;
}

/**
 * Decides what the file is, from its bytes (the name's extension only words the refusal): a PDF
 * (%PDF- within the first KiB, as readers accept), a .docx (a zip with word/document.xml, not
 * encrypted, no macros, not a zip bomb by its directory), or a text. Refuses anything else.
 */
export function checkDocument(bytes: Uint8Array, fileName: string): DocumentFormat {
  const lower = fileName.toLowerCase();
  if (bytes.length === 0) throw refuse(`文件“${fileName}”是空的。`);
  if (bytes.length > MAX_DOCUMENT_BYTES)
    throw refuse(`文件“${fileName}”有 ${(bytes.length / 1048576).toFixed(1)} MB，超过公文读取上限 ${MAX_DOCUMENT_BYTES / 1048576} MB。`);
  const head = bytes.subarray(0, 1024);
  for (let i = 0; i + PDF_MAGIC.length <= head.length; i++) if (startsWith(head.subarray(i), PDF_MAGIC)) return 'pdf';
  if (lower.endsWith('.pdf')) throw refuse(`“${fileName}”不是有效的 PDF 文件（可能是改了扩展名的其他文件，或已损坏），不能读取。`);
  if (startsWith(bytes, CFB_MAGIC))
    throw refuse(
      lower.endsWith('.doc')
        ? `“${fileName}”是旧版 Word 97-2003 (.doc) 文件，不能读取。请在 Word 或 WPS 中另存为 .docx 或 PDF 后再试。`
        : `“${fileName}”已加密（设有打开密码）或是旧版 Office 文件，不能读取。请取消密码并另存为 .docx 后再试。`,
    );
  if (startsWith(bytes, [0x50, 0x4b])) {
    const entries = zipEntries(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (!entries) throw refuse(`“${fileName}”已损坏（压缩结构不完整，可能下载或复制不完整），不能读取。`);
    if (entries.length > MAX_DOCX_ENTRIES) throw refuse(`“${fileName}”包含的部件过多（${entries.length} 个），不像正常的 Word 文档，不读取。`);
    if (entries.some((e) => e.encrypted)) throw refuse(`“${fileName}”的内容已加密，不能读取。`);
    if (entries.some((e) => /vbaProject\.bin$/i.test(e.name))) throw refuse(`“${fileName}”含有宏（VBA），为安全起见不读取。请另存为不含宏的 .docx 后再试。`);
    if (!entries.some((e) => e.name === 'word/document.xml'))
      throw refuse(`“${fileName}”是压缩文件，但不是 Word 文档（.docx），不能读取。`);
    const total = entries.reduce((s, e) => s + e.uncompressedSize, 0);
    if (total > MAX_DOCX_INFLATED || entries.some((e) => e.uncompressedSize === 0xffffffff)) throw tooLargeInflated(fileName);
    return 'docx';
  }
  if (/\.(docx|docm|dotx)$/.test(lower)) throw refuse(`“${fileName}”不是有效的 .docx 文档（可能是改了扩展名的其他文件，或已损坏），不能读取。`);
  if (looksLikeText(bytes)) return 'text';
  throw refuse(`“${fileName}”不是可读取的公文（纯文本、PDF 或 .docx），不能读取。`);
}

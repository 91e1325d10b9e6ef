/**
 * What a file must be before PlanDesk reads a single cell of it: a real .xlsx (zip with a workbook)
 * or a CSV text, not encrypted, not a macro workbook, not larger than a sensible plan. Every refusal
 * is a typed error with a Chinese message; nothing is written. Pure: reads only the given bytes.
 */
import { PlanDeskError } from '../errors.ts';

/** Largest file accepted for import (the web host's request limit is sized for this, base64 included). */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
/**
 * Largest total of uncompressed parts. Checked twice: against what the zip's directory claims
 * (before inflating anything) and against the bytes actually inflated while reading (a directory
 * may lie). A 100,000-task workbook as PlanDesk writes it inflates to about 100 MB.
 */
export const MAX_UNCOMPRESSED_BYTES = 384 * 1024 * 1024;
/** Most data rows read from one sheet (a 100,000-task plan fits with room to spare). */
export const MAX_ROWS_PER_SHEET = 200_000;
export const MAX_ZIP_ENTRIES = 2_000;
/** Most worksheets in a workbook (a plan workbook has a handful). */
export const MAX_SHEETS = 200;
/** Rightmost column that may hold a value (column ALL); empty styled cells further right are ignored. */
export const MAX_COLUMNS = 1_000;
/** Longest cell text: Excel's own limit for a cell, so no spreadsheet program writes a longer one. */
export const MAX_CELL_CHARS = 32_767;
/** Most non-empty cells and most characters of cell text in one file (what the reader hands on). */
export const MAX_CELLS = 5_000_000;
export const MAX_TEXT_CHARS = 150_000_000;
/** The reading worker: its heap limit and how long it may run before it is stopped. */
export const READ_MEMORY_MB = 768;
export const READ_TIME_LIMIT_MS = 90_000;

export type SpreadsheetKind = 'xlsx' | 'csv';

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  encrypted: boolean;
  flags: number;
  method: number;
  crc32: number;
  time: number;
  date: number;
  localOffset: number;
}

/** A refusal of the file, with the reason the UI says in another language (err.import.<reason>) and the file's name. */
function refuse(message: string, reason = 'unreadable', fileName = '', params: Record<string, string | number> = {}): PlanDeskError {
  return new PlanDeskError('INVALID_INPUT', message, [], { reason: `import.${reason}`, params: { file: fileName, ...params } });
}

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** Reads the zip's central directory (no inflating); null when the bytes are not a complete zip. */
export function zipEntries(buf: Buffer): ZipEntry[] | null {
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  const min = Math.max(0, buf.length - 65_557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const offset = buf.readUInt32LE(eocd + 16);
  if (offset + size > eocd) return null;
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const time = buf.readUInt16LE(p + 12);
    const date = buf.readUInt16LE(p + 14);
    const crc32 = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    if (localOffset + compressedSize > buf.length) return null;
    entries.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLen), compressedSize, uncompressedSize, encrypted: (flags & 1) === 1,
      flags, method, crc32, time, date, localOffset,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** UTF-16 text: a byte-order mark, or (without one) the zero bytes of ASCII at every other position. */
export function utf16Order(buf: Buffer): 'utf-16le' | 'utf-16be' | null {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return 'utf-16le';
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return 'utf-16be';
  const n = Math.min(buf.length, 64 * 1024) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZero++;
    if (buf[i + 1] === 0) oddZero++;
  }
  // Chinese text in UTF-16 has zero bytes only in its ASCII (digits, separators, line ends): few, but
  // all on one side; UTF-8 or GB18030 text has none, and binary files have them on both sides.
  const least = Math.max(2, (n / 2) * 0.02);
  if (oddZero >= least && evenZero * 20 <= oddZero) return 'utf-16le';
  if (evenZero >= least && oddZero * 20 <= evenZero) return 'utf-16be';
  return null;
}

function looksLikeText(buf: Buffer): boolean {
  if (utf16Order(buf)) return true;
  const sample = buf.subarray(0, 64 * 1024);
  // Text (UTF-8 or the GB18030 that Chinese Excel/WPS write): no NUL bytes, hardly any control bytes.
  let control = 0;
  for (const b of sample) {
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control <= sample.length / 100;
}

/**
 * Decides whether the file may be read and as what. Refuses: empty or oversized files, encrypted
 * (OLE/CFB container) or old .xls workbooks, macro workbooks, damaged or foreign zips, zip bombs,
 * binary files that are not spreadsheets.
 */
export function checkImportFile(bytes: Buffer, fileName: string): SpreadsheetKind {
  const lower = fileName.toLowerCase();
  if (bytes.length === 0) throw refuse(`文件“${fileName}”是空的。`, 'empty', fileName);
  if (bytes.length > MAX_IMPORT_BYTES)
    throw refuse(`文件“${fileName}”有 ${(bytes.length / 1048576).toFixed(1)} MB，超过导入上限 ${MAX_IMPORT_BYTES / 1048576} MB。请拆分后再导入。`, 'tooBig', fileName, { mb: Number((bytes.length / 1048576).toFixed(1)), limit: MAX_IMPORT_BYTES / 1048576 });
  if (/\.(xlsm|xltm|xlam|xlsb)$/.test(lower)) throw refuse(`“${fileName}”是带宏或二进制格式的工作簿，为安全起见不导入。请另存为 .xlsx（不含宏）后再导入。`, 'macro', fileName);
  if (startsWith(bytes, CFB_MAGIC)) {
    throw refuse(
      lower.endsWith('.xls')
        ? `“${fileName}”是旧版 Excel 97-2003 (.xls) 文件，不能导入。请在 Excel 或 WPS 中另存为 .xlsx 后再导入。`
        : `“${fileName}”已加密（设有打开密码）或不是 .xlsx 工作簿，不能导入。请取消密码并另存为 .xlsx 后再导入。`,
      lower.endsWith('.xls') ? 'oldXls' : 'encrypted',
      fileName,
    );
  }
  if (startsWith(bytes, [0x50, 0x4b])) {
    const entries = zipEntries(bytes);
    if (!entries) throw refuse(`“${fileName}”已损坏（压缩结构不完整，可能下载或复制不完整），不能导入。`, 'damaged', fileName);
    if (entries.length > MAX_ZIP_ENTRIES) throw refuse(`“${fileName}”包含的部件过多（${entries.length} 个），不像正常的工作簿，不导入。`, 'tooLarge', fileName);
    if (entries.some((e) => e.encrypted)) throw refuse(`“${fileName}”的内容已加密，不能导入。`, 'encrypted', fileName);
    if (entries.some((e) => /vbaProject\.bin$/i.test(e.name))) throw refuse(`“${fileName}”含有宏（VBA），为安全起见不导入。请另存为不含宏的 .xlsx 后再导入。`, 'macro', fileName);
    if (!entries.some((e) => e.name === 'xl/workbook.xml') || !entries.some((e) => e.name === '[Content_Types].xml'))
      throw refuse(`“${fileName}”是压缩文件，但不是 Excel 工作簿（.xlsx），不能导入。`, 'notSpreadsheet', fileName);
    const total = entries.reduce((s, e) => s + e.uncompressedSize, 0);
    if (total > MAX_UNCOMPRESSED_BYTES || entries.some((e) => e.uncompressedSize === 0xffffffff))
      throw refuse(`“${fileName}”解压后超过 ${MAX_UNCOMPRESSED_BYTES / 1048576} MB，远超正常规划的大小，不导入。`, 'tooLarge', fileName);
    return 'xlsx';
  }
  if (/\.(xlsx|xltx)$/.test(lower)) throw refuse(`“${fileName}”不是有效的 .xlsx 工作簿（可能是改了扩展名的其他文件，或已损坏），不能导入。`, 'damaged', fileName);
  if (looksLikeText(bytes)) {
    if (/\.(csv|txt|tsv)$/.test(lower)) return 'csv';
    throw refuse(`“${fileName}”是文本文件，但扩展名不是 .csv，不能确定其格式。请另存为 .xlsx 或 .csv 后再导入。`, 'textNotCsv', fileName);
  }
  throw refuse(`“${fileName}”不是电子表格（.xlsx 或 .csv），不能导入。`, 'notSpreadsheet', fileName);
}

/** Thrown while reading when a sheet goes past MAX_ROWS_PER_SHEET; reading stops right there. */
export function tooManyRows(fileName: string, sheet: string): PlanDeskError {
  return refuse(`“${fileName}”的工作表“${sheet}”超过 ${MAX_ROWS_PER_SHEET.toLocaleString('en')} 行，远超正常规划的大小，不导入。`, 'tooManyRows', fileName, { sheet, limit: MAX_ROWS_PER_SHEET });
}

/** Thrown while reading when what is actually inflated passes MAX_UNCOMPRESSED_BYTES. */
export function tooLargeInflated(fileName: string): PlanDeskError {
  return refuse(`“${fileName}”解压后超过 ${MAX_UNCOMPRESSED_BYTES / 1048576} MB，远超正常规划的大小（可能是“压缩炸弹”），不导入。`, 'tooLarge', fileName);
}

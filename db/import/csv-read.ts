/**
 * A CSV or text export as one sheet. Encoding: a byte-order mark decides (UTF-8, UTF-16 LE/BE);
 * without one, UTF-16 is recognised by its zero bytes (guards.ts utf16Order), then UTF-8 is tried
 * strictly, and a file that is not valid UTF-8 is scored: one that is mostly valid UTF-8 Chinese
 * with a few broken bytes is a damaged UTF-8 file and is refused naming the line (read as GB18030 it
 * would silently become mojibake), while GB18030/GBK text (what Chinese Excel and WPS save as CSV) has
 * hardly any valid UTF-8 sequences and is read as GB18030. Separator: comma, tab (Excel's "Unicode
 * 文本") or semicolon, whichever splits the first lines most consistently.
 */
import { PlanDeskError } from '../errors.ts';
import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS_PER_SHEET, tooManyRows, utf16Order } from './guards.ts';
import { parseCsv } from '../export/csv.ts';
import type { SheetIn } from './read-types.ts';

const refuse = (message: string, reason: string, file: string) => new PlanDeskError('INVALID_INPUT', message, [], { reason: `import.${reason}`, params: { file } });

/** Valid multi-byte sequences and the offset of each invalid byte, scanning as UTF-8. */
function utf8Score(b: Uint8Array): { valid: number; invalid: number[] } {
  let valid = 0;
  const invalid: number[] = [];
  let lastBad = -2;
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= b.length;
    for (let k = 1; ok && k < len; k++) ok = (b[i + k]! & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += len;
    } else {
      // consecutive bad bytes are one bad place
      if (invalid.length < 1000 && lastBad !== i - 1) invalid.push(i);
      lastBad = i;
      i++;
    }
  }
  return { valid, invalid };
}

const lineOf = (b: Uint8Array, offset: number) => {
  let line = 1;
  for (let i = 0; i < offset; i++) if (b[i] === 0x0a) line++;
  return line;
};

export function decodeCsvBytes(bytes: Buffer, fileName: string): string {
  const utf16 = utf16Order(bytes);
  if (utf16) {
    const body = bytes[0] === 0xff || bytes[0] === 0xfe ? bytes.subarray(2) : bytes;
    try {
      return new TextDecoder(utf16, { fatal: true }).decode(body);
    } catch {
      throw refuse(`“${fileName}”是 UTF-16（Unicode 文本）文件，但其中有无法识别的字符，可能已损坏，不能导入。`, 'encoding', fileName);
    }
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    // Not valid UTF-8: a damaged UTF-8 file, or GB18030/GBK.
  }
  const { valid, invalid } = utf8Score(body);
  if (body !== bytes || valid >= 4 * invalid.length) {
    const first = invalid[0] ?? 0;
    throw refuse(
      `“${fileName}”是 UTF-8 编码，但第 ${lineOf(body, first)} 行有 ${invalid.length >= 1000 ? '许多' : invalid.length} 处无法识别的字节（文件可能已损坏），为免导入乱码，不导入。请检查该行，或在 Excel/WPS 中重新另存为“CSV UTF-8”后再导入。`,
      'encoding',
      fileName,
    );
  }
  try {
    return new TextDecoder('gb18030', { fatal: true }).decode(body);
  } catch {
    throw refuse(`“${fileName}”既不是有效的 UTF-8 文本，也不是有效的 GB18030/GBK 文本，不能识别其编码，不导入。请另存为“CSV UTF-8”后再导入。`, 'encoding', fileName);
  }
}

/** The separator that splits the first lines (outside quotes) into the same number of fields most often. */
export function detectSeparator(text: string): ',' | '\t' | ';' {
  const lines: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length && lines.length < 50; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    if (!quoted && (c === '\n' || c === '\r')) {
      if (cur.trim()) lines.push(cur);
      cur = '';
    } else if (!quoted) cur += c;
  }
  if (cur.trim() && lines.length < 50) lines.push(cur);
  let best: { sep: ',' | '\t' | ';'; score: number } = { sep: ',', score: -1 };
  for (const sep of [',', '\t', ';'] as const) {
    const counts = lines.map((l) => l.split(sep).length - 1);
    const freq = new Map<number, number>();
    for (const n of counts) if (n > 0) freq.set(n, (freq.get(n) ?? 0) + 1);
    const [mode, times] = [...freq.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [0, 0];
    const score = times * 1000 + mode;
    if (score > best.score) best = { sep, score };
  }
  return best.sep;
}

export function readCsvSheet(bytes: Buffer, fileName: string): SheetIn[] {
  const text = decodeCsvBytes(bytes, fileName);
  const rows = parseCsv(text, detectSeparator(text));
  const name = fileName.replace(/\.[^.]+$/, '');
  if (rows.length > MAX_ROWS_PER_SHEET + 10) throw tooManyRows(fileName, name);
  const out: SheetIn = { name, rows: [] };
  rows.forEach((cells, i) => {
    const values = cells.map((c) => (c === '' ? null : c));
    values.forEach((c, col) => {
      if (c === null) return;
      if (col >= MAX_COLUMNS) throw refuse(`“${fileName}”第 ${i + 1} 行超过 ${MAX_COLUMNS.toLocaleString('en')} 列，不像正常的规划表，不导入。`, 'tooLarge', fileName);
      if (c.length > MAX_CELL_CHARS) throw refuse(`“${fileName}”第 ${i + 1} 行第 ${col + 1} 列有 ${c.length.toLocaleString('en')} 个字符，超过单元格上限 ${MAX_CELL_CHARS.toLocaleString('en')}，不导入。`, 'tooLarge', fileName);
    });
    if (values.some((c) => c !== null)) out.rows.push({ n: i + 1, cells: values });
  });
  return [out];
}

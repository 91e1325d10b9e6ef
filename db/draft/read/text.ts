/**
 * A plain-text document: decoded as UTF-8 when it is valid UTF-8 (with or without a byte-order mark),
 * as UTF-16 with a byte-order mark, else as GB18030 (the superset of GBK/GB2312 that Chinese Windows
 * and WPS save), with the WHATWG TextDecoder (Node's and Electron's full ICU carry gb18030, so no
 * iconv is needed). Every line is kept with the file's own line number, empty ones too.
 */
import { MAX_LINE_CHARS, MAX_LINES, refuse, tooManyLines } from './guards.ts';
import type { DocumentLine } from './types.ts';

export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const has = (...magic: number[]) => magic.every((b, i) => bytes[i] === b);
  if (has(0xef, 0xbb, 0xbf)) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (has(0xff, 0xfe)) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (has(0xfe, 0xff)) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** The lines of a text (\n, \r\n or \r), numbered from 1; a final line end does not make an empty last line. */
export function textLines(text: string, fileName: string): DocumentLine[] {
  const parts = text.split(/\r\n|\r|\n/);
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length > MAX_LINES) throw tooManyLines(fileName);
  return parts.map((t, i) => {
    if (t.length > MAX_LINE_CHARS) throw refuse(`“${fileName}”第 ${i + 1} 行超过 ${MAX_LINE_CHARS.toLocaleString('en')} 个字符，不像公文的文字，不读取。`);
    return { text: t, page: null, line: i + 1 };
  });
}

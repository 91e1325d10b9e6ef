/**
 * Reads the cell values of an .xlsx: shared strings, inline strings, numbers, booleans, errors,
 * dates (by the cell's number format) and formulas as their cached values. Sheets are inflated and
 * scanned as a stream, row by row, so a sheet past the row limit is refused without inflating the
 * rest. Written here rather than using ExcelJS's streaming reader, which decodes each inflated chunk
 * on its own and so garbles a Chinese character split across two chunks.
 */
import zlib from 'node:zlib';
import { StringDecoder } from 'node:string_decoder';
import { PlanDeskError } from '../errors.ts';
import { MAX_ROWS_PER_SHEET, tooManyRows, type ZipEntry } from './guards.ts';
import type { CellIn, RowIn, SheetIn } from './read.ts';

function damaged(fileName: string, what: string): PlanDeskError {
  return new PlanDeskError('INVALID_INPUT', `“${fileName}”已损坏或不是有效的 .xlsx 工作簿（${what}），不能导入。`);
}

function rawData(buf: Buffer, e: ZipEntry, fileName: string): Buffer {
  const lo = e.localOffset;
  if (lo + 30 > buf.length || buf.readUInt32LE(lo) !== 0x04034b50) throw damaged(fileName, `部件 ${e.name} 的位置不对`);
  const start = lo + 30 + buf.readUInt16LE(lo + 26) + buf.readUInt16LE(lo + 28);
  if (start + e.compressedSize > buf.length) throw damaged(fileName, `部件 ${e.name} 不完整`);
  if (e.method !== 0 && e.method !== 8) throw damaged(fileName, `部件 ${e.name} 的压缩方式不支持`);
  return buf.subarray(start, start + e.compressedSize);
}

function inflateWhole(buf: Buffer, e: ZipEntry, fileName: string): string {
  const data = rawData(buf, e, fileName);
  try {
    return (e.method === 0 ? data : zlib.inflateRawSync(data)).toString('utf8');
  } catch {
    throw damaged(fileName, `部件 ${e.name} 无法解压`);
  }
}

/** Inflates a part piece by piece as text (multi-byte characters split between pieces stay whole). */
async function* inflateText(buf: Buffer, e: ZipEntry, fileName: string): AsyncGenerator<string> {
  const data = rawData(buf, e, fileName);
  const decoder = new StringDecoder('utf8');
  if (e.method === 0) {
    yield decoder.write(data) + decoder.end();
    return;
  }
  const inflate = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
  inflate.end(data);
  try {
    for await (const chunk of inflate) yield decoder.write(chunk as Buffer);
  } catch {
    throw damaged(fileName, `部件 ${e.name} 无法解压`);
  } finally {
    inflate.destroy();
  }
  yield decoder.end();
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXml(s: string): string {
  if (s.indexOf('&') < 0 && s.indexOf('_x') < 0) return s;
  return s
    .replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITY[e] ?? ''),
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The text of an <si> or <is>: its <t> runs, without phonetic guides (<rPh>). */
function runText(xml: string): string {
  const noPhonetic = xml.indexOf('rPh') >= 0 ? xml.replace(/<(\w+:)?rPh\b[\s\S]*?<\/(\w+:)?rPh>/g, '') : xml;
  let out = '';
  const re = /<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g;
  for (let m = re.exec(noPhonetic); m; m = re.exec(noPhonetic)) out += m[1] ?? '';
  return decodeXml(out);
}

function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  const re = /<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\/>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(m[1] === undefined ? '' : runText(m[1]));
  return out;
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** For each cell style index: does its number format show a date? */
function dateStyles(xml: string | null): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b[^>]*?numFmtId="(\d+)"[^>]*?formatCode="([^"]*)"/g)) custom.set(Number(m[1]), decodeXml(m[2] ?? ''));
  const isDate = (id: number) => {
    if (BUILTIN_DATE_FORMATS.has(id)) return true;
    const code = custom.get(id);
    if (!code) return false;
    const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
    return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare);
  };
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  return [...xfs.matchAll(/<(?:\w+:)?xf\b([^>]*)/g)].map((m) => isDate(Number(/numFmtId="(\d+)"/.exec(m[1] ?? '')?.[1] ?? 0)));
}

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

const attrRes = new Map<string, RegExp>();
function attr(attrs: string, name: string): string | undefined {
  let re = attrRes.get(name);
  if (!re) attrRes.set(name, (re = new RegExp(`\\b${name}="([^"]*)"`)));
  return re.exec(attrs)?.[1];
}

function parseCell(attrs: string, body: string, strings: string[], dates: boolean[]): CellIn {
  const t = attr(attrs, 't') ?? 'n';
  const v = /<(?:\w+:)?v>([\s\S]*?)<\/(?:\w+:)?v>/.exec(body)?.[1];
  const f = /<(?:\w+:)?f\b[^>]*>([\s\S]*?)<\/(?:\w+:)?f>/.exec(body)?.[1] ?? (/<(?:\w+:)?f\b[^>]*\/>/.test(body) ? '(共享公式)' : undefined);
  if (t === 'inlineStr') return runText(/<(?:\w+:)?is>([\s\S]*?)<\/(?:\w+:)?is>/.exec(body)?.[1] ?? '');
  if (v === undefined) return f !== undefined ? { noResult: decodeXml(f) } : null;
  switch (t) {
    case 's':
      return strings[Number(v)] ?? '';
    case 'str':
      return decodeXml(v);
    case 'b':
      return v === '1';
    case 'e':
      return { error: decodeXml(v) };
    case 'd':
      return new Date(v);
    default: {
      const n = Number(v);
      if (!Number.isFinite(n)) return decodeXml(v);
      const s = attr(attrs, 's');
      if (s !== undefined && dates[Number(s)]) return new Date(Math.round((n - 25569) * 86400000));
      return n;
    }
  }
}

const ROW_RE = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
const CELL_RE = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;

function resolveTarget(target: string): string {
  const t = target.replace(/^\/+/, '');
  return t.startsWith('xl/') ? t : `xl/${t}`;
}

/** Every sheet of the workbook, in workbook order, each row with its cells (index 0 = column A). */
export async function readXlsxCells(buf: Buffer, entries: readonly ZipEntry[], fileName: string, onProgress?: (rows: number) => void): Promise<SheetIn[]> {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const part = (name: string) => byName.get(name);
  const workbook = part('xl/workbook.xml');
  if (!workbook) throw damaged(fileName, '缺少 workbook.xml');
  const wbXml = inflateWhole(buf, workbook, fileName);
  const relsEntry = part('xl/_rels/workbook.xml.rels');
  const rels = new Map<string, string>();
  if (relsEntry) {
    for (const m of inflateWhole(buf, relsEntry, fileName).matchAll(/<(?:\w+:)?Relationship\b([^>]*)/g)) {
      const id = attr(m[1] ?? '', 'Id');
      const target = attr(m[1] ?? '', 'Target');
      if (id && target) rels.set(id, resolveTarget(target));
    }
  }
  const ss = part('xl/sharedStrings.xml');
  const strings = ss ? sharedStrings(inflateWhole(buf, ss, fileName)) : [];
  const st = part('xl/styles.xml');
  const dates = dateStyles(st ? inflateWhole(buf, st, fileName) : null);

  const sheets: SheetIn[] = [];
  let total = 0;
  const sheetTags = [...wbXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)];
  if (!sheetTags.length) throw damaged(fileName, '没有工作表');
  for (const [i, m] of sheetTags.entries()) {
    const attrs = m[1] ?? '';
    const name = decodeXml(attr(attrs, 'name') ?? `Sheet${i + 1}`);
    const rid = /\br:id="([^"]*)"|\bid="([^"]*)"/.exec(attrs);
    const target = rels.get(rid?.[1] ?? rid?.[2] ?? '') ?? `xl/worksheets/sheet${i + 1}.xml`;
    const entry = part(target);
    if (!entry) throw damaged(fileName, `缺少工作表“${name}”的内容`);
    const sheet: SheetIn = { name, rows: [] };
    let pending = '';
    let lastRow = 0;
    for await (const text of inflateText(buf, entry, fileName)) {
      pending += text;
      // Parse only complete rows; keep the tail for the next piece.
      const end = /<\/(?:\w+:)?sheetData>/.test(pending) ? pending.length : lastRowEnd(pending);
      if (end <= 0) continue;
      const chunk = pending.slice(0, end);
      pending = pending.slice(end);
      ROW_RE.lastIndex = 0;
      for (let r = ROW_RE.exec(chunk); r; r = ROW_RE.exec(chunk)) {
        const n = Number(attr(r[1] ?? '', 'r') ?? lastRow + 1);
        lastRow = n;
        if (n > MAX_ROWS_PER_SHEET + 10) throw tooManyRows(fileName, name);
        const cells: CellIn[] = [];
        const body = r[2] ?? '';
        CELL_RE.lastIndex = 0;
        let col = -1;
        for (let c = CELL_RE.exec(body); c; c = CELL_RE.exec(body)) {
          const ref = attr(c[1] ?? '', 'r');
          col = ref ? columnIndex(ref) : col + 1;
          if (col < 0 || col > 16_383) continue;
          const value = parseCell(c[1] ?? '', c[2] ?? '', strings, dates);
          while (cells.length < col) cells.push(null);
          cells[col] = value;
        }
        if (cells.some((x) => x !== null && x !== '')) sheet.rows.push({ n, cells } satisfies RowIn);
        if (++total % 5000 === 0) onProgress?.(total);
      }
    }
    sheets.push(sheet);
  }
  onProgress?.(total);
  return sheets;
}

function lastRowEnd(text: string): number {
  const a = text.lastIndexOf('</row>');
  if (a >= 0) return a + 6;
  const b = text.lastIndexOf(':row>');
  if (b >= 0 && /<\/\w+$/.test(text.slice(Math.max(0, b - 20), b))) return b + 5;
  return -1;
}

/**
 * The workbook-wide parts of an .xlsx: the sheet list (names, hidden state, which part each is), the
 * date system, the shared strings and which cell styles show a date or a percent. Every count and
 * length is checked as it is parsed (MAX_SHEETS, MAX_CELL_CHARS, MAX_TEXT_CHARS).
 */
import { PlanDeskError } from '../errors.ts';
import { MAX_CELL_CHARS, MAX_SHEETS, MAX_TEXT_CHARS } from './guards.ts';
import { classifyFormat, type NumberKind } from './number-format.ts';
import { attribute, damaged, type XlsxZip } from './zip-parts.ts';

export interface SheetRef {
  name: string;
  hidden: boolean;
  /** the zip part, or null for a chart sheet or other non-worksheet */
  part: string | null;
}

export interface WorkbookInfo {
  sheets: SheetRef[];
  date1904: boolean;
  /** the shared strings, or null once handed to the host (cells then carry their index) */
  strings: string[] | null;
  stringLengths: Uint32Array;
  /** per cell style index (the `s` of a cell): what its number format makes of a number */
  styles: NumberKind[];
}

/** "_x000D_" and the like: how OOXML writes characters XML cannot hold. */
export function unescapeOoxml(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}

const tooLong = (fileName: string, where: string, n: number) =>
  new PlanDeskError('INVALID_INPUT', `“${fileName}”${where}有 ${n.toLocaleString('en')} 个以上的字符，超过单元格上限 ${MAX_CELL_CHARS.toLocaleString('en')}，不导入。`, [], {
    reason: 'import.tooLarge',
    params: { file: fileName },
  });

/** Collects the text of <t> runs inside `item` elements (<si> of shared strings, <is> of a cell), without phonetic guides. */
export class RunText {
  private collected = '';
  private inT = false;
  private phonetic = 0;
  constructor(private readonly onTooLong: (n: number) => never) {}
  open(name: string): void {
    if (name === 'rPh') this.phonetic++;
    else if (name === 't' && this.phonetic === 0) this.inT = true;
  }
  close(name: string): void {
    if (name === 'rPh') this.phonetic--;
    else if (name === 't') this.inT = false;
  }
  text(t: string): void {
    if (!this.inT) return;
    const length = this.collected.length + t.length;
    if (length > MAX_CELL_CHARS) this.onTooLong(length);
    this.collected += t; // one <t> is one text event as a rule: no array per item
  }
  take(): string {
    const s = unescapeOoxml(this.collected);
    this.collected = '';
    this.inT = false;
    this.phonetic = 0;
    return s;
  }
}

async function sheetList(zip: XlsxZip, fileName: string): Promise<{ sheets: { name: string; hidden: boolean; rid: string }[]; date1904: boolean }> {
  const sheets: { name: string; hidden: boolean; rid: string }[] = [];
  let date1904 = false;
  await zip.parse('xl/workbook.xml', {
    open(name, tag) {
      if (name === 'workbookPr') date1904 = /^(1|true)$/i.test(attribute(tag, 'date1904') ?? '');
      else if (name === 'sheet') {
        if (sheets.length >= MAX_SHEETS) throw new PlanDeskError('INVALID_INPUT', `“${fileName}”有超过 ${MAX_SHEETS} 个工作表，不像正常的规划工作簿，不导入。`, [], { reason: 'import.tooLarge', params: { file: fileName } });
        const state = attribute(tag, 'state') ?? 'visible';
        sheets.push({ name: attribute(tag, 'name') ?? `Sheet${sheets.length + 1}`, hidden: state !== 'visible', rid: attribute(tag, 'id', true) ?? '' });
      }
    },
    close() {},
    text() {},
  });
  if (!sheets.length) throw damaged(fileName, '没有工作表');
  return { sheets, date1904 };
}

async function relationships(zip: XlsxZip): Promise<Map<string, { target: string; type: string }>> {
  const rels = new Map<string, { target: string; type: string }>();
  const part = 'xl/_rels/workbook.xml.rels';
  if (!zip.has(part)) return rels;
  await zip.parse(part, {
    open(name, tag) {
      if (name !== 'Relationship' || attribute(tag, 'TargetMode') === 'External') return;
      const id = attribute(tag, 'Id');
      const target = attribute(tag, 'Target');
      if (id && target) rels.set(id, { target: resolveTarget('xl/workbook.xml', target), type: attribute(tag, 'Type') ?? '' });
    },
    close() {},
    text() {},
  });
  return rels;
}

async function sharedStrings(zip: XlsxZip, fileName: string, part: string | null): Promise<string[]> {
  const out: string[] = [];
  if (!part || !zip.has(part)) return out;
  let total = 0;
  let inSi = false;
  const run = new RunText((n) => {
    throw tooLong(fileName, `的共享文本第 ${out.length + 1} 项`, n);
  });
  await zip.parse(part, {
    open(name) {
      if (name === 'si') inSi = true;
      else if (inSi) run.open(name);
    },
    close(name) {
      if (name === 'si') {
        const s = run.take();
        total += s.length;
        if (total > MAX_TEXT_CHARS) throw new PlanDeskError('INVALID_INPUT', `“${fileName}”的文本总量超过 ${MAX_TEXT_CHARS.toLocaleString('en')} 个字符，远超正常规划的大小，不导入。`, [], { reason: 'import.tooLarge', params: { file: fileName } });
        out.push(s);
        inSi = false;
      } else if (inSi) run.close(name);
    },
    text(t) {
      if (inSi) run.text(t);
    },
  });
  return out;
}

async function numberStyles(zip: XlsxZip, part: string | null): Promise<NumberKind[]> {
  if (!part || !zip.has(part)) return [];
  const codes = new Map<number, string>();
  const xfIds: number[] = [];
  let inCellXfs = false;
  await zip.parse(part, {
    open(name, tag) {
      // numFmtId and formatCode may come in either order, quoted either way: read as attributes.
      if (name === 'numFmt') codes.set(Number(attribute(tag, 'numFmtId')), attribute(tag, 'formatCode') ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfIds.push(Number(attribute(tag, 'numFmtId') ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  const kinds = new Map<number, NumberKind>();
  return xfIds.map((id) => {
    if (!kinds.has(id)) kinds.set(id, classifyFormat(id, codes.get(id)));
    return kinds.get(id) ?? null;
  });
}

/** Reads everything but the sheets' cells. */
export async function readWorkbookInfo(zip: XlsxZip, fileName: string): Promise<WorkbookInfo> {
  const { sheets, date1904 } = await sheetList(zip, fileName);
  const rels = await relationships(zip);
  const byType = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target ?? null;
  const used = new Map<string, string>();
  const refs: SheetRef[] = sheets.map((s, i) => {
    const rel = rels.get(s.rid);
    const part = rel ? rel.target : `xl/worksheets/sheet${i + 1}.xml`;
    if (rel && !rel.type.endsWith('/worksheet')) return { name: s.name, hidden: s.hidden, part: null };
    if (!zip.has(part)) throw damaged(fileName, `缺少工作表“${s.name}”的内容`);
    const other = used.get(part);
    if (other !== undefined) throw damaged(fileName, `工作表“${other}”和“${s.name}”指向同一份内容`);
    used.set(part, s.name);
    return { name: s.name, hidden: s.hidden, part };
  });
  const strings = await sharedStrings(zip, fileName, byType('/sharedStrings') ?? (zip.has('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : null));
  const styles = await numberStyles(zip, byType('/styles') ?? (zip.has('xl/styles.xml') ? 'xl/styles.xml' : null));
  return { sheets: refs, date1904, strings, stringLengths: Uint32Array.from(strings, (x) => x.length), styles };
}

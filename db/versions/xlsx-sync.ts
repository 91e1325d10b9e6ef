/**
 * ExcelJS workbook → xlsx bytes, synchronously. The contract's handlers are synchronous (db/dispatch.ts)
 * and ExcelJS only offers async writers, but its part renderers are synchronous: this calls them
 * (the same steps as ExcelJS 4.4.0's lib/xlsx/xlsx.js `writeBuffer`, pinned in package.json) into a
 * collecting zip, checks every part was produced, and zips with node:zlib. No images (addMedia is
 * the one truly async step). tests/versions/export.test.ts reads the result back with ExcelJS and
 * openpyxl.
 */
import zlib from 'node:zlib';
import type ExcelJS from 'exceljs';
import { PlanDeskError } from '../errors.ts';

type Zip = { append(data: string | Buffer, options: { name: string }): void };
type Step = (zip: Zip, model: unknown) => unknown;
interface XlsxInternals {
  prepareModel(model: unknown, options: object): void;
  addContentTypes: Step; addOfficeRels: Step; addWorkbookRels: Step; addWorksheets: Step; addSharedStrings: Step;
  addDrawings: Step; addTables: Step; addThemes: Step; addStyles: Step; addApp: Step; addCore: Step; addWorkbook: Step;
}

const STEPS = [
  'addContentTypes', 'addOfficeRels', 'addWorkbookRels', 'addWorksheets', 'addSharedStrings', 'addDrawings',
  'addTables', 'addThemes', 'addStyles', 'addApp', 'addCore', 'addWorkbook',
] as const;

export function workbookBytesSync(wb: ExcelJS.Workbook): Buffer {
  // ExcelJS's renderers are internal; this is the one place that reaches them.
  const x = wb.xlsx as unknown as XlsxInternals;
  const model = wb.model as unknown as { worksheets: { id: number }[] };
  const files: { name: string; data: Buffer }[] = [];
  const zip: Zip = { append: (data, o) => files.push({ name: o.name, data: typeof data === 'string' ? Buffer.from(data, 'utf8') : data }) };
  x.prepareModel(model, {});
  for (const step of STEPS) {
    const r = x[step](zip, model);
    // async-declared steps run their (synchronous) bodies at once; a failure shows as a missing part below
    if (r instanceof Promise) r.catch(() => undefined);
  }
  const names = new Set(files.map((f) => f.name));
  const expected = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'docProps/app.xml', 'docProps/core.xml',
    ...model.worksheets.map((w) => `xl/worksheets/sheet${w.id}.xml`)];
  const missing = expected.filter((n) => !names.has(n));
  if (missing.length) throw new PlanDeskError('INTERNAL', `生成 xlsx 文件失败（缺少 ${missing.join('、')}）`);
  return zipSync(files);
}

/** A plain zip (deflate, no zip64): enough for a comparison workbook. */
export function zipSync(files: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const DOS_TIME = 0;
  const DOS_DATE = (1 << 5) | 1; // 1980-01-01
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const packed = zlib.deflateRawSync(f.data);
    const crc = zlib.crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(f.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/**
 * Pictures (chart PNGs) on a sheet of a streaming ExcelJS workbook. ExcelJS 4.4's streaming writer
 * stores media but cannot anchor a picture on a sheet, so this puts the drawing parts of drawing.ts
 * into the workbook through the writer's private members. This is the ONE file that touches ExcelJS
 * internals (exceljs 4.4.0, lib/stream/xlsx/*-writer.js, pinned in package.json):
 *   workbook: zip.append(source, {name}), addImage({buffer, extension}), getImage(id).name, commit()
 *   sheet:    _sheetRelsWriter.addRelationship({Target, Type}) → rId, _writeLegacyData(), _write(text)
 * `excelJsProblems()` checks they are there; addPictures refuses with that list rather than write a
 * broken file, and tests/export/xlsx-pictures.test.ts fails on any ExcelJS change that moves them.
 * State (the drawing numbers) is kept per workbook, so two exports at once never share a counter.
 */
import type ExcelJS from 'exceljs';
import { PlanDeskError } from '../../errors.ts';
import { REL_DRAWING, drawingParts, withDrawingTypes, type PictureIn } from './drawing.ts';

export { pngSize, type PictureIn } from './drawing.ts';

interface ZipLike {
  append(source: string | Buffer, options: { name: string }): unknown;
}
interface WorkbookInternals {
  zip: ZipLike;
  addImage(image: { buffer: Buffer; extension: 'png' }): number;
  getImage(id: number): { name: string } | undefined;
  commit(): Promise<void>;
}
interface SheetInternals {
  _sheetRelsWriter: { addRelationship(rel: { Target: string; Type: string }): string };
  _writeLegacyData(): void;
  _write(text: string): void;
}

type Fn = (...args: never[]) => unknown;
const isFn = (f: unknown, arity: number): f is Fn => typeof f === 'function' && f.length === arity;

/** The private members this file uses that these objects lack (name and expected arity); [] when all are there. */
export function excelJsProblems(wb: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet): string[] {
  const book = wb as unknown as Record<string, unknown>;
  const sheet = ws as unknown as Record<string, unknown>;
  const zip = book.zip as Record<string, unknown> | undefined;
  const rels = sheet._sheetRelsWriter as Record<string, unknown> | undefined;
  const wanted: [string, unknown, number][] = [
    ['WorkbookWriter.zip.append(source, options)', zip?.append, 2],
    ['WorkbookWriter.addImage(image)', book.addImage, 1],
    ['WorkbookWriter.getImage(id)', book.getImage, 1],
    ['WorkbookWriter.commit()', book.commit, 0],
    ['WorksheetWriter._writeLegacyData()', sheet._writeLegacyData, 0],
    ['WorksheetWriter._write(text)', sheet._write, 1],
    ['WorksheetWriter._sheetRelsWriter.addRelationship(rel)', rels?.addRelationship, 1],
  ];
  return wanted.filter(([, f, n]) => !isFn(f, n)).map(([name]) => name);
}

function internalsOf(wb: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet): { book: WorkbookInternals; sheet: SheetInternals } {
  const problems = excelJsProblems(wb, ws);
  if (problems.length) {
    throw new PlanDeskError('INTERNAL', `本版 ExcelJS 的写入接口与 4.4.0 不同，无法把图片放进工作簿（缺少 ${problems.join('、')}；见 db/export/xlsx/images.ts）`);
  }
  return { book: wb as unknown as WorkbookInternals, sheet: ws as unknown as SheetInternals };
}

interface BookState {
  /** drawing part names in this workbook, drawing1… */
  drawings: string[];
  typesWritten: boolean;
}
const books = new WeakMap<ExcelJS.stream.xlsx.WorkbookWriter, BookState>();

/** The workbook's drawing state; on first use, teaches its zip to list the drawings' content type. */
function stateOf(wb: ExcelJS.stream.xlsx.WorkbookWriter, book: WorkbookInternals): BookState {
  const known = books.get(wb);
  if (known) return known;
  const state: BookState = { drawings: [], typesWritten: false };
  books.set(wb, state);
  // [Content_Types].xml is appended when the workbook commits: add an Override per drawing to it.
  const append = book.zip.append.bind(book.zip);
  book.zip.append = (source, options) => {
    if (options.name !== '[Content_Types].xml') return append(source, options);
    const patched = typeof source === 'string' ? withDrawingTypes(source, state.drawings) : null;
    if (patched === null) throw new PlanDeskError('INTERNAL', 'ExcelJS 写出的 [Content_Types].xml 与 4.4.0 不同，无法登记图片部件（见 db/export/xlsx/images.ts）');
    state.typesWritten = true;
    return append(patched, options);
  };
  // A commit that never wrote the content types would leave a file Excel refuses: fail instead.
  const commit = book.commit.bind(wb);
  book.commit = async () => {
    await commit();
    if (!state.typesWritten) throw new PlanDeskError('INTERNAL', 'ExcelJS 没有写出 [Content_Types].xml，工作簿中的图片无法登记（见 db/export/xlsx/images.ts）');
  };
  return state;
}

/** Anchors the pictures on the sheet. Call before the sheet is committed. */
export function addPictures(wb: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet, pictures: readonly PictureIn[]): void {
  if (!pictures.length) return;
  const { book, sheet } = internalsOf(wb, ws);
  const state = stateOf(wb, book);
  const name = `drawing${state.drawings.length + 1}`;
  state.drawings.push(name);
  const media = pictures.map((p) => {
    const image = book.getImage(book.addImage({ buffer: p.png, extension: 'png' }));
    if (!image) throw new PlanDeskError('INTERNAL', 'ExcelJS 没有保存图片（见 db/export/xlsx/images.ts）');
    return image.name;
  });
  for (const part of drawingParts(name, pictures, media)) book.zip.append(part.xml, { name: part.path });
  const rId = sheet._sheetRelsWriter.addRelationship({ Target: `../drawings/${name}.xml`, Type: REL_DRAWING });
  // <drawing> belongs after the page setup and header/footer, right before <legacyDrawing>.
  const writeLegacy = sheet._writeLegacyData.bind(sheet);
  sheet._writeLegacyData = () => {
    sheet._write(`<drawing r:id="${rId}"/>`);
    writeLegacy();
  };
}

/**
 * Pictures (chart PNGs) on a sheet of a streaming workbook. ExcelJS 4.4's streaming writer stores
 * media but cannot anchor a picture on a sheet, so this adds the three missing parts itself: the
 * drawing part (xl/drawings/drawingN.xml + its rels), the sheet's <drawing> element and relationship,
 * and the drawing's content type. Tied to exceljs 4.4.0 (pinned in package.json); the tests read
 * the pictures back with ExcelJS and with openpyxl.
 */
import type ExcelJS from 'exceljs';

export interface PictureIn {
  png: Buffer;
  /** top-left cell, 0-based */
  row: number;
  col: number;
  widthPx: number;
  heightPx: number;
  name: string;
}

const EMU_PER_PX = 9525;
const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const REL_IMAGE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image';

// The writer's internals this file relies on (exceljs 4.4.0, lib/stream/xlsx/*-writer.js).
interface ZipLike {
  append(source: string | Buffer, options: { name: string }): unknown;
}
interface WorkbookInternals {
  zip: ZipLike;
  addImage(image: { buffer: Buffer; extension: 'png' }): number;
  getImage(id: number): { name: string };
}
interface SheetInternals {
  _sheetRelsWriter: { addRelationship(rel: { Target: string; Type: string }): string };
  _writeLegacyData(): void;
  _write(text: string): void;
}

const xmlEscape = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);

let drawingCounter = 0;

/** Call before the sheet is committed. */
export function addPictures(wb: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet, pictures: readonly PictureIn[]): void {
  if (!pictures.length) return;
  const book = wb as unknown as WorkbookInternals;
  const sheet = ws as unknown as SheetInternals;
  const drawingName = `drawing${++drawingCounter}`;
  const rels: string[] = [];
  const anchors = pictures.map((p, i) => {
    const media = book.getImage(book.addImage({ buffer: p.png, extension: 'png' }));
    rels.push(`<Relationship Id="rId${i + 1}" Type="${REL_IMAGE}" Target="../media/${media.name}"/>`);
    const cx = p.widthPx * EMU_PER_PX;
    const cy = p.heightPx * EMU_PER_PX;
    return (
      `<xdr:oneCellAnchor><xdr:from><xdr:col>${p.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
      `<xdr:ext cx="${cx}" cy="${cy}"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="${i + 2}" name="${xmlEscape(p.name)}" descr="${xmlEscape(p.name)}"/>` +
      `<xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId${i + 1}"/>` +
      `<a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm>` +
      `<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor>`
    );
  });
  book.zip.append(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      anchors.join('') +
      '</xdr:wsDr>',
    { name: `xl/drawings/${drawingName}.xml` },
  );
  book.zip.append(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
    { name: `xl/drawings/_rels/${drawingName}.xml.rels` },
  );
  const rId = sheet._sheetRelsWriter.addRelationship({ Target: `../drawings/${drawingName}.xml`, Type: REL_DRAWING });
  // <drawing> belongs after the page setup and header/footer, right before <legacyDrawing>.
  const writeLegacy = sheet._writeLegacyData.bind(sheet);
  sheet._writeLegacyData = () => {
    sheet._write(`<drawing r:id="${rId}"/>`);
    writeLegacy();
  };
  // The drawing part needs its content type in [Content_Types].xml, written when the workbook commits.
  const append = book.zip.append.bind(book.zip);
  book.zip.append = (source, options) => {
    if (options.name === '[Content_Types].xml' && typeof source === 'string') {
      source = source.replace(
        '</Types>',
        `<Override PartName="/xl/drawings/${drawingName}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>`,
      );
    }
    return append(source, options);
  };
}

/** Width and height of a PNG from its IHDR chunk; null when the bytes are not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } | null {
  if (png.length < 24 || png.readUInt32BE(0) !== 0x89504e47 || png.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

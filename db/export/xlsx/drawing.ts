/**
 * The OOXML of pictures on a sheet, written by us (ExcelJS's streaming writer has none): the drawing
 * part with one anchored picture per chart, its relationships to the media, and the drawing's content
 * type. Plain strings from plain data, no ExcelJS: this part stays whichever writer zips the workbook
 * (docs/ARCHITECTURE.md, "Workbooks"). images.ts puts it into an ExcelJS workbook.
 */

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
export const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const REL_IMAGE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image';
const DRAWING_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const xmlEscape = (s: string) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);

/** `xl/drawings/<name>.xml` and its `.rels`; `media[i]` is the file name in xl/media/ of picture i. */
export function drawingParts(name: string, pictures: readonly PictureIn[], media: readonly string[]): { path: string; xml: string }[] {
  const anchors = pictures.map((p, i) => {
    const cx = Math.round(p.widthPx * EMU_PER_PX);
    const cy = Math.round(p.heightPx * EMU_PER_PX);
    return (
      `<xdr:oneCellAnchor><xdr:from><xdr:col>${p.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
      `<xdr:ext cx="${cx}" cy="${cy}"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="${i + 2}" name="${xmlEscape(p.name)}" descr="${xmlEscape(p.name)}"/>` +
      `<xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId${i + 1}"/>` +
      `<a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm>` +
      `<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor>`
    );
  });
  const rels = media.map((m, i) => `<Relationship Id="rId${i + 1}" Type="${REL_IMAGE}" Target="../media/${xmlEscape(m)}"/>`);
  return [
    {
      path: `xl/drawings/${name}.xml`,
      xml:
        XML_HEAD +
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        anchors.join('') +
        '</xdr:wsDr>',
    },
    {
      path: `xl/drawings/_rels/${name}.xml.rels`,
      xml: `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
    },
  ];
}

/** [Content_Types].xml with an Override for each drawing part; null when the text has no `</Types>`. */
export function withDrawingTypes(contentTypes: string, drawings: readonly string[]): string | null {
  if (!contentTypes.includes('</Types>')) return null;
  const overrides = drawings.map((d) => `<Override PartName="/xl/drawings/${d}.xml" ContentType="${DRAWING_TYPE}"/>`).join('');
  return contentTypes.replace('</Types>', `${overrides}</Types>`);
}

/** Width and height of a PNG from its IHDR chunk; null when the bytes are not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } | null {
  if (png.length < 24 || png.readUInt32BE(0) !== 0x89504e47 || png.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

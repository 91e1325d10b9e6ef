/**
 * The one place that reaches into ExcelJS's private writer (db/export/xlsx/images.ts) must fail
 * here, loudly, on any ExcelJS change: the version is the pinned one, the private members are there
 * with the arity relied on, ExcelJS still has no picture support of its own in the streaming writer
 * (when it does, use it and delete images.ts), and a workbook with pictures reads back with openpyxl
 * and Pillow: right sheet, cell, size and pixels; every drawing listed in [Content_Types].xml; the
 * drawing element where Excel wants it (before the comments' legacyDrawing). Two workbooks written at
 * the same time number their drawings each on their own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { tempDir } from '../helpers/store.ts';
import { newWorkbook } from '../../db/export/xlsx/sheet-writer.ts';
import { addPictures, excelJsProblems, pngSize } from '../../db/export/xlsx/images.ts';
import { PYTHON, arrayBuffer } from '../helpers/transfer.ts';

const require = createRequire(import.meta.url);

/** A solid PNG made by Pillow (an independent encoder). */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const r = spawnSync(PYTHON, ['-c', `import io, sys, base64
from PIL import Image
b = io.BytesIO(); Image.new("RGB", (${width}, ${height}), (${rgb.join(',')})).save(b, "PNG"); print(base64.b64encode(b.getvalue()).decode())`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`Pillow failed: ${r.stderr}`);
  return Buffer.from(r.stdout.trim(), 'base64');
}

interface Seen {
  parts: string[];
  overrides: string[];
  drawingBeforeLegacy: Record<string, boolean>;
  sheets: Record<string, { comments: string[]; images: { row: number; col: number; w: number; h: number; size: [number, number]; pixel: number[] }[] }>;
}

/** What openpyxl, Pillow and Python's zipfile find in the file. */
function readBack(file: string): Seen {
  const script = `import io, json, re, sys, zipfile, openpyxl
from PIL import Image
z = zipfile.ZipFile(sys.argv[1])
types = z.read("[Content_Types].xml").decode()
out = {"parts": sorted(n for n in z.namelist() if n.startswith("xl/drawings/") and not n.endswith(".vml")),
       "overrides": sorted(re.findall(r'PartName="(/xl/drawings/[^"]+)" ContentType="application/vnd.openxmlformats-officedocument.drawing\\+xml"', types)),
       "drawingBeforeLegacy": {}, "sheets": {}}
for n in z.namelist():
    if n.startswith("xl/worksheets/sheet"):
        x = z.read(n).decode()
        if "<drawing " in x: out["drawingBeforeLegacy"][n] = ("<legacyDrawing" not in x) or x.index("<drawing ") < x.index("<legacyDrawing")
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    imgs = []
    for i in ws._images:
        im = Image.open(io.BytesIO(i._data())).convert("RGB")
        imgs.append({"row": i.anchor._from.row, "col": i.anchor._from.col, "w": round(i.anchor.ext.width / 9525), "h": round(i.anchor.ext.height / 9525),
                     "size": list(im.size), "pixel": list(im.getpixel((im.size[0] // 2, im.size[1] // 2)))})
    out["sheets"][ws.title] = {"comments": [c.comment.text for row in ws.iter_rows() for c in row if c.comment], "images": imgs}
print(json.dumps(out, ensure_ascii=False))
`;
  const r = spawnSync(PYTHON, ['-c', script, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`openpyxl failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Seen;
}

const RED = png(40, 30, [200, 30, 30]);
const BLUE = png(64, 20, [30, 60, 200]);

async function save(out: ReturnType<typeof newWorkbook>, name: string): Promise<string> {
  await out.wb.commit();
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, await out.bytes);
  return file;
}

describe('pictures through ExcelJS’s private streaming writer (db/export/xlsx/images.ts)', () => {
  it('runs on the ExcelJS it was written for, and the private members it uses are there', () => {
    const pinned = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }).dependencies.exceljs;
    const installed = (require('exceljs/package.json') as { version: string }).version;
    // A change of ExcelJS must come with a look at images.ts and this test (and the note in docs/ARCHITECTURE.md).
    expect({ pinned, installed }).toEqual({ pinned: '4.4.0', installed: '4.4.0' });
    const { wb } = newWorkbook();
    const ws = wb.addWorksheet('x');
    expect(excelJsProblems(wb, ws)).toEqual([]);
    // When the streaming writer can place pictures itself, use that and delete images.ts.
    expect('addImage' in ws).toBe(false);
    // What an ExcelJS that moved them gets: a refusal naming what is missing, not a broken file.
    const moved = wb.addWorksheet('y');
    Object.defineProperty(moved, '_writeLegacyData', { value: undefined });
    expect(excelJsProblems(wb, moved)).toEqual(['WorksheetWriter._writeLegacyData()']);
    expect(() => addPictures(wb, moved, [{ png: RED, row: 0, col: 0, widthPx: 40, heightPx: 30, name: 'x' }])).toThrow(/WorksheetWriter\._writeLegacyData\(\)/);
  });

  it('a workbook with pictures on two sheets, one of them with comments, reads back with openpyxl and Pillow', async () => {
    const out = newWorkbook();
    const first = out.wb.addWorksheet('图表');
    first.getCell('A1').value = '标题';
    addPictures(out.wb, first, [{ png: RED, row: 2, col: 1, widthPx: 40, heightPx: 30, name: '红 <1> & "2"' }]);
    first.commit();
    const plain = out.wb.addWorksheet('数据');
    plain.getCell('A1').value = 1;
    plain.commit();
    const second = out.wb.addWorksheet('两张图');
    second.getCell('B2').value = '有批注';
    second.getCell('B2').note = '这是批注';
    addPictures(out.wb, second, [
      { png: BLUE, row: 4, col: 0, widthPx: 32, heightPx: 10, name: '蓝' },
      { png: RED, row: 10, col: 3, widthPx: 40, heightPx: 30, name: '红' },
    ]);
    second.commit();
    const seen = readBack(await save(out, 'pictures.xlsx'));
    expect(seen.parts).toEqual(['xl/drawings/_rels/drawing1.xml.rels', 'xl/drawings/_rels/drawing2.xml.rels', 'xl/drawings/drawing1.xml', 'xl/drawings/drawing2.xml']);
    expect(seen.overrides).toEqual(['/xl/drawings/drawing1.xml', '/xl/drawings/drawing2.xml']);
    expect(Object.values(seen.drawingBeforeLegacy)).toEqual([true, true]);
    expect(seen.sheets['图表']!.images).toEqual([{ row: 2, col: 1, w: 40, h: 30, size: [40, 30], pixel: [200, 30, 30] }]);
    expect(seen.sheets['数据']!.images).toEqual([]);
    expect(seen.sheets['两张图']).toEqual({
      comments: ['这是批注'],
      images: [
        { row: 4, col: 0, w: 32, h: 10, size: [64, 20], pixel: [30, 60, 200] },
        { row: 10, col: 3, w: 40, h: 30, size: [40, 30], pixel: [200, 30, 30] },
      ],
    });
    // and ExcelJS's own reader agrees
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(arrayBuffer(await out.bytes));
    expect(back.getWorksheet('两张图')!.getImages().map((i) => i.range.tl.nativeRow)).toEqual([4, 10]);
  });

  it('two workbooks written at the same time each number their own drawings', async () => {
    const a = newWorkbook();
    const b = newWorkbook();
    const sheet = (o: ReturnType<typeof newWorkbook>, name: string, picture: Buffer) => {
      const ws = o.wb.addWorksheet(name);
      addPictures(o.wb, ws, [{ png: picture, row: 0, col: 0, widthPx: 10, heightPx: 10, name }]);
      ws.commit();
    };
    sheet(a, 'a1', RED);
    sheet(b, 'b1', BLUE);
    sheet(a, 'a2', BLUE);
    const [fa, fb] = await Promise.all([save(a, 'a.xlsx'), save(b, 'b.xlsx')]);
    const [sa, sb] = [readBack(fa), readBack(fb)];
    expect(sa.overrides).toEqual(['/xl/drawings/drawing1.xml', '/xl/drawings/drawing2.xml']);
    expect(sb.overrides).toEqual(['/xl/drawings/drawing1.xml']);
    expect([sa.sheets.a1!.images[0]!.pixel, sa.sheets.a2!.images[0]!.pixel, sb.sheets.b1!.images[0]!.pixel]).toEqual([[200, 30, 30], [30, 60, 200], [30, 60, 200]]);
  });

  it('reads a PNG’s size from its header and refuses what is not a PNG', () => {
    expect(pngSize(BLUE)).toEqual({ width: 64, height: 20 });
    expect(pngSize(Buffer.from('GIF89a not a png at all......'))).toBeNull();
    expect(pngSize(BLUE.subarray(0, 20))).toBeNull();
  });
});

/** Shared by the transfer tests: running jobs through the operations, reading back with openpyxl. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { PlanStore } from '../../db/store.ts';
import type { JobStatusOut } from '../../contract/ops/jobs.ts';
import { ok, tempDir } from './store.ts';

/** Starts a job through the dispatcher and polls jobs.status like the workbench does. */
export async function runJob(store: PlanStore, name: string, input: unknown): Promise<JobStatusOut> {
  const { jobId } = ok<{ jobId: string }>(store, name, input);
  for (;;) {
    const s = ok<JobStatusOut>(store, 'jobs.status', { jobId });
    if (s.state !== 'running') return s;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Tables that hold plan data (not the audit trail, which an import adds to). */
export function dataTables(all: Record<string, unknown[]>): Record<string, unknown[]> {
  return Object.fromEntries(Object.entries(all).filter(([k]) => !['change_sets', 'audit_log', 'meta'].includes(k)));
}

export const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/** Reads a workbook with Debian's python3-openpyxl (an independent reader) and returns its summary as JSON. */
export function openpyxlSummary(file: string): Record<string, {
  values: unknown[][]; merged: string[]; freeze: string | null; formats: string[][]; printTitles: string | null;
  orientation: string | null; paper: string | null; fitToWidth: number | null; footer: string | null; images: number;
  /** each picture's top row (0-based) and shown size in pixels */
  imageBoxes: [number, number, number][]; rowBreaks: number[];
}> {
  const script = path.join(tempDir('plandesk-py-'), 'read.py');
  fs.writeFileSync(
    script,
    `import json, sys, datetime
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
def plain(v):
    if isinstance(v, (datetime.date, datetime.datetime)): return v.isoformat()
    return v
for ws in wb.worksheets:
    out[ws.title] = {
        "values": [[plain(c.value) for c in row] for row in ws.iter_rows()],
        "formats": [[c.number_format for c in row] for row in ws.iter_rows()],
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "freeze": ws.freeze_panes,
        "printTitles": ws.print_title_rows,
        "orientation": ws.page_setup.orientation,
        "paper": str(ws.page_setup.paperSize) if ws.page_setup.paperSize is not None else None,
        "fitToWidth": ws.page_setup.fitToWidth if ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage else None,
        "footer": ws.oddFooter.center.text,
        "images": len(ws._images),
        "imageBoxes": [[i.anchor._from.row, round(i.anchor.ext.width / 9525), round(i.anchor.ext.height / 9525)] for i in ws._images],
        "rowBreaks": [b.id for b in ws.row_breaks.brk],
    }
print(json.dumps(out, ensure_ascii=False))
`,
  );
  const r = spawnSync(PYTHON, [script, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`openpyxl failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/**
 * What a PNG shows, read by Pillow (Debian's python3-pil, an independent decoder): its size, how
 * many pixels are close to `color`, and how many are dark (text) inside the box [x0, y0, x1, y1).
 */
export function pngFacts(png: Buffer, color: [number, number, number], box: [number, number, number, number]): { width: number; height: number; colorPixels: number; darkInBox: number } {
  const dir = tempDir('plandesk-png-');
  const file = path.join(dir, 'x.png');
  fs.writeFileSync(file, png);
  const script = `import json, sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("RGB")
w, h = im.size
c = json.loads(sys.argv[2]); b = json.loads(sys.argv[3])
colors = im.getcolors(w * h)
near = sum(n for n, p in colors if all(abs(p[k] - c[k]) < 24 for k in range(3)))
box = im.crop((b[0], b[1], min(b[2], w), min(b[3], h))) if b[2] > b[0] and b[3] > b[1] else None
dark = sum(n for n, p in box.getcolors(w * h) if sum(p) < 3 * 128) if box else 0
print(json.dumps({"width": w, "height": h, "colorPixels": near, "darkInBox": dark}))
`;
  const r = spawnSync(PYTHON, ['-c', script, file, JSON.stringify(color), JSON.stringify(box)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`Pillow failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The pictures inside a workbook (xl/media/*), in name order, read with Python's zipfile. */
export function workbookMedia(file: string): Buffer[] {
  const script = `import sys, zipfile, base64, json
z = zipfile.ZipFile(sys.argv[1])
print(json.dumps([base64.b64encode(z.read(n)).decode() for n in sorted(z.namelist()) if n.startswith("xl/media/")]))
`;
  const r = spawnSync(PYTHON, ['-c', script, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`zipfile failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as string[]).map((b) => Buffer.from(b, 'base64'));
}

/** The bytes as an ArrayBuffer, the type ExcelJS's load() is declared with. */
export function arrayBuffer(b: Buffer): ArrayBuffer {
  return new Uint8Array(b).buffer;
}

/** Shared by the transfer tests: running jobs through the operations, reading back with openpyxl. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import type { PlanStore } from '../../db/store.ts';
import type { JobStatusOut } from '../../contract/ops/transfer.ts';
import { ok, tempDir } from '../helpers/store.ts';

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
    }
print(json.dumps(out, ensure_ascii=False))
`,
  );
  const r = spawnSync(PYTHON, [script, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`openpyxl failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** A real PNG (solid colour), as the workbench's chart rendering would send. */
export function solidPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set([40, 110, 200], y * (width * 3 + 1) + 1 + x * 3);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** The bytes as an ArrayBuffer, the type ExcelJS's load() is declared with. */
export function arrayBuffer(b: Buffer): ArrayBuffer {
  return new Uint8Array(b).buffer;
}

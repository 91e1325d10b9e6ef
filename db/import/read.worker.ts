/**
 * The reading worker: reads one untrusted spreadsheet (checked by guards.ts first, on the host) and
 * posts its sheets back in batches of rows, so neither side ever holds a second copy of the whole
 * file's cells. Started by read.ts with a heap limit and a time limit; a file that would need more
 * ends this thread, never the host or the CLI. Bundled on its own for Electron
 * (scripts/bundle-options.mjs: workerEntries).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PlanDeskError } from '../errors.ts';
import type { SpreadsheetKind } from './guards.ts';
import { readCsvSheet } from './csv-read.ts';
import { packRows, packedBuffers, type PackedRows } from './packed-rows.ts';
import type { MergedRange } from './read-types.ts';
import { readXlsxCells } from './xlsx-reader.ts';

export type ReaderMessage =
  | { t: 'sheet'; name: string; hidden: boolean }
  | { t: 'strings'; strings: string[] }
  | { t: 'rows'; rows: PackedRows }
  | { t: 'sheetEnd'; merges: MergedRange[] }
  | { t: 'progress'; rows: number }
  | { t: 'done' }
  | { t: 'error'; code: PlanDeskError['code'] | null; message: string; reason?: string | undefined; params?: PlanDeskError['params'] };

export interface ReaderInput {
  bytes: Uint8Array;
  fileName: string;
  kind: SpreadsheetKind;
}

/** Batches of rows the host has not yet taken; the reading waits while there are more than this. */
const AHEAD = 16;

type Post = (m: ReaderMessage, transfer?: ArrayBuffer[]) => void;

const postRows = (post: Post, rows: PackedRows) => post({ t: 'rows', rows }, packedBuffers(rows));

async function run(input: ReaderInput, post: Post, flow: Flow): Promise<void> {
  const bytes = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  if (input.kind === 'csv') {
    for (const s of readCsvSheet(bytes, input.fileName)) {
      post({ t: 'sheet', name: s.name, hidden: false });
      for (let i = 0; i < s.rows.length; i += 5000) postRows(post, packRows(s.rows.slice(i, i + 5000)));
      post({ t: 'sheetEnd', merges: [] });
    }
  } else {
    await readXlsxCells(bytes, input.fileName, {
      strings: (strings) => post({ t: 'strings', strings }),
      sheet: (name, hidden) => post({ t: 'sheet', name, hidden }),
      rows: (rows) => {
        flow.ahead++;
        postRows(post, rows);
      },
      pace: () => (flow.ahead > AHEAD ? new Promise<void>((resolve) => (flow.resume = resolve)) : null),
      sheetEnd: (merges) => post({ t: 'sheetEnd', merges }),
      progress: (rows) => post({ t: 'progress', rows }),
    });
  }
  post({ t: 'done' });
}

interface Flow {
  ahead: number;
  resume: (() => void) | null;
}

if (parentPort) {
  const port = parentPort;
  const post: Post = (m, transfer) => port.postMessage(m, transfer);
  const flow: Flow = { ahead: 0, resume: null };
  // The host answers each batch of rows once it has taken it.
  port.on('message', () => {
    flow.ahead--;
    if (flow.ahead <= AHEAD && flow.resume) {
      const r = flow.resume;
      flow.resume = null;
      r();
    }
  });
  run(workerData as ReaderInput, post, flow).catch((err: unknown) =>
    post(err instanceof PlanDeskError ? { t: 'error', code: err.code, message: err.message, reason: err.reason, params: err.params } : { t: 'error', code: null, message: err instanceof Error ? err.message : String(err) }),
  );
}

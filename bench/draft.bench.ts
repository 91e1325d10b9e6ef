/**
 * Drafting a whole gazette issue (each of the four gazette texts, seeds/sources/): the `draft.read` operation on a
 * seeded plan file (base64 → lines → documents → drafts, reference lists read from the file), beside
 * a baseline measured in the same run: reading the file, splitting it into lines and running one
 * regex for amounts over it. Target: ≤ 2 s per issue (issue 14).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { openStore, type PlanStore } from '../db/store.ts';
import { useBundledWorkers } from '../db/workers.ts';
import { endSpareReader } from '../db/draft/read/read.ts';
import { gazetteTexts } from '../db/draft/gazette-sources.ts';
import { pdftotext, rawDocx, rawPdfjs } from './draft-baselines.ts';
import { bestOf, report, timeAsync } from './measure.ts';

const TARGET_MS = 2000;
const FIXTURES = path.resolve(import.meta.dirname, '../tests/fixtures/draft');

const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const row = (name: string, xs: number[]) =>
  console.log(`  ${name.padEnd(56)} ${median(xs).toFixed(0).padStart(6)} ms  (median of ${xs.length}: ${xs.map((x) => x.toFixed(0)).join(', ')})`);

/** draft.start → jobs.status until done: the PDF or .docx read in the reading worker, then drafted. */
async function viaJob(store: PlanStore, f: string): Promise<number> {
  const { ms } = await timeAsync(async () => {
    const r = store.call('draft.start', { fileName: f, bytes: fs.readFileSync(path.join(FIXTURES, f)).toString('base64') });
    if (!r.ok) throw new Error(r.error.message);
    const { jobId } = r.value as { jobId: string };
    for (;;) {
      await new Promise((res) => setTimeout(res, 5));
      const s = store.call('jobs.status', { jobId });
      if (!s.ok) throw new Error(s.error.message);
      const st = s.value as { state: string };
      if (st.state === 'failed') throw new Error(`${f} failed`);
      if (st.state === 'done') return;
    }
  });
  return ms;
}

/**
 * The same issue (shared text 000) as text, PDF (~40 pages, LibreOffice's) and .docx, through draft.start,
 * with the reading worker bundled as users run it (from source, tsx would transform pdf.js's 3 MB in
 * every worker: seconds that no user pays). Runs are interleaved with the baselines and reported as
 * medians, as the machine is shared.
 */
async function benchFormats(store: PlanStore, runs: number): Promise<void> {
  execFileSync(process.execPath, [path.resolve('scripts/build-node.mjs'), '--if-stale'], { stdio: ['ignore', 'ignore', 'inherit'] });
  useBundledWorkers(path.resolve('build/node/workers'));
  const pdf = path.join(FIXTURES, 'gazette-000.pdf');
  const docx = path.join(FIXTURES, 'gazette-000.docx');
  const t = { txt: [] as number[], pdf: [] as number[], pdfKept: [] as number[], docx: [] as number[], docxKept: [] as number[], cold: [] as number[], warm: [] as number[], poppler: [] as number[], rawDocx: [] as number[] };
  for (let i = 0; i < runs; i++) {
    t.txt.push(await viaJob(store, 'gazette-000.txt'));
    await endSpareReader(); // the first document of a session: a fresh reading thread
    t.pdf.push(await viaJob(store, 'gazette-000.pdf'));
    t.pdfKept.push(await viaJob(store, 'gazette-000.pdf')); // the next one: the thread kept after a good read
    const raw = rawPdfjs(pdf);
    t.cold.push(raw.coldMs);
    t.warm.push(raw.warmMs);
    const p = pdftotext(pdf);
    if (p !== null) t.poppler.push(p);
    await endSpareReader();
    t.docx.push(await viaJob(store, 'gazette-000.docx'));
    t.docxKept.push(await viaJob(store, 'gazette-000.docx'));
    t.rawDocx.push(await rawDocx(docx));
  }
  console.log(`\ndraft: gazette-000 (shared text 000) via draft.start — read in the reading worker (bundled), then drafted`);
  row('gazette-000.pdf (40 pages), fresh reading thread', t.pdf);
  row('gazette-000.pdf, the next document (thread kept)', t.pdfKept);
  row('  baseline: raw pdf.js, fresh node, load + all pages', t.cold);
  row('  baseline: raw pdf.js, loaded, all pages (no lines)', t.warm);
  if (t.poppler.length) row('  baseline: pdftotext (poppler-utils), with its start', t.poppler);
  console.log(`  ${median(t.pdf) <= TARGET_MS ? '✓' : '✗'} target ≤ ${TARGET_MS} ms per issue (median, fresh thread)`);
  row('gazette-000.docx, fresh reading thread', t.docx);
  row('gazette-000.docx, the next document (thread kept)', t.docxKept);
  row('  baseline: raw yauzl + saxes over word/document.xml', t.rawDocx);
  console.log(`  ${median(t.docx) <= TARGET_MS ? '✓' : '✗'} target ≤ ${TARGET_MS} ms per issue (median, fresh thread)`);
  row('gazette-000.txt (the same text, no worker)', t.txt);
}

export async function benchDraft(runs = 5): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-bench-draft-'));
  const store = openStore(path.join(dir, 'plans.plandesk'), { create: 'seed' });
  try {
    for (const { name: f, file } of gazetteTexts()) {
      const ours = bestOf(runs, () => {
        const r = store.call('draft.read', { fileName: f, bytes: fs.readFileSync(file).toString('base64') });
        if (!r.ok) throw new Error(r.error.message);
        return r.value;
      });
      const baseline = bestOf(runs, () => {
        const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
        let n = 0;
        for (const l of lines) n += [...l.matchAll(/(\d+(?:\.\d+)?)\s*(万亿|亿|万)?\s*(元|家|%)/g)].length;
        return n;
      });
      const drafts = (ours.value as { drafts: unknown[] }).drafts.length;
      report(`draft: ${f} (${(fs.statSync(file).size / 1024).toFixed(0)} KB, ${drafts} drafts)`, { name: 'draft.read (whole issue)', ms: ours.ms }, { name: 'read + split lines + one regex', ms: baseline.ms });
      console.log(`  ${ours.ms <= TARGET_MS ? '✓' : '✗'} target ≤ ${TARGET_MS} ms per issue`);
    }
    if (fs.existsSync(FIXTURES)) await benchFormats(store, runs);
  } finally {
    await endSpareReader();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

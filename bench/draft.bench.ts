/**
 * Drafting a whole gazette issue (each of the four shared texts): the `draft.read` operation on a
 * seeded plan file (base64 → lines → documents → drafts, reference lists read from the file), beside
 * a baseline measured in the same run: reading the file, splitting it into lines and running one
 * regex for amounts over it. Target: ≤ 2 s per issue (issue 14).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../db/store.ts';
import { bestOf, report, timeAsync } from './measure.ts';

const SHARED = '/work/shared/seeds';
const TARGET_MS = 2000;

export async function benchDraft(runs = 5): Promise<void> {
  if (!fs.existsSync(SHARED)) {
    console.log(`\ndraft: ${SHARED} not found, skipped`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-bench-draft-'));
  const store = openStore(path.join(dir, 'plans.plandesk'), { create: 'seed' });
  try {
    for (const f of fs.readdirSync(SHARED).filter((x) => x.endsWith('.txt')).sort()) {
      const file = path.join(SHARED, f);
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
    // the same issue as text, PDF and .docx (tests/fixtures/draft), through draft.start (read in a worker, as a job)
    const fixtures = path.resolve(import.meta.dirname, '../tests/fixtures/draft');
    const viaJob = async (f: string) =>
      timeAsync(async () => {
        const r = store.call('draft.start', { fileName: f, bytes: fs.readFileSync(path.join(fixtures, f)).toString('base64') });
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
    if (fs.existsSync(fixtures)) {
      const txt = await viaJob('gazette-000.txt');
      for (const f of ['gazette-000.pdf', 'gazette-000.docx']) {
        const r = await viaJob(f);
        report(`draft: ${f} via draft.start (worker read + draft)`, { name: f, ms: r.ms }, { name: 'gazette-000.txt the same way', ms: txt.ms });
        console.log(`  ${r.ms <= TARGET_MS ? '✓' : '✗'} target ≤ ${TARGET_MS} ms per issue`);
      }
    }
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

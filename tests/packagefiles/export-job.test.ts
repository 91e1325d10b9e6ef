/**
 * packagefiles.exportStart (db/packagefiles/export-job.ts): 导出报送包 as a job — the export's one
 * transaction in a worker on its own connection, the host answering meanwhile (reads served, writes
 * refused with BUSY busy.package until it ends), the package and its log and version as packagefiles.export
 * makes them.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../db/store.ts';
import { generatePlanBundle, BIG_PLAN_ID } from '../../bench/generate.ts';
import { ok, tempDir } from '../helpers/store.ts';
import type { JobStatusOut } from '../../contract/ops/jobs.ts';
import { en } from '../../renderer/src/i18n/catalogue.ts';

describe('packagefiles.exportStart', { timeout: 180_000 }, () => {
  it('exports a 5,000-task plan in a worker while the host answers other calls', async () => {
    const dir = tempDir();
    // the package's temp folders in a TMPDIR of this test's own (files.test.ts counts those in the shared one)
    const tmp = path.join(dir, 'tmp');
    fs.mkdirSync(tmp);
    const oldTmp = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    const s = openStore(path.join(dir, 'big.plandesk'), { create: 'seed', seeds: generatePlanBundle({ tasks: 5000, districts: 12, years: 5 }), userDir: path.join(dir, 'home') });
    try {
      ok(s, 'identity.set', { name: '王经信', department: '市经济信息委' });
      const district = ok<{ districts: { name: string }[] }>(s, 'plans.get', { planId: BIG_PLAN_ID }).districts[0]!.name;
      // the dialog's trial (what the package would carry) is a job in the same worker, answered meanwhile too
      const trial = ok<{ jobId: string }>(s, 'packagefiles.planStart', { planId: BIG_PLAN_ID, to: district });
      let trialReads = 0;
      let planned: JobStatusOut;
      for (;;) {
        planned = ok<JobStatusOut>(s, 'jobs.status', { jobId: trial.jobId });
        if (planned.state !== 'running') break;
        expect(s.call('plans.list', {}).ok).toBe(true);
        trialReads++;
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(planned.error).toBeNull();
      expect(planned.packagePlan).toEqual({ seq: 1, full: true, changeCount: expect.any(Number) as number, recipient: district });
      expect(trialReads).toBeGreaterThan(0);
      // nothing of the trial stays
      const none = ok<{ counterparts: { name: string; lastOut: unknown }[] }>(s, 'packages.status', { planId: BIG_PLAN_ID });
      expect(none.counterparts.find((c) => c.name === district)?.lastOut).toBeNull();

      const { jobId } = ok<{ jobId: string }>(s, 'packagefiles.exportStart', { planId: BIG_PLAN_ID, to: district });
      let reads = 0;
      let busy = 0;
      let st: JobStatusOut;
      for (;;) {
        st = ok<JobStatusOut>(s, 'jobs.status', { jobId });
        if (st.state !== 'running') break;
        // another call, answered while the export runs (in the request, it waited for the whole export)
        expect(s.call('packages.status', { planId: BIG_PLAN_ID }).ok).toBe(true);
        expect(s.call('plans.list', {}).ok).toBe(true);
        reads++;
        const w = s.call('plans.update', { planId: BIG_PLAN_ID, patch: { source: '改' } });
        if (!w.ok) {
          expect(w.error).toMatchObject({ code: 'BUSY', reason: 'busy.package' });
          busy++;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(st.error).toBeNull();
      expect(st.state).toBe('done');
      expect(reads).toBeGreaterThan(0);
      expect(busy).toBeGreaterThan(0);
      expect((en as Record<string, string>)['err.busy.package']).toBeTruthy();
      const pkg = st.package!;
      expect([pkg.seq, pkg.full, pkg.recipient, pkg.changeCount]).toEqual([1, true, district, planned.packagePlan!.changeCount]);
      expect(pkg.fileName).toMatch(/\.pdpkg$/);
      // the package is a whole signed file carrying every task
      const bytes = Buffer.from(pkg.dataBase64, 'base64');
      const file = new Database(bytes, { readonly: true });
      try {
        const tasks = file.prepare<[], { n: number }>("SELECT count(*) AS n FROM changes WHERE entity = 'task' AND op = 'insert'").get()!.n;
        expect(tasks).toBe(5000);
        expect(file.prepare('SELECT count(*) AS n FROM signature').get()).toEqual({ n: 1 });
      } finally {
        file.close();
      }
      // logged and saved as a version by the worker's transaction; the host writes again once it is done
      const status = ok<{ counterparts: { name: string; lastOut: { seq: number } | null; state: string }[] }>(s, 'packages.status', { planId: BIG_PLAN_ID });
      expect(status.counterparts.find((c) => c.name === district)).toMatchObject({ lastOut: { seq: 1 }, state: 'waiting' });
      const versions = ok<{ name: string }[] | { versions: { name: string }[] }>(s, 'versions.list', { planId: BIG_PLAN_ID });
      expect(JSON.stringify(versions)).toContain(`下发 ${district} #1`);
      expect(s.call('plans.update', { planId: BIG_PLAN_ID, patch: { source: '改' } }).ok).toBe(true);
      expect(fs.readdirSync(tmp).filter((f) => f.startsWith('plandesk-'))).toEqual([]);
    } finally {
      s.close();
      if (oldTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = oldTmp;
    }
  });
});

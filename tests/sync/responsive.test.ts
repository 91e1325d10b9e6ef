/**
 * A sync of a large plan keeps the host answering (s7-sync2): sync.run exports its packages (the trial and
 * the real one) in the package export's worker (db/packagefiles/export-job.ts packageInWorker), not on the
 * host's thread. A generated plan of 3,000 tasks, an officer's first whole-plan package to a district
 * through a real hub on PostgreSQL: app.info is answered while the sync's job runs (no timing asserted),
 * and the package reaches the hub whole.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../hub/pg.ts';
import { trustOnHub } from '../hub/push.ts';
import { openStore } from '../../db/store.ts';
import { trustForTests } from '../../db/exchange/signing.ts';
import { generatePlanBundle, BIG_PLAN_ID } from '../../bench/generate.ts';
import { districtSide } from '../exchange/helpers.ts';
import { ok, tempDir } from '../helpers/store.ts';
import { PASSWORDS } from '../hub/accounts.ts';
import { openHub, type OpenedHub } from '../hub/helpers.ts';
import type { JobStatusOut } from '../../contract/ops/jobs.ts';

describe('a sync of a large plan', () => {
  let hub: OpenedHub;
  let db: Db;

  beforeAll(async () => {
    hub = await openHub();
    db = hub.db;
  }, 120_000);

  afterAll(async () => {
    await hub?.close();
  });

  it('exports its package in a worker: app.info is answered while the sync runs', { timeout: 180_000 }, async () => {
    const dir = tempDir();
    const home = path.join(dir, 'home');
    const s = openStore(path.join(dir, 'big.plandesk'), { create: 'seed', seeds: generatePlanBundle({ tasks: 3000, districts: 4, years: 5 }), userDir: home });
    try {
      ok(s, 'identity.set', { name: '王经信', department: '市经济信息委' });
      const d = ok<{ districts: { id: string; name: string }[] }>(s, 'plans.get', { planId: BIG_PLAN_ID }).districts[0]!;
      // a district's key (its own file's identity); trusted here for the generated plan's first district
      const district = districtSide('江津区');
      trustForTests(s.ctx, district.home, { role: 'district', districtId: d.id, name: `${d.name}联络员`, department: '市经济信息委', district: d.name });

      await trustOnHub(db, home);
      const { jobId } = ok<{ jobId: string }>(s, 'sync.run', { hub: hub.url, user: 'officer', password: PASSWORDS.officer, planId: BIG_PLAN_ID, sendWhole: true });
      let answered = 0; // app.info answers during the export itself
      let st: JobStatusOut;
      for (;;) {
        st = ok<JobStatusOut>(s, 'jobs.status', { jobId });
        if (st.state !== 'running') break;
        // another call, answered before the sync's job ends (on the host's thread it waited for the whole export)
        // while the package export holds the file (busy.package: the export's worker is writing it), not only between HTTP calls
        const exporting = s.ctx.busyReason === 'busy.package';
        if (ok<{ file: string }>(s, 'app.info', {}).file === s.ctx.file && exporting) answered++;
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(st.error).toBeNull();
      expect(st.state).toBe('done');
      expect(answered).toBeGreaterThan(0);
      expect(st.sync?.result).toMatchObject({ pushed: 1, refused: 0 });
      expect((await db.query('SELECT recipient, seq, full_plan AS full FROM packages')).rows).toEqual([{ recipient: d.name, seq: 1, full: true }]);
    } finally {
      s.close();
    }
  });
});

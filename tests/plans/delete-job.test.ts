/**
 * plans.deleteStart (db/plans/delete-job.ts): a large plan deleted as a job — one transaction in a worker
 * thread, the host answering meanwhile (reads served, writes refused with BUSY until it ends), one undo step
 * that puts everything back; migration 005's and 008's figures hold nothing of the deleted plan and are
 * exactly a full recount after undo and redo. plans.delete refuses a plan that large (plan.deleteAsJob).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, type PlanStore } from '../../db/store.ts';
import { generatePlanBundle, BIG_PLAN_ID } from '../../bench/generate.ts';
import { dumpTables, ok, tempDir } from '../helpers/store.ts';
import type { JobStatusOut } from '../../contract/ops/jobs.ts';

const TASKS = 5000;

function bigStore(): PlanStore {
  const file = path.join(tempDir(), 'big.plandesk');
  const s = openStore(file, { create: 'seed', seeds: generatePlanBundle({ tasks: TASKS, districts: 12, years: 5 }) });
  return s;
}

function content(s: PlanStore) {
  const { audit_log: _a, change_sets: _c, ...rest } = dumpTables(s);
  return rest;
}

/** the figures of migrations 005 and 008 as the triggers keep them, and as a full count says they should be */
function figures(s: PlanStore) {
  const kept = {
    tasks: s.db.prepare('SELECT plan_id, deadline, status, n FROM task_figures ORDER BY 1, 2, 3').all(),
    departments: s.db.prepare('SELECT plan_id, department_id, role, status, n FROM task_department_figures ORDER BY 1, 2, 3, 4').all(),
    districts: s.db.prepare('SELECT plan_id, district_id, n FROM task_district_figures ORDER BY 1, 2').all(),
  };
  const counted = {
    tasks: s.db.prepare("SELECT plan_id, coalesce(deadline, '') AS deadline, status, count(*) AS n FROM tasks GROUP BY 1, 2, 3 ORDER BY 1, 2, 3").all(),
    departments: s.db
      .prepare('SELECT t.plan_id, u.department_id, u.role, t.status, count(*) AS n FROM task_departments u JOIN tasks t ON t.id = u.task_id GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4')
      .all(),
    districts: s.db.prepare('SELECT t.plan_id, x.district_id, count(*) AS n FROM task_districts x JOIN tasks t ON t.id = x.task_id GROUP BY 1, 2 ORDER BY 1, 2').all(),
  };
  return { kept, counted };
}

async function finish(s: PlanStore, jobId: string, during: () => void = () => {}): Promise<JobStatusOut> {
  for (;;) {
    const st = ok<JobStatusOut>(s, 'jobs.status', { jobId });
    if (st.state !== 'running') return st;
    during();
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('plans.deleteStart', { timeout: 120_000 }, () => {
  it('deletes a 5,000-task plan in one step while the host answers; undo and redo are exact, figures included', async () => {
    const s = bigStore();
    try {
      ok(s, 'versions.create', { planId: BIG_PLAN_ID, name: '初稿' });
      ok(s, 'comments.add', { planId: BIG_PLAN_ID, on: { target: 'task', taskId: 'bt-7' }, body: '请核实' });
      const before = content(s);
      const figuresBefore = figures(s);
      expect(figuresBefore.kept).toEqual(figuresBefore.counted);
      expect(figuresBefore.kept.districts.length).toBe(12);

      // the old way is refused for a plan this large, naming the way that works
      const refused = s.call('plans.delete', { planId: BIG_PLAN_ID });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error).toMatchObject({ code: 'CONFLICT', reason: 'plan.deleteAsJob' });

      const { jobId } = ok<{ jobId: string }>(s, 'plans.deleteStart', { planId: BIG_PLAN_ID });
      let reads = 0;
      let busyWrites = 0;
      const st = await finish(s, jobId, () => {
        // while the worker deletes: reads are answered (from the file as it was), writes refused with BUSY
        const list = s.call('plans.list', {});
        expect(list.ok).toBe(true);
        expect(s.call('districts.list', {}).ok).toBe(true);
        reads++;
        const w = s.call('plans.update', { planId: BIG_PLAN_ID, patch: { source: '改' } });
        if (!w.ok) {
          expect(w.error).toMatchObject({ code: 'BUSY', reason: 'busy.delete' });
          busyWrites++;
        }
      });
      expect(st.state).toBe('done');
      expect(reads).toBeGreaterThan(0);
      expect(busyWrites).toBe(reads);
      expect(st.deleted).toMatchObject({ planId: BIG_PLAN_ID, deleted: { tasks: TASKS, comments: 1, versions: 1, districts: 12 } });
      expect(st.deleted?.changes.planId).toBe(BIG_PLAN_ID);
      expect(s.call('plans.get', { planId: BIG_PLAN_ID }).ok).toBe(false);
      // writes work again once it is done
      expect(s.call('preferences.get', {}).ok).toBe(true);

      const gone = content(s);
      const figuresGone = figures(s);
      expect(figuresGone.kept).toEqual(figuresGone.counted);
      expect(figuresGone.kept).toEqual({ tasks: [], departments: [], districts: [] });

      // the undo as a job too (plans.undeleteStart): the host answers reads while 5,000 tasks go back
      let readsBack = 0;
      const back = await finish(s, ok<{ jobId: string }>(s, 'plans.undeleteStart', { planId: BIG_PLAN_ID }).jobId, () => {
        expect(s.call('plans.list', {}).ok).toBe(true);
        readsBack++;
        const w = s.call('plans.update', { planId: BIG_PLAN_ID, patch: { source: '改' } });
        expect(!w.ok && w.error.code).toBe('BUSY');
      });
      expect(back).toMatchObject({ state: 'done', kind: 'undelete', undeleted: { planId: BIG_PLAN_ID, undone: expect.stringContaining('删除') } });
      expect(readsBack).toBeGreaterThan(0);
      expect(content(s)).toEqual(before);
      // a plan that is there has no deletion to undo
      const again = s.call('plans.undeleteStart', { planId: BIG_PLAN_ID });
      expect(!again.ok && again.error.reason).toBe('plan.notDeleted');
      const figuresBack = figures(s);
      expect(figuresBack.kept).toEqual(figuresBack.counted);
      expect(figuresBack.kept).toEqual(figuresBefore.kept);

      ok(s, 'history.redo', { planId: BIG_PLAN_ID });
      expect(content(s)).toEqual(gone);
      expect(s.db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      s.close();
    }
  });

  it('a failed delete leaves the file as it was, and writes are allowed again', async () => {
    const s = bigStore();
    try {
      const before = content(s);
      // the worker cannot write: another connection holds SQLite's write lock past the worker's busy timeout
      const { default: Database } = await import('better-sqlite3');
      const blocker = new Database(s.ctx.file);
      blocker.exec('BEGIN IMMEDIATE');
      try {
        const { jobId } = ok<{ jobId: string }>(s, 'plans.deleteStart', { planId: BIG_PLAN_ID });
        const st = await finish(s, jobId);
        expect(st.state).toBe('failed');
        expect(st.error?.code).toBe('BUSY');
      } finally {
        blocker.exec('ROLLBACK');
        blocker.close();
      }
      expect(content(s)).toEqual(before);
      expect(s.call('plans.update', { planId: BIG_PLAN_ID, patch: { source: '改' } }).ok).toBe(true);
      expect(fs.existsSync(s.ctx.file)).toBe(true);
    } finally {
      s.close();
    }
  });

  it('refuses an unknown plan at once, and a second delete while one runs', async () => {
    const s = bigStore();
    try {
      const r = s.call('plans.deleteStart', { planId: 'p-none' });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('NOT_FOUND');
      const { jobId } = ok<{ jobId: string }>(s, 'plans.deleteStart', { planId: BIG_PLAN_ID });
      const again = s.call('plans.deleteStart', { planId: BIG_PLAN_ID });
      expect(again.ok).toBe(false);
      if (!again.ok) expect(again.error).toMatchObject({ code: 'BUSY', reason: 'busy.delete' });
      expect((await finish(s, jobId)).state).toBe('done');
    } finally {
      s.close();
    }
  });
});

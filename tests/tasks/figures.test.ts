/**
 * tasks.stats of a whole plan is read from figures that triggers keep current (migration 005). They must
 * equal a full count of the tasks after any write: edits of status, deadline and departments, new and
 * deleted tasks, undo and redo, and a file upgraded from before 005 (the migration counts what it holds).
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ok, reopen, seededStore, tempFile } from '../helpers/store.ts';
import { downgrade } from '../helpers/downgrade.ts';
import type { Task, Department } from '../../contract/entities.ts';
import type { TaskFacets, TaskStats } from '../../contract/ops/tasks.ts';
import { TASK_STATUSES } from '../../domain/tasks.ts';

const PLAN = 'p-yufu-2023-13';
type Store = ReturnType<typeof seededStore>;

/** The kept figures (no filter) beside a full count (a filter naming every status, which counts the rows). */
function expectFiguresTrue(s: Store, planId = PLAN): void {
  const kept = ok<TaskStats>(s, 'tasks.stats', { planId });
  const counted = ok<TaskStats>(s, 'tasks.stats', { planId, filter: { status: [...TASK_STATUSES] } });
  expect(kept).toEqual(counted);
  // The ledger's total (tasks.list without a filter) is the kept count too.
  const listed = ok<{ total: number }>(s, 'tasks.list', { planId, limit: 1 }).total;
  expect(listed).toBe(ok<{ total: number }>(s, 'tasks.list', { planId, filter: { status: [...TASK_STATUSES] }, limit: 1 }).total);
  expect(listed).toBe(counted.total);
  // tasks.facets' district counts (migration 008's task_district_figures) equal a full count.
  const facets = ok<TaskFacets>(s, 'tasks.facets', { planId });
  const full = s.db
    .prepare('SELECT x.district_id AS districtId, count(*) AS count FROM task_districts x JOIN tasks t ON t.id = x.task_id WHERE t.plan_id = ? GROUP BY x.district_id')
    .all(planId) as { districtId: string; count: number }[];
  const byId = (a: { districtId: string }, b: { districtId: string }) => a.districtId.localeCompare(b.districtId);
  expect(facets.districts.map((d) => ({ districtId: d.districtId, count: d.count })).sort(byId)).toEqual(full.sort(byId));
}

function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

describe('tasks.stats from the kept figures', () => {
  it('equals a full count after random edits, inserts, deletes, undo and redo', () => {
    const s = seededStore();
    expectFiguresTrue(s);
    const departments = ok<Department[]>(s, 'departments.list', {});
    const districts = ok<{ name: string }[]>(s, 'districts.list', {}).map((d) => d.name);
    const rand = rng(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    for (let step = 0; step < 60; step++) {
      const tasks = ok<{ rows: Task[] }>(s, 'tasks.list', { planId: PLAN, limit: 500 }).rows;
      const what = rand();
      if (what < 0.45) {
        const updates = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
          const t = pick(tasks);
          const r = rand();
          const patch =
            r < 0.3 ? { status: pick(TASK_STATUSES) }
            : r < 0.5 ? { deadline: rand() < 0.2 ? null : `${2024 + Math.floor(rand() * 4)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}` }
            : r < 0.62 ? { districts: rand() < 0.2 ? [] : [pick(districts), pick(districts)].filter((n, i, a) => a.indexOf(n) === i) }
            : r < 0.75 ? { leadDepartments: [pick(departments).name] }
            : { participatingDepartments: rand() < 0.3 ? [] : [pick(departments).name, pick(departments).name].filter((n, i, a) => a.indexOf(n) === i) };
          return { taskId: t.id, patch };
        });
        const unique = [...new Map(updates.map((u) => [u.taskId, u])).values()];
        ok(s, 'tasks.updateMany', { planId: PLAN, updates: unique });
      } else if (what < 0.6) {
        ok(s, 'tasks.create', { planId: PLAN, afterTaskId: pick(tasks).id, patch: { title: `新任务${step}`, status: pick(TASK_STATUSES), leadDepartments: [pick(departments).name], districts: [pick(districts)] } });
      } else if (what < 0.7 && tasks.length > 5) {
        ok(s, 'tasks.delete', { planId: PLAN, taskIds: [pick(tasks).id, pick(tasks).id].filter((x, i, a) => a.indexOf(x) === i) });
      } else if (what < 0.85) {
        ok(s, 'history.undo', { planId: PLAN });
      } else {
        ok(s, 'history.redo', { planId: PLAN });
      }
      expectFiguresTrue(s);
    }
    // Other plans of the file were never touched and still agree.
    for (const p of ok<{ id: string }[]>(s, 'plans.list', {})) expectFiguresTrue(s, p.id);
    s.close();
  });

  it('a file from before migration 005 gets its figures counted when it is opened', () => {
    const file = tempFile();
    const s = seededStore(file);
    ok(s, 'tasks.updateMany', { planId: PLAN, updates: [{ taskId: ok<{ rows: Task[] }>(s, 'tasks.list', { planId: PLAN, limit: 1 }).rows[0]!.id, patch: { status: '滞后' } }] });
    const before = ok<TaskStats>(s, 'tasks.stats', { planId: PLAN });
    s.close();
    // Undo 005 by hand: what a version-4 file holds.
    const db = new Database(file);
    downgrade(db, 4);
    db.close();
    const upgraded = reopen(file);
    expect(ok<TaskStats>(upgraded, 'tasks.stats', { planId: PLAN })).toEqual(before);
    expectFiguresTrue(upgraded);
    upgraded.close();
  });

  it('a file from before migration 008 gets its district figures counted when it is opened', () => {
    const file = tempFile();
    const s = seededStore(file);
    const facets = ok<TaskFacets>(s, 'tasks.facets', { planId: PLAN });
    expect(facets.districts.length).toBeGreaterThan(3);
    s.close();
    const db = new Database(file);
    downgrade(db, 5);
    db.close();
    const upgraded = reopen(file);
    expect(ok<TaskFacets>(upgraded, 'tasks.facets', { planId: PLAN })).toEqual(facets);
    expectFiguresTrue(upgraded);
    upgraded.close();
  });
});

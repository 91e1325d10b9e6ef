/**
 * The comparison against an independent implementation: daff compares the same two tables (read
 * whole, keyed by id) and must find exactly the same added, removed and changed rows and cells.
 */
import { describe, expect, it } from 'vitest';
import { ok, seededStore, tempFile } from '../helpers/store.ts';
import { openStore, type PlanStore } from '../../db/store.ts';
import { createVersion } from '../../db/versions/store.ts';
import { compareRows } from '../../db/versions/diff.ts';
import { VERSIONED } from '../../db/versions/rows.ts';
import { generatePlanBundle, BIG_PLAN_ID } from '../../bench/generate.ts';
import type { Task } from '../../contract/entities.ts';
import { applyEdits, currentRows, daffVerdict, ourVerdict, versionRows, type Edit } from './helpers.ts';

function rng(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

/** Checks ours = daff for every table, version → version and version → current. */
function expectAgreement(s: PlanStore, planId: string, v1: number, v2: number): number {
  let changes = 0;
  for (const e of VERSIONED) {
    const a = versionRows(s, planId, v1, e);
    const b = versionRows(s, planId, v2, e);
    const ours = ourVerdict(compareRows(s.ctx, planId, versionRow(s, planId, v1), 'current'), e);
    const theirs = daffVerdict(e, a, currentRows(s, planId, e));
    expect(ours, `${e}: version → current`).toEqual(theirs);
    const between = ourVerdict(compareRows(s.ctx, planId, versionRow(s, planId, v1), versionRow(s, planId, v2)), e);
    expect(between, `${e}: version → version`).toEqual(daffVerdict(e, a, b));
    const back = ourVerdict(compareRows(s.ctx, planId, versionRow(s, planId, v2), versionRow(s, planId, v1)), e);
    expect(back, `${e}: backwards`).toEqual(daffVerdict(e, b, a));
    changes += between.added.length + between.removed.length + between.cells.length;
  }
  return changes;
}

const versionRow = (s: PlanStore, planId: string, seq: number) =>
  s.db.prepare<[string, number], Parameters<typeof compareRows>[2] & object>('SELECT * FROM versions WHERE plan_id = ? AND seq = ?').get(planId, seq)!;

describe('comparison agrees with daff', () => {
  it('on generated tables after random edits of every kind', () => {
    for (const seed of [1, 2, 3]) {
      const s = openStore(tempFile(), { create: 'seed', seeds: generatePlanBundle({ tasks: 400, districts: 8, years: 5, seed }) });
      try {
        createVersion(s.ctx, { planId: BIG_PLAN_ID, name: 'v1' });
        const rand = rng(seed * 7919);
        const pick = (n: number) => Math.floor(rand() * n);
        const edits: Edit[] = [];
        const fields = ['title', 'status', 'progress', 'description', 'deadline', 'number', 'quantitative_goal', 'section'] as const;
        const values: Record<(typeof fields)[number], () => string | null> = {
          title: () => `改名${pick(1000)}`,
          status: () => ['未开始', '进行中', '已完成', '滞后'][pick(4)]!,
          progress: () => (rand() < 0.2 ? null : `进展 ${pick(100)}%`),
          description: () => (rand() < 0.2 ? null : `说明 -> ${pick(50)} NULL？`),
          deadline: () => (rand() < 0.3 ? null : `202${1 + pick(5)}-0${1 + pick(9)}`),
          number: () => String(pick(500)),
          quantitative_goal: () => null,
          section: () => `第${pick(30)}部分`,
        };
        for (let i = 0; i < 60; i++) {
          const f = fields[pick(fields.length)]!;
          edits.push({ op: 'set', entity: 'task', id: `bt-${pick(400)}`, field: f, value: values[f]() });
        }
        for (let i = 0; i < 10; i++) edits.push({ op: 'set', entity: 'task', id: `bt-${pick(400)}`, field: 'lead_departments', value: [`bu-${pick(60)}`, `bu-${pick(60)}`].filter((x, k, all) => all.indexOf(x) === k) });
        for (let i = 0; i < 8; i++) edits.push({ op: 'delete', entity: 'task', id: `bt-${pick(400)}` });
        for (let i = 0; i < 5; i++) edits.push({ op: 'insertTask', planId: BIG_PLAN_ID, title: `新任务${i}`, sortOrder: 1000 + i });
        for (let i = 0; i < 15; i++) edits.push({ op: 'set', entity: 'target', id: `bi-revenue/district/bd-${pick(8)}/${2021 + pick(5)}/target`, field: 'value', value: String(pick(2000)) });
        edits.push({ op: 'delete', entity: 'target', id: 'bi-revenue/plan//2022/target' });
        edits.push({ op: 'set', entity: 'plan', id: BIG_PLAN_ID, field: 'title', value: '改过的规划' });
        edits.push({ op: 'set', entity: 'cluster', id: 'bc-2', field: 'name', value: '改过的集群' });
        edits.push({ op: 'set', entity: 'plan_district', id: `${BIG_PLAN_ID}|bd-1`, field: 'note', value: '备注' });
        edits.push({ op: 'set', entity: 'indicator', id: 'bi-revenue', field: 'target_value', value: '25000' });
        // a value changed and changed back, and a pure reorder: neither is a change
        edits.push({ op: 'set', entity: 'task', id: 'bt-399', field: 'title', value: 'x' }, { op: 'set', entity: 'task', id: 'bt-399', field: 'title', value: '任务400：推进重点项目建设' });
        edits.push({ op: 'set', entity: 'task', id: 'bt-398', field: 'sort_order', value: 1 });
        // half the edits before an intermediate version, half after
        applyEdits(s, BIG_PLAN_ID, edits.slice(0, 50));
        createVersion(s.ctx, { planId: BIG_PLAN_ID, name: 'mid' });
        applyEdits(s, BIG_PLAN_ID, edits.slice(50));
        createVersion(s.ctx, { planId: BIG_PLAN_ID, name: 'v3' });
        const n = expectAgreement(s, BIG_PLAN_ID, 1, 3);
        expect(n).toBeGreaterThan(50);
      } finally {
        s.close();
      }
    }
  });

  it('on the seeded plans after random edits through the workbench operations', () => {
    const s = seededStore();
    const plans = ok<{ id: string; taskCount: number }[]>(s, 'plans.list', {}).filter((p) => p.taskCount > 3);
    expect(plans.length).toBeGreaterThan(2);
    for (const [k, p] of plans.entries()) {
      createVersion(s.ctx, { planId: p.id, name: 'v1' });
      const rand = rng(k + 11);
      const pick = (n: number) => Math.floor(rand() * n);
      const tasks = ok<{ rows: Task[] }>(s, 'tasks.list', { planId: p.id, limit: 5000 }).rows;
      for (let i = 0; i < 8; i++) {
        const t = tasks[pick(tasks.length)]!;
        const patch = [{ status: '滞后' as const }, { progress: `进展${i}` }, { title: `${t.title}（改）` }, { participatingDepartments: [] }, { deadline: null }][pick(5)]!;
        ok(s, 'tasks.update', { taskId: t.id, patch });
      }
      ok(s, 'tasks.delete', { planId: p.id, taskIds: [tasks[1 + pick(tasks.length - 1)]!.id] });
      ok(s, 'tasks.create', { planId: p.id, afterTaskId: tasks[0]!.id, patch: { title: '新加的任务' } });
      const ov = ok<{ districts: { id: string; targets: { indicatorId: string; year: number; kind: string }[] }[] }>(s, 'plans.get', { planId: p.id });
      for (const d of ov.districts.slice(0, 3)) {
        const t = d.targets[0];
        if (t) ok(s, 'targets.set', { indicatorId: t.indicatorId, scope: 'district', scopeId: d.id, year: t.year, kind: t.kind, value: String(100 + pick(900)) });
      }
      if (rand() < 0.5) ok(s, 'history.undo', { planId: p.id });
      ok(s, 'plans.update', { planId: p.id, patch: { source: `修订 ${k}` } });
      createVersion(s.ctx, { planId: p.id, name: 'v2' });
      expect(expectAgreement(s, p.id, 1, 2)).toBeGreaterThan(3);
    }
  });
});

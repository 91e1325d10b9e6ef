import { describe, expect, it } from 'vitest';
import { ok, seededStore } from '../helpers/store.ts';
import { createVersion, getVersionRow, listVersions } from '../../db/versions/store.ts';
import { compareRows } from '../../db/versions/diff.ts';
import type { Comparison, VersionInfo } from '../../contract/ops/versions.ts';
import type { Task } from '../../contract/entities.ts';
import { generatePlanBundle, BIG_PLAN_ID } from '../../bench/generate.ts';
import { openStore } from '../../db/store.ts';
import { tempFile } from '../helpers/store.ts';
import { applyEdits, currentRows, versionRows } from './helpers.ts';

const PLAN = 'p-yufu-2023-13';
const tasksOf = (s: ReturnType<typeof seededStore>) => ok<{ rows: Task[] }>(s, 'tasks.list', { planId: PLAN, limit: 500 }).rows;

describe('versions: save, list, compare', () => {
  it('saves named versions with author, time and note, and lists them newest first', () => {
    const s = seededStore();
    ok(s, 'preferences.set', { userName: '张三' });
    const v1 = ok<VersionInfo>(s, 'versions.create', { planId: PLAN, name: '初稿', note: '区县报送前' });
    const v2 = ok<VersionInfo>(s, 'versions.create', { planId: PLAN, name: '二稿' });
    expect(v1).toMatchObject({ seq: 1, name: '初稿', author: '张三', note: '区县报送前' });
    expect(v2.seq).toBe(2);
    expect(ok<VersionInfo[]>(s, 'versions.list', { planId: PLAN }).map((v) => v.name)).toEqual(['二稿', '初稿']);
    expect(s.call('versions.create', { planId: PLAN, name: '  ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('compares a version with the current plan and with a later version: rows added, removed, changed, cell by cell', () => {
    const s = seededStore();
    const v1 = ok<VersionInfo>(s, 'versions.create', { planId: PLAN, name: 'v1' });
    const [a, b, c] = tasksOf(s);
    ok(s, 'tasks.update', { taskId: a!.id, patch: { status: '进行中', progress: '已开工' } });
    ok(s, 'tasks.delete', { planId: PLAN, taskIds: [b!.id] });
    const added = ok<Task>(s, 'tasks.create', { planId: PLAN, patch: { title: '新增的任务' } });
    const ov = ok<{ districts: { id: string; targets: { indicatorId: string; year: number; value: string | null }[] }[] }>(s, 'plans.get', { planId: PLAN });
    const d = ov.districts[0]!;
    const t = d.targets[0]!;
    ok(s, 'targets.set', { indicatorId: t.indicatorId, scope: 'district', scopeId: d.id, year: t.year, kind: 'target', value: '3300' });

    const cmp = ok<Comparison>(s, 'versions.compare', { planId: PLAN, from: v1.id, to: 'current' });
    const task = cmp.summary.find((x) => x.table === 'task')!;
    expect(task).toMatchObject({ added: 1, removed: 1, changed: 1, cells: 2 });
    expect(cmp.summary.find((x) => x.table === 'target')).toMatchObject({ changed: 1 });
    const changed = cmp.rows.find((r) => r.id === a!.id)!;
    expect(changed.cells.map((x) => [x.field, x.oldText, x.newText])).toEqual([
      ['status', '未开始', '进行中'],
      ['progress', '', '已开工'],
    ]);
    const value = cmp.rows.find((r) => r.table === 'target')!.cells.find((x) => x.field === 'value')!;
    expect(value).toMatchObject({ old: t.value, new: '3300', delta: String(3300 - Number(t.value)) });
    expect(cmp.rows.find((r) => r.id === added.id)?.kind).toBe('added');
    expect(cmp.rows.find((r) => r.id === b!.id)?.kind).toBe('removed');
    expect(cmp.byDistrict.find((x) => x.districtId === d.id)?.deltas[0]?.delta).toBe(String(3300 - Number(t.value)));
    void c;

    const v2 = ok<VersionInfo>(s, 'versions.create', { planId: PLAN, name: 'v2' });
    const between = ok<Comparison>(s, 'versions.compare', { planId: PLAN, from: v1.id, to: v2.id });
    expect(between.rows).toEqual(cmp.rows);
    expect(ok<Comparison>(s, 'versions.compare', { planId: PLAN, from: v2.id, to: 'current' }).total).toBe(0);
    // backwards: the same changes, sides swapped
    const back = ok<Comparison>(s, 'versions.compare', { planId: PLAN, from: v2.id, to: v1.id });
    expect(back.summary.find((x) => x.table === 'task')).toMatchObject({ added: 1, removed: 1, changed: 1 });
  });

  it('pages the rows and filters by table, with counts for all', () => {
    const s = seededStore();
    const v1 = ok<VersionInfo>(s, 'versions.create', { planId: PLAN, name: 'v1' });
    const tasks = tasksOf(s);
    ok(s, 'tasks.updateMany', { planId: PLAN, updates: tasks.slice(0, 7).map((t) => ({ taskId: t.id, patch: { progress: `进展 ${t.id}` } })) });
    const page = ok<Comparison>(s, 'versions.compare', { planId: PLAN, from: v1.id, to: 'current', table: 'task', offset: 2, limit: 3 });
    expect(page.total).toBe(7);
    expect(page.rows.map((r) => r.id)).toEqual([...tasks.slice(0, 7).map((t) => t.id)].sort().slice(2, 5));
    expect(page.summary.find((x) => x.table === 'task')?.changed).toBe(7);
  });

  it('matches rows by id: reordering alone is no change', () => {
    const s = seededStore();
    const v1 = createVersion(s.ctx, { planId: PLAN, name: 'v1' });
    const tasks = tasksOf(s);
    applyEdits(s, PLAN, tasks.map((t, i) => ({ op: 'set' as const, entity: 'task' as const, id: t.id, field: 'sort_order', value: tasks.length - i })));
    expect([...compareRows(s.ctx, PLAN, getVersionRow(s.ctx, v1.id), 'current')]).toEqual([]);
    const v2 = createVersion(s.ctx, { planId: PLAN, name: 'v2' });
    expect(v2.rowsWritten).toBeGreaterThan(0); // the new order is kept (for restore)…
    expect([...compareRows(s.ctx, PLAN, getVersionRow(s.ctx, v1.id), getVersionRow(s.ctx, v2.id))]).toEqual([]); // …but is not a change
  });

  it('a saved version never changes when the current plan is edited, undone or restored', () => {
    const s = seededStore();
    const v1 = createVersion(s.ctx, { planId: PLAN, name: 'v1' });
    const before = JSON.stringify(['task', 'target', 'plan', 'indicator'].map((e) => [...versionRows(s, PLAN, 1, e as 'task')]));
    const [a] = tasksOf(s);
    ok(s, 'tasks.update', { taskId: a!.id, patch: { title: '改过的标题' } });
    createVersion(s.ctx, { planId: PLAN, name: 'v2' });
    ok(s, 'plans.update', { planId: PLAN, patch: { title: '新标题' } });
    ok(s, 'history.undo', { planId: PLAN });
    ok(s, 'tasks.delete', { planId: PLAN, taskIds: [a!.id] });
    createVersion(s.ctx, { planId: PLAN, name: 'v3' });
    expect(JSON.stringify(['task', 'target', 'plan', 'indicator'].map((e) => [...versionRows(s, PLAN, 1, e as 'task')]))).toBe(before);
    expect(listVersions(s.ctx, PLAN).find((v) => v.id === v1.id)).toEqual(v1);
  });

  it('a version holds exactly the plan as it was: after many kinds of edits, the latest version equals the current tables', () => {
    const s = seededStore();
    createVersion(s.ctx, { planId: PLAN, name: 'v1' });
    const tasks = tasksOf(s);
    ok(s, 'tasks.update', { taskId: tasks[0]!.id, patch: { leadDepartments: [], districts: ['永川区'] } });
    ok(s, 'tasks.create', { planId: PLAN, afterTaskId: tasks[1]!.id, patch: { title: '插入的任务' } });
    ok(s, 'tasks.delete', { planId: PLAN, taskIds: [tasks[2]!.id] });
    ok(s, 'history.undo', { planId: PLAN });
    ok(s, 'history.redo', { planId: PLAN });
    ok(s, 'plans.update', { planId: PLAN, patch: { issuer: '重庆市人民政府办公厅' } });
    const v2 = createVersion(s.ctx, { planId: PLAN, name: 'v2' });
    for (const e of ['plan', 'plan_district', 'cluster', 'indicator', 'target', 'task'] as const) {
      expect(versionRows(s, PLAN, v2.seq, e)).toEqual(currentRows(s, PLAN, e));
    }
  });
});

describe('versions: cost', () => {
  function bigStore(tasks: number) {
    return openStore(tempFile(), { create: 'seed', seeds: generatePlanBundle({ tasks, districts: 10, years: 5 }) });
  }

  it('creating a version writes rows in proportion to what changed, not to the size of the plan', () => {
    const written: number[] = [];
    for (const n of [500, 5000]) {
      const s = bigStore(n);
      try {
        const first = createVersion(s.ctx, { planId: BIG_PLAN_ID, name: 'base' });
        expect(first.rowsWritten).toBeGreaterThan(n); // the first version stores the plan once
        applyEdits(s, BIG_PLAN_ID, [
          ...Array.from({ length: 20 }, (_, i) => ({ op: 'set' as const, entity: 'task' as const, id: `bt-${i * 7}`, field: 'status', value: '进行中' })),
          { op: 'delete', entity: 'task', id: 'bt-3' },
          { op: 'insertTask', planId: BIG_PLAN_ID, title: '新任务', sortOrder: n + 1, id: 'bt-new' },
          { op: 'set', entity: 'target', id: 'bi-revenue/district/bd-1/2022/target', field: 'value', value: '999' },
        ]);
        const before = s.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM version_rows').get()!.n;
        const v = createVersion(s.ctx, { planId: BIG_PLAN_ID, name: 'next' });
        const after = s.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM version_rows').get()!.n;
        written.push(v.rowsWritten);
        // 20 changed (close + insert), 1 removed (close), 1 added, 1 target (close + insert)
        expect(v.rowsWritten).toBe(20 * 2 + 1 + 1 + 2);
        expect(after - before).toBe(20 + 1 + 1); // new contents; the others only closed
      } finally {
        s.close();
      }
    }
    expect(written[0]).toBe(written[1]);
  });
});

/**
 * Every write answers with the change set it made (contract/changes.ts): exactly the records it
 * inserted, changed and removed, by domain, with the records the views apply as they are now.
 * The oracle is independent of the recorder: every plan-data table is read before and after the
 * write and compared row by row.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ok, seededStore } from '../helpers/store.ts';
import { ChangeCollector, MAX_ROWS } from '../../db/audit/changes.ts';
import type { PlanStore } from '../../db/store.ts';
import { operations } from '../../contract/operations.ts';
import { changes as changesSchema, type Changes, type ChangeDomain } from '../../contract/changes.ts';
import type { Task, TargetValue } from '../../contract/entities.ts';
import { exportPlanXlsx } from '../../db/export/xlsx/export-plan.ts';
import { runJob, arrayBuffer } from '../helpers/transfer.ts';
import { backupNow, restoreNow } from '../safety/backup-jobs.ts';
import type { TargetMatrix } from '../../contract/ops/targets.ts';
import { applyTargetChanges } from '../../domain/target-matrix.ts';

const PLAN = 'p-yufu-2023-13';
const REVENUE = `${PLAN}/i/revenue`;
const JIANGJIN = 'd-500116';

type Snapshot = Record<ChangeDomain, Map<string, string>>;

/** Every record of every domain, keyed by id, as JSON (tasks with their departments and districts). */
function snapshot(s: PlanStore): Snapshot {
  const rows = (sql: string, key: (r: Record<string, unknown>) => string) =>
    new Map(s.db.prepare<[], Record<string, unknown>>(sql).all().map((r) => [key(r), JSON.stringify(r)]));
  const byId = (r: Record<string, unknown>) => String(r.id);
  const relations = new Map<string, string[]>();
  for (const r of s.db.prepare<[], { task_id: string; rel: string }>(
    "SELECT task_id, role || ':' || department_id || ':' || position AS rel FROM task_departments UNION ALL SELECT task_id, 'district:' || district_id || ':' || position FROM task_districts ORDER BY 1, 2",
  ).all()) relations.set(r.task_id, [...(relations.get(r.task_id) ?? []), r.rel]);
  const tasks = rows('SELECT * FROM tasks', byId);
  for (const [id, json] of tasks) tasks.set(id, json + JSON.stringify(relations.get(id) ?? []));
  const districts = rows('SELECT * FROM districts', byId);
  for (const [k, v] of rows('SELECT * FROM plan_districts', (r) => `${String(r.plan_id)}|${String(r.district_id)}`)) districts.set(k, v);
  return {
    plans: rows('SELECT * FROM plans', byId),
    districts,
    clusters: rows('SELECT * FROM clusters', byId),
    indicators: rows('SELECT * FROM indicators', byId),
    targets: rows('SELECT * FROM target_values', byId),
    departments: rows('SELECT * FROM departments', byId),
    tasks,
    comments: rows('SELECT * FROM comments', byId),
    keys: rows('SELECT * FROM trusted_keys', (r) => String(r.fingerprint)),
  };
}

const sorted = (ids: Iterable<string>) => [...ids].sort();

/** What the tables say changed, in the change set's terms (plans' updated_at aside: it is a clock, not a change the recorder keeps). */
function expected(before: Snapshot, after: Snapshot): Partial<Record<ChangeDomain, { changed: string[]; added: string[]; removed: string[] }>> {
  const out: Partial<Record<ChangeDomain, { changed: string[]; added: string[]; removed: string[] }>> = {};
  for (const domain of Object.keys(before) as ChangeDomain[]) {
    const a = before[domain];
    const b = after[domain];
    const changed = [...b.keys()].filter((k) => a.get(k) !== b.get(k));
    const added = changed.filter((k) => !a.has(k));
    const removed = [...a.keys()].filter((k) => !b.has(k));
    if (changed.length || removed.length) out[domain] = { changed: sorted(changed), added: sorted(added), removed: sorted(removed) };
  }
  return out;
}

function named(c: Changes): Partial<Record<ChangeDomain, { changed: string[]; added: string[]; removed: string[] }>> {
  const out: Partial<Record<ChangeDomain, { changed: string[]; added: string[]; removed: string[] }>> = {};
  for (const domain of ['plans', 'districts', 'clusters', 'indicators', 'targets', 'departments', 'tasks', 'comments', 'keys'] as const) {
    const d = c[domain];
    if (d) out[domain] = { changed: sorted(d.changed), added: sorted(d.added), removed: sorted(d.removed) };
  }
  return out;
}

/** Runs a write through the dispatcher; checks its change set against the tables and the contract; returns it. */
function write(s: PlanStore, name: keyof typeof operations, input: unknown): { value: Record<string, unknown>; changes: Changes } {
  const before = snapshot(s);
  const value = ok<Record<string, unknown>>(s, name, input);
  const after = snapshot(s);
  const parsed = operations[name].output.safeParse(value);
  expect(parsed.success, `${name}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
  const changes = changesSchema.parse(value.changes);
  expect(named(changes), name).toEqual(expected(before, after));
  checkRows(s, changes);
  return { value, changes };
}

/** The records a change set carries are the records as they are now, in the order of `changed`. */
function checkRows(s: PlanStore, c: Changes): void {
  if (c.targets && !c.targets.truncated) {
    expect(c.targets.rows.map((r) => r.id)).toEqual(c.targets.changed);
    for (const r of c.targets.rows) {
      const db = s.db.prepare<[string], { value: string | null; text: string | null; year: number }>('SELECT value, text, year FROM target_values WHERE id = ?').get(r.id);
      expect({ value: r.value, text: r.text, year: r.year }).toEqual(db);
    }
  }
  if (c.tasks && !c.tasks.truncated && c.tasks.rows.length) {
    expect(c.tasks.rows.map((r) => r.id)).toEqual(c.tasks.changed);
    const planId = c.tasks.rows[0]!.planId;
    const listed = new Map(ok<{ rows: Task[] }>(s, 'tasks.list', { planId, limit: 5000 }).rows.map((t) => [t.id, t]));
    for (const r of c.tasks.rows) expect(r).toEqual(listed.get(r.id));
  }
}

const firstTasks = (s: PlanStore, n = 3) => ok<{ rows: Task[] }>(s, 'tasks.list', { planId: PLAN, limit: n }).rows;
const jiangjin2027 = (s: PlanStore) =>
  s.db.prepare<[string, string], { id: string }>("SELECT id FROM target_values WHERE indicator_id = ? AND scope = 'district' AND scope_id = ? AND year = 2027 AND kind = 'target'").get(REVENUE, JIANGJIN)!.id;

describe('writes answer with exactly what they changed', () => {
  it('targets.set: an existing cell names its value field; a new cell arrives whole', () => {
    const s = seededStore();
    const id = jiangjin2027(s);
    const { value, changes } = write(s, 'targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2027, kind: 'target', value: '3100' });
    expect(changes).toMatchObject({ planId: PLAN, everything: false, targets: { changed: [id], added: [], removed: [], truncated: false } });
    expect(changes.targets?.fields).toContain('value');
    expect(changes.targets?.rows[0]).toMatchObject({ id, value: '3100', scopeId: JIANGJIN, year: 2027 });
    expect(Object.keys(changes).filter((k) => !['changeSetId', 'planId', 'everything'].includes(k))).toEqual(['targets']);
    expect(changes.changeSetId).toBe(s.db.prepare<[], { id: number }>('SELECT max(id) AS id FROM change_sets').get()!.id);
    expect(value.target).toMatchObject({ value: '3100' });

    const added = write(s, 'targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2024, kind: 'actual', value: '2100' }).changes;
    expect(added.targets).toMatchObject({ added: [added.targets!.changed[0]], fields: ['*'] });
    expect(added.targets!.rows[0]).toMatchObject({ kind: 'actual', value: '2100' } satisfies Partial<TargetValue>);
  });

  it('targets.setMany: every pasted cell that changed, none that did not; an unchanged paste writes no change set', () => {
    const s = seededStore();
    const cell = (scopeId: string, year: number, value: string) => ({ indicatorId: REVENUE, scope: 'district', scopeId, year, kind: 'target', value });
    const current = s.db.prepare<[string], { value: string }>("SELECT value FROM target_values WHERE indicator_id = ? AND scope = 'district' AND scope_id = 'd-500118' AND year = 2027 AND kind = 'target'").get(REVENUE)!.value;
    const { changes } = write(s, 'targets.setMany', { planId: PLAN, cells: [cell(JIANGJIN, 2027, '3200'), cell(JIANGJIN, 2026, '2900'), cell('d-500118', 2027, current)] });
    expect(changes.targets?.changed).toHaveLength(2);
    const again = write(s, 'targets.setMany', { planId: PLAN, cells: [cell(JIANGJIN, 2027, '3200')] });
    expect(again.changes).toEqual({ changeSetId: null, planId: PLAN, everything: false });
  });

  it('tasks.update / updateMany / create / delete name the tasks, with the rows the ledger shows', () => {
    const s = seededStore();
    const [a, b, c] = firstTasks(s);
    const one = write(s, 'tasks.update', { taskId: a!.id, patch: { status: '滞后', participatingDepartments: [] } }).changes;
    expect(one.tasks).toMatchObject({ changed: [a!.id], added: [], removed: [] });
    expect(one.tasks!.fields).toEqual(expect.arrayContaining(['status', 'participating_departments', 'updated_at']));
    expect(one.tasks!.rows[0]).toMatchObject({ id: a!.id, status: '滞后', participatingDepartments: [] });

    const many = write(s, 'tasks.updateMany', { planId: PLAN, updates: [{ taskId: b!.id, patch: { progress: '甲' } }, { taskId: c!.id, patch: { deadline: '2026-06' } }] }).changes;
    expect(sorted(many.tasks!.changed)).toEqual(sorted([b!.id, c!.id]));

    // Inserted after the first task: every later task moves down one place, and is named.
    const created = write(s, 'tasks.create', { planId: PLAN, afterTaskId: a!.id, patch: { title: '新任务甲' } });
    const createdId = String(created.value.id);
    expect(created.changes.tasks!.added).toEqual([createdId]);
    expect(created.changes.tasks!.changed.length).toBeGreaterThan(1);
    expect(created.changes.tasks!.fields).toEqual(expect.arrayContaining(['*', 'sort_order']));

    const deleted = write(s, 'tasks.delete', { planId: PLAN, taskIds: [createdId, b!.id] }).changes;
    expect(deleted.tasks).toMatchObject({ changed: [], added: [], rows: [] });
    expect(sorted(deleted.tasks!.removed)).toEqual(sorted([createdId, b!.id]));
  });

  it('clusters.update, indicators.update, plans.update name their records (and the stated total they keep in step)', () => {
    const s = seededStore();
    const cl = write(s, 'clusters.update', { planId: PLAN, indicatorId: REVENUE, year: 2027, updates: [{ clusterId: `${PLAN}/c/9`, patch: { targetValue: '500', note: '按总量口径调整' } }] }).changes;
    expect(cl.clusters?.changed).toEqual([`${PLAN}/c/9`]);
    expect(cl.targets?.rows[0]).toMatchObject({ scope: 'cluster', scopeId: `${PLAN}/c/9`, value: '500' });

    const ind = write(s, 'indicators.update', { planId: PLAN, updates: [{ indicatorId: REVENUE, patch: { targetValue: '15,000' } }] }).changes;
    expect(ind.indicators?.changed).toEqual([REVENUE]);
    expect(ind.targets?.rows[0]).toMatchObject({ scope: 'plan', year: 2027, value: '15000' });

    const plan = write(s, 'plans.update', { planId: PLAN, patch: { title: '新标题' } }).changes;
    expect(plan.plans).toMatchObject({ changed: [PLAN], fields: ['title'] });
    expect(plan.plans!.rows[0]).toMatchObject({ id: PLAN, title: '新标题' });
  });

  it('breakdown.apply names every cell it spread, and the indicator target it keeps in step', () => {
    const s = seededStore();
    const request = { method: 'spread', indicatorId: REVENUE, over: 'district', year: 2027, kind: 'target', total: '15000', held: [], decimals: 0 };
    const { value, changes } = write(s, 'breakdown.apply', { request });
    expect(changes.changeSetId).toBe(value.changeSetId);
    expect(changes.targets!.changed.length).toBeGreaterThanOrEqual(Number(value.changedCount) - 1);
  });

  it('history.undo and history.redo answer with what they put back, like the write they reverse', () => {
    const s = seededStore();
    const [a] = firstTasks(s, 1);
    const id = jiangjin2027(s);
    ok(s, 'tasks.update', { taskId: a!.id, patch: { progress: '乙' } });
    ok(s, 'targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2027, kind: 'target', value: '3100' });
    const undone = write(s, 'history.undo', { planId: PLAN }).changes;
    expect(undone).toMatchObject({ planId: PLAN, targets: { changed: [id] } });
    expect(undone.targets!.rows[0]).toMatchObject({ id, value: '3000' });
    expect(undone.tasks).toBeUndefined();
    const undone2 = write(s, 'history.undo', { planId: PLAN }).changes;
    expect(undone2.tasks!.rows[0]).toMatchObject({ id: a!.id, progress: a!.progress });
    const redone = write(s, 'history.redo', { planId: PLAN }).changes;
    expect(redone.tasks!.rows[0]).toMatchObject({ id: a!.id, progress: '乙' });

    // Undo of a created task removes it; redo brings it back (as added).
    const created = ok<{ id: string }>(s, 'tasks.create', { planId: PLAN });
    expect(write(s, 'history.undo', { planId: PLAN }).changes.tasks).toMatchObject({ removed: [created.id] });
    expect(write(s, 'history.redo', { planId: PLAN }).changes.tasks).toMatchObject({ added: [created.id] });
    // Nothing left to redo: an empty change set.
    const nothing = write(s, 'history.redo', { planId: PLAN });
    expect(nothing.changes).toEqual({ changeSetId: null, planId: PLAN, everything: false });
  });

  it('tasks.renumber and versions.restore name what they rewrote; backups.restore says everything changed', async () => {
    const s = seededStore();
    const [a] = firstTasks(s, 1);
    ok(s, 'tasks.update', { taskId: a!.id, patch: { number: '99' } });
    const renumbered = write(s, 'tasks.renumber', { planId: PLAN }).changes.tasks!;
    expect(renumbered.changed).toContain(a!.id);
    expect(renumbered.fields).toEqual(['number']);

    const version = ok<{ id: number }>(s, 'versions.create', { planId: PLAN, name: '基线' });
    ok(s, 'targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2027, kind: 'target', value: '3100' });
    ok(s, 'tasks.delete', { planId: PLAN, taskIds: [a!.id] });
    const restored = write(s, 'versions.restore', { versionId: version.id }).changes;
    expect(restored.targets!.rows[0]).toMatchObject({ value: '3000' });
    expect(restored.tasks!.added).toEqual([a!.id]);

    const { name } = await backupNow(s);
    const back = await restoreNow(s, name);
    expect(back.changes).toEqual({ changeSetId: null, planId: null, everything: true });
  });

  it('import.apply: the applied job result carries the import’s change set', async () => {
    const s = seededStore();
    const planId = 'p-yufuban-2023-3';
    const bytes = await exportPlanXlsx(s.ctx, planId);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(arrayBuffer(bytes));
    wb.getWorksheet('任务台账')!.getRow(3).getCell(10).value = '已完成招商 3 个项目';
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const preview = await runJob(s, 'import.preview', { planId, fileName: 'f.xlsx', dataBase64: filled.toString('base64') });
    const before = snapshot(s);
    const job = await runJob(s, 'import.apply', { planId, fileName: 'f.xlsx', dataBase64: filled.toString('base64'), fingerprint: preview.preview!.fingerprint });
    expect(job.error).toBeNull();
    const changes = changesSchema.parse(job.applied!.changes);
    expect(named(changes)).toEqual(expected(before, snapshot(s)));
    expect(changes.tasks!.rows[0]).toMatchObject({ progress: '已完成招商 3 个项目' });
    checkRows(s, changes);
  });

  it('a change set too big to carry names its records and says so (views fetch again)', () => {
    const s = seededStore();
    const c = new ChangeCollector();
    for (let i = 0; i <= MAX_ROWS; i++) c.note('task', `t-${i}`, 'progress', 'a', 'b');
    c.note('target', 'gone', '*', '{}', null);
    c.note('target', 'tmp', '*', null, '{}');
    c.note('target', 'tmp', '*', '{}', null);
    const built = changesSchema.parse(c.build(s.ctx, { changeSetId: 1, planId: PLAN }));
    expect(built.tasks).toMatchObject({ truncated: true, rows: [], fields: ['progress'] });
    expect(built.tasks!.changed).toHaveLength(MAX_ROWS + 1);
    // Inserted and removed in the same write: as if it never was.
    expect(built.targets).toMatchObject({ changed: [], added: [], removed: ['gone'], truncated: false });
  });

  it('every write operation of the contract is marked as one and declares `changes` in its output', () => {
    const writes = Object.entries(operations).filter(([, o]) => 'write' in o && o.write).map(([n]) => n).sort();
    expect(writes).toEqual([
      'breakdown.apply', 'clusters.update', 'comments.add', 'comments.delete', 'comments.update', 'draft.create', 'history.redo', 'history.undo', 'indicators.update',
      'plans.addDistricts', 'plans.archive', 'plans.create', 'plans.delete', 'plans.removeDistricts', 'plans.unarchive', 'plans.update',
      'targets.set', 'targets.setMany', 'tasks.create', 'tasks.delete', 'tasks.renumber', 'tasks.update', 'tasks.updateMany', 'versions.restore',
      // s5-catalog: authoring of clusters, indicators, departments
      'clusters.create', 'clusters.delete', 'clusters.move', 'indicators.create', 'indicators.delete', 'indicators.move',
      'departments.create', 'departments.delete', 'departments.merge', 'departments.move', 'departments.rename', 'departments.setAliases',
      // s6-keys15: the keys a plan file trusts
      'keys.revoke', 'keys.trust',
      // s6-pkg15: 报送包
      'packages.apply', 'packages.export',
      // s6-ui15: 报送包 as bytes
      'packagefiles.export',
    ].sort());
  });
});

describe('a matrix with a change set applied in place equals the matrix fetched again', () => {
  const matrix = (s: PlanStore, scope: 'district' | 'cluster', kind: 'target' | 'actual' = 'target') => ok<TargetMatrix>(s, 'targets.matrix', { indicatorId: REVENUE, scope, kind });

  it('after typed cells, a paste, the stated total, a spread and an undo', () => {
    const s = seededStore();
    const cell = (scopeId: string, year: number, value: string, kind = 'target') => ({ indicatorId: REVENUE, scope: 'district', scopeId, year, kind, value });
    const steps: [keyof typeof operations, unknown][] = [
      ['targets.set', cell(JIANGJIN, 2027, '3100')],
      ['targets.setMany', { planId: PLAN, cells: [cell(JIANGJIN, 2026, '2,900'), cell('d-500118', 2027, ''), cell(JIANGJIN, 2025, '30左右')] }],
      ['targets.set', cell(JIANGJIN, 2024, '2100', 'actual')],
      ['indicators.update', { planId: PLAN, updates: [{ indicatorId: REVENUE, patch: { targetValue: '15,000' } }] }],
      ['breakdown.apply', { request: { method: 'spread', indicatorId: REVENUE, over: 'district', year: 2026, kind: 'target', total: '12000', held: [JIANGJIN], decimals: 1, blanks: 'share' } }],
      ['history.undo', { planId: PLAN }],
    ];
    let applied = 0;
    for (const [name, input] of steps) {
      const views = { target: matrix(s, 'district'), actual: matrix(s, 'district', 'actual'), clusters: matrix(s, 'cluster') };
      const { changes } = write(s, name, input);
      for (const [view, m] of Object.entries(views)) {
        const update = applyTargetChanges(m, changes.targets!);
        const fresh = ok<TargetMatrix>(s, 'targets.matrix', { indicatorId: REVENUE, scope: m.scope, kind: m.kind });
        if (update.kind === 'applied') applied++;
        if (update.kind === 'applied') expect(update.matrix, `${name} → ${view}`).toEqual(fresh);
        else expect(update.kind, `${name} → ${view}`).toBe(JSON.stringify(fresh) === JSON.stringify(m) ? 'untouched' : 'refetch');
      }
    }
    // Every step but the undo's removal was applied in place (the undo of a changed value is applied too).
    expect(applied).toBeGreaterThanOrEqual(8);
    // The district edits were applied in place, not refetched.
    const m = matrix(s, 'district');
    const { changes } = write(s, 'targets.set', cell(JIANGJIN, 2027, '3300'));
    expect(applyTargetChanges(m, changes.targets!)).toMatchObject({ kind: 'applied' });
  });

  it('a removed cell (undo of a first value) or a row the matrix lacks asks for a refetch', () => {
    const s = seededStore();
    ok(s, 'targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: JIANGJIN, year: 2024, kind: 'target', value: '2100' });
    const m = matrix(s, 'district');
    const undone = write(s, 'history.undo', { planId: PLAN }).changes;
    expect(applyTargetChanges(m, undone.targets!)).toEqual({ kind: 'refetch' });
    const stranger: TargetValue = { id: 'x', indicatorId: REVENUE, scope: 'district', scopeId: 'not-in-the-matrix', year: 2027, period: '', kind: 'target', value: '1', text: null, source: null };
    expect(applyTargetChanges(m, { rows: [stranger], removed: [], truncated: false })).toEqual({ kind: 'refetch' });
    expect(applyTargetChanges(m, { rows: [{ ...stranger, indicatorId: 'another' }], removed: [], truncated: false })).toEqual({ kind: 'untouched' });
    expect(applyTargetChanges(m, { rows: [], removed: [], truncated: true })).toEqual({ kind: 'refetch' });
  });
});

/**
 * Authoring plans (issue 14 §1, db/plans/create.ts, delete.ts): create blank or as a copy for a new
 * period, archive, delete — each one change set, validated, undoable.
 */
import { describe, expect, it } from 'vitest';
import { dumpTables, ok, seededStore } from '../helpers/store.ts';
import type { PlanHeader, PlanOverview, PlanSummary, Task } from '../../contract/entities.ts';
import type { PlanStore } from '../../db/store.ts';

const P13 = 'p-yufu-2023-13';
const header = { title: '重庆市测试规划（2028—2032年）', docNumber: '渝府〔2028〕1号', issuer: '重庆市人民政府', issueDate: '2028-01-15', periodStart: 2028, periodEnd: 2032, source: '测试' };

/** every table but the audit trail (which grows with every step, undo included) */
function content(s: PlanStore) {
  const { audit_log: _a, change_sets: _c, ...rest } = dumpTables(s);
  return rest;
}

describe('plans.create', () => {
  it('makes a blank plan with its header and districts; undo removes it, redo brings it back', () => {
    const s = seededStore();
    const before = content(s);
    const p = ok<PlanHeader>(s, 'plans.create', { header, districtIds: ['d-500116', 'd-500151'] });
    expect(p).toMatchObject({ title: header.title, docNumber: header.docNumber, issuer: header.issuer, issueDate: '2028-01-15', periodStart: 2028, periodEnd: 2032, source: '测试', archivedAt: null, originPlanId: null });
    const o = ok<PlanOverview>(s, 'plans.get', { planId: p.id });
    expect(o.districts.map((d) => d.name)).toEqual(['江津区', '铜梁区']);
    expect(o.clusters).toEqual([]);
    expect(o.taskCount).toBe(0);
    expect(ok<PlanSummary[]>(s, 'plans.list', {}).map((x) => x.id)).toContain(p.id);
    ok(s, 'history.undo', { planId: p.id });
    expect(content(s)).toEqual(before);
    ok(s, 'history.redo', { planId: p.id });
    expect(ok<PlanOverview>(s, 'plans.get', { planId: p.id }).districts).toHaveLength(2);
  });

  it.each([
    [{ title: ' ' }, 'title', /规划标题不能为空/],
    [{ issuer: '' }, 'issuer', /发文机关不能为空/],
    [{ issueDate: '2028-02-30' }, 'issueDate', /发布日期“2028-02-30”格式不对/],
    [{ periodStart: 1800 }, 'periodStart', /规划起始年份 1800/],
    [{ periodEnd: 2027 }, 'periodEnd', /规划截止年份 2027 早于起始年份 2028/],
    [{ title: 'a\u0000b' }, 'header.title', /NUL/], // refused at the boundary (db/dispatch.ts), before the rules
  ])('refuses %j naming the field, and writes nothing', (patch, field, message) => {
    const s = seededStore();
    const before = dumpTables(s);
    const r = s.call('plans.create', { header: { ...header, ...patch } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_INPUT');
    expect(r.error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.stringMatching(message) })]));
    expect(dumpTables(s)).toEqual(before);
  });

  it.each([
    ['渝府〔2023〕13号', 'as written'],
    ['渝府[2023]13号', 'with square brackets'],
    ['渝府［２０２３］13号', 'with full-width brackets and digits'],
    [' 渝府 (2023) 13号 ', 'with spaces and round brackets'],
  ])('refuses the 文号 %j of another plan (%s), naming it, and writes nothing', (docNumber) => {
    const s = seededStore();
    const before = dumpTables(s);
    const r = s.call('plans.create', { header: { ...header, docNumber } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'CONFLICT', reason: 'plan.docNumberTakenCreate', params: { title: expect.stringContaining('渝西跨越计划') } });
    expect(r.error.message).toMatch(/已是规划“重庆市先进制造业发展“渝西跨越计划”.*未创建$/);
    expect(r.error.issues).toEqual([expect.objectContaining({ field: 'docNumber', reason: 'plan.docNumberTakenField' })]);
    expect(dumpTables(s)).toEqual(before);
  });

  it('a copy for a new period needs a 文号 of its own (or none); an archived plan keeps its number taken', () => {
    const s = seededStore();
    const r = s.call('plans.create', { header: { ...header, docNumber: '渝府〔2023〕13号' }, copyFrom: { planId: P13, targets: 'keep', tasks: false } });
    expect(r.ok ? null : r.error.code).toBe('CONFLICT');
    const copy = ok<PlanHeader>(s, 'plans.create', { header: { ...header, docNumber: '' }, copyFrom: { planId: P13, targets: 'keep', tasks: false } });
    expect(copy.docNumber).toBe('');
    // two plans without a 文号 are no clash
    ok<PlanHeader>(s, 'plans.create', { header: { ...header, title: '另一个无文号规划', docNumber: '' } });
    ok(s, 'plans.archive', { planId: P13 });
    const again = s.call('plans.create', { header: { ...header, docNumber: '渝府〔2023〕13号' } });
    expect(again.ok ? null : again.error.code).toBe('CONFLICT');
  });

  it('plans.update refuses a 文号 another plan has, and saves a header whose number it leaves as it was', () => {
    const s = seededStore();
    const before = dumpTables(s);
    const r = s.call('plans.update', { planId: P13, patch: { docNumber: '渝府办〔2023〕3号' } });
    expect(r.ok ? null : r.error).toMatchObject({ code: 'CONFLICT', reason: 'plan.docNumberTaken' });
    expect(dumpTables(s)).toEqual(before);
    // its own number, sent again with another field (the header form sends every field): saved
    const same = ok<PlanHeader>(s, 'plans.update', { planId: P13, patch: { docNumber: '渝府〔2023〕13号', title: '改过的标题' } });
    expect(same).toMatchObject({ docNumber: '渝府〔2023〕13号', title: '改过的标题' });
    // its own number written with other brackets: still its own
    expect(ok<PlanHeader>(s, 'plans.update', { planId: P13, patch: { docNumber: '渝府[2023]13号' } }).docNumber).toBe('渝府[2023]13号');
  });

  it('refuses an unknown district without writing', () => {
    const s = seededStore();
    const before = dumpTables(s);
    const r = s.call('plans.create', { header, districtIds: ['d-500116', 'd-999999'] });
    expect(r.ok ? null : r.error.issues).toEqual([{ field: 'districtIds[1]', message: '区县列表中没有“d-999999”' }]);
    expect(dumpTables(s)).toEqual(before);
  });

  it('copies 13号 for a new period keeping targets and carrying tasks (not started), linked to its origin', () => {
    const s = seededStore();
    const origin = ok<PlanOverview>(s, 'plans.get', { planId: P13 });
    ok(s, 'tasks.update', { taskId: `${P13}/t/4-3`, patch: { status: '进行中', progress: '已开工' } });
    const p = ok<PlanHeader>(s, 'plans.create', { header, copyFrom: { planId: P13, targets: 'keep', tasks: true } });
    expect(p.originPlanId).toBe(P13);
    expect(p.maxPriorityIndustries).toBe(2);
    const copy = ok<PlanOverview>(s, 'plans.get', { planId: p.id });
    expect(copy.districts.map((d) => [d.id, d.priorityIndustries])).toEqual(origin.districts.map((d) => [d.id, d.priorityIndustries]));
    expect(copy.clusters.map((c) => c.name)).toEqual(origin.clusters.map((c) => c.name));
    expect(copy.clusters.every((c) => !origin.clusters.some((o) => o.id === c.id))).toBe(true);
    expect(copy.indicators.map((i) => [i.name, i.targetValue])).toEqual(origin.indicators.map((i) => [i.name, i.targetValue]));
    const values = (o: PlanOverview) => [...o.districts.flatMap((d) => d.targets), ...o.clusters.flatMap((c) => c.targets), ...o.indicators.flatMap((i) => i.targets)].map((t) => `${t.scope}/${t.year}/${t.value}/${t.text}`).sort();
    expect(values(copy)).toEqual(values(origin));
    expect(values(copy).length).toBeGreaterThan(20);
    // cluster targets point at the copy's own clusters
    expect(copy.clusters.every((c) => c.targets.every((t) => t.scopeId === c.id))).toBe(true);
    const tasks = ok<{ rows: Task[]; total: number }>(s, 'tasks.list', { planId: p.id, limit: 100 });
    expect(tasks.total).toBe(origin.taskCount);
    expect(tasks.rows.every((t) => t.status === '未开始' && t.progress === null)).toBe(true);
    const orig = ok<{ rows: Task[] }>(s, 'tasks.list', { planId: P13, limit: 100 }).rows;
    expect(tasks.rows.map((t) => [t.number, t.title, t.leadDepartments.map((d) => d.name), t.districts.map((d) => d.name)])).toEqual(
      orig.map((t) => [t.number, t.title, t.leadDepartments.map((d) => d.name), t.districts.map((d) => d.name)]),
    );
    // the origin is untouched
    expect(ok<PlanOverview>(s, 'plans.get', { planId: P13 }).indicators).toEqual(origin.indicators);
  });

  it('copies with targets cleared and no tasks: the structure only', () => {
    const s = seededStore();
    const p = ok<PlanHeader>(s, 'plans.create', { header, copyFrom: { planId: P13, targets: 'clear', tasks: false } });
    const copy = ok<PlanOverview>(s, 'plans.get', { planId: p.id });
    expect(copy.districts).toHaveLength(8);
    expect(copy.clusters).toHaveLength(9);
    expect(copy.indicators).toHaveLength(9);
    expect([...copy.districts, ...copy.clusters, ...copy.indicators].flatMap((x) => x.targets)).toEqual([]);
    expect(copy.taskCount).toBe(0);
  });
});

describe('plans.archive / unarchive', () => {
  it('hides an archived plan from plans.list unless asked, keeps it readable, and undoes', () => {
    const s = seededStore();
    const a = ok<PlanHeader>(s, 'plans.archive', { planId: P13 });
    expect(a.archivedAt).not.toBeNull();
    expect(ok<PlanSummary[]>(s, 'plans.list', {}).map((p) => p.id)).not.toContain(P13);
    expect(ok<PlanSummary[]>(s, 'plans.list', { includeArchived: true }).find((p) => p.id === P13)?.archivedAt).toBe(a.archivedAt);
    expect(ok<PlanOverview>(s, 'plans.get', { planId: P13 }).plan.archivedAt).toBe(a.archivedAt);
    // archiving again writes nothing
    expect(ok<{ changes: { changeSetId: number | null } }>(s, 'plans.archive', { planId: P13 }).changes.changeSetId).toBeNull();
    ok(s, 'history.undo', { planId: P13 });
    expect(ok<PlanSummary[]>(s, 'plans.list', {}).map((p) => p.id)).toContain(P13);
    ok(s, 'plans.archive', { planId: P13 });
    expect(ok<PlanHeader>(s, 'plans.unarchive', { planId: P13 }).archivedAt).toBeNull();
  });
});

describe('plans.delete', () => {
  it('removes the plan and all it holds; undo restores everything (versions and comments too); redo deletes again', () => {
    const s = seededStore();
    ok(s, 'versions.create', { planId: P13, name: '初稿' });
    ok(s, 'tasks.update', { taskId: `${P13}/t/4-3`, patch: { status: '进行中' } });
    ok(s, 'versions.create', { planId: P13, name: '二稿' });
    ok(s, 'comments.add', { planId: P13, on: { target: 'task', taskId: `${P13}/t/4-3` }, body: '请核实' });
    const before = content(s);
    const r = ok<{ deleted: Record<string, number> }>(s, 'plans.delete', { planId: P13 });
    expect(r.deleted).toEqual({ districts: 8, clusters: 9, indicators: 9, targets: 26, tasks: 21, comments: 1, versions: 2 });
    expect(s.call('plans.get', { planId: P13 }).ok).toBe(false);
    expect(ok<PlanSummary[]>(s, 'plans.list', { includeArchived: true }).map((p) => p.id)).not.toContain(P13);
    const gone = content(s);
    // the ledger's figures (migration 005) hold nothing of a deleted plan
    expect(s.db.prepare('SELECT (SELECT count(*) FROM task_figures WHERE plan_id = ?) + (SELECT count(*) FROM task_department_figures WHERE plan_id = ?) AS n').get(P13, P13)).toEqual({ n: 0 });
    for (const t of ['plan_districts', 'clusters', 'indicators', 'tasks', 'comments', 'versions', 'version_rows'] as const) expect(gone[t]!.length).toBeLessThan(before[t]!.length);
    ok(s, 'history.undo', { planId: P13 });
    expect(content(s)).toEqual(before);
    expect(ok<unknown[]>(s, 'versions.list', { planId: P13 })).toHaveLength(2);
    expect(ok<unknown[]>(s, 'comments.list', { planId: P13 })).toHaveLength(1);
    ok(s, 'history.redo', { planId: P13 });
    expect(content(s)).toEqual(gone);
    expect(s.db.pragma('foreign_key_check')).toEqual([]);
  });
});

describe('plans.update of the period', () => {
  it.each([
    [2028, 2032],
    [2018, 2022],
    [2025, 2026],
  ])('moves 13号 to %i—%i and back with undo and redo (never through an end before the start)', (start, end) => {
    const s = seededStore();
    ok(s, 'plans.update', { planId: P13, patch: { periodStart: start, periodEnd: end } });
    ok(s, 'history.undo', { planId: P13 });
    expect(ok<PlanOverview>(s, 'plans.get', { planId: P13 }).plan).toMatchObject({ periodStart: 2023, periodEnd: 2027 });
    ok(s, 'history.redo', { planId: P13 });
    expect(ok<PlanOverview>(s, 'plans.get', { planId: P13 }).plan).toMatchObject({ periodStart: start, periodEnd: end });
  });
});

describe('archiving in versions', () => {
  it('a version keeps whether the plan was archived; the comparison shows it', () => {
    const s = seededStore();
    ok(s, 'versions.create', { planId: P13, name: '归档前' });
    ok(s, 'plans.archive', { planId: P13 });
    const cmp = ok<{ rows: { table: string; cells: { field: string; old: unknown; new: unknown }[] }[] }>(s, 'versions.compare', { planId: P13, from: ok<{ id: number }[]>(s, 'versions.list', { planId: P13 })[0]!.id, to: 'current' });
    const plan = cmp.rows.find((r) => r.table === 'plan');
    expect(plan?.cells.find((c) => c.field === 'archived_at')).toMatchObject({ old: null });
  });
});

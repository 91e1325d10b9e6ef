/** A plan's districts (db/plans/districts.ts): chosen from the common list, by id or by group; removal asks when it takes values or tasks. */
import { describe, expect, it } from 'vitest';
import { dumpTables, ok, seededStore } from '../helpers/store.ts';
import type { PlanHeader, PlanOverview, Task } from '../../contract/entities.ts';

const P13 = 'p-yufu-2023-13';
const header = { title: '新规划', issuer: '重庆市人民政府', periodStart: 2024, periodEnd: 2027 };
const content = (s: ReturnType<typeof seededStore>) => {
  const { audit_log: _a, change_sets: _c, ...rest } = dumpTables(s);
  return rest;
};

describe('plans.addDistricts', () => {
  it('adds all 渝西 by group (8 districts, none of them areas), and a single one; repeats are no change; undo', () => {
    const s = seededStore();
    const p = ok<PlanHeader>(s, 'plans.create', { header });
    const r = ok<{ added: string[] }>(s, 'plans.addDistricts', { planId: p.id, groups: ['渝西'] });
    expect(r.added.sort()).toEqual(['d-500111', 'd-500116', 'd-500117', 'd-500118', 'd-500120', 'd-500151', 'd-500152', 'd-500153']);
    ok(s, 'plans.addDistricts', { planId: p.id, districtIds: ['d-500101'] });
    expect(ok<PlanOverview>(s, 'plans.get', { planId: p.id }).districts.at(-1)?.name).toBe('万州区');
    expect(ok<{ added: string[]; changes: { changeSetId: number | null } }>(s, 'plans.addDistricts', { planId: p.id, districtIds: ['d-500116'] })).toMatchObject({ added: [], changes: { changeSetId: null } });
    ok(s, 'history.undo', { planId: p.id });
    expect(ok<PlanOverview>(s, 'plans.get', { planId: p.id }).districts).toHaveLength(8);
    // 主城新区 holds the 渝西 districts too
    const q = ok<PlanHeader>(s, 'plans.create', { header });
    expect(ok<{ added: string[] }>(s, 'plans.addDistricts', { planId: q.id, groups: ['主城新区'] }).added).toHaveLength(12);
  });

  it('refuses an unknown group or district, naming it, without writing', () => {
    const s = seededStore();
    const before = dumpTables(s);
    const r = s.call('plans.addDistricts', { planId: P13, groups: ['渝北'] });
    expect(r.ok ? null : r.error.issues).toEqual([{ field: 'groups[0]', message: '没有属于“渝北”的区县' }]);
    const r2 = s.call('plans.addDistricts', { planId: P13, districtIds: ['nope'] });
    expect(r2.ok ? null : r2.error.issues).toEqual([{ field: 'districtIds[0]', message: '区县列表中没有“nope”' }]);
    expect(dumpTables(s)).toEqual(before);
  });
});

describe('plans.removeDistricts', () => {
  it('asks first when the district has values or tasks, then removes them with it; undo puts all back', () => {
    const s = seededStore();
    expect(ok(s, 'plans.districtUse', { planId: P13, districtIds: ['d-500116'] })).toEqual([{ districtId: 'd-500116', name: '江津区', targets: 1, tasks: 14 }]);
    const before = content(s);
    const r = s.call('plans.removeDistricts', { planId: P13, districtIds: ['d-500116'] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('NEEDS_CONFIRMATION');
    expect(r.error.issues).toEqual([{ field: 'd-500116', message: '江津区：1 个目标值，14 项任务' }]);
    expect(content(s)).toEqual(before);
    const done = ok<{ removed: string[]; targetsRemoved: number; tasksChanged: number }>(s, 'plans.removeDistricts', { planId: P13, districtIds: ['d-500116'], confirm: true });
    expect(done).toMatchObject({ removed: ['d-500116'], targetsRemoved: 1, tasksChanged: 14 });
    const o = ok<PlanOverview>(s, 'plans.get', { planId: P13 });
    expect(o.districts.map((d) => d.name)).not.toContain('江津区');
    const tasks = ok<{ rows: Task[] }>(s, 'tasks.list', { planId: P13, limit: 100 }).rows;
    expect(tasks.some((t) => t.districts.some((d) => d.name === '江津区'))).toBe(false);
    expect(tasks.filter((t) => t.districts.length === 7)).toHaveLength(13); // and 四's 江津区 paragraph now names no district
    ok(s, 'history.undo', { planId: P13 });
    expect(content(s)).toEqual(before);
  });

  it('removes a district without values at once', () => {
    const s = seededStore();
    const p = ok<PlanHeader>(s, 'plans.create', { header, districtIds: ['d-500229'] });
    expect(ok(s, 'plans.removeDistricts', { planId: p.id, districtIds: ['d-500229'] })).toMatchObject({ removed: ['d-500229'], targetsRemoved: 0 });
    const r = s.call('plans.removeDistricts', { planId: p.id, districtIds: ['d-500229'] });
    expect(r.ok ? null : r.error.message).toMatch(/不在这个规划中/);
  });
});

describe('areas are a kind of their own', () => {
  it("26号's split by area counts areas by kind, not by a missing code", () => {
    const s = seededStore();
    const P26 = 'p-yubanfa-2023-26';
    const id = (s.db.prepare("SELECT id FROM plans WHERE doc_number LIKE '%26号'").get() as { id: string } | undefined)?.id ?? P26;
    const count = () => ok<{ id: string; areaCount: number; districtCount: number }[]>(s, 'plans.list', {}).find((p) => p.id === id);
    expect(count()).toMatchObject({ districtCount: 0, areaCount: 3 });
    // an area that carries some code is still an area
    s.db.prepare("UPDATE districts SET code = '000001' WHERE name = '中心城区'").run();
    expect(count()).toMatchObject({ areaCount: 3 });
    expect(ok<PlanOverview>(s, 'plans.get', { planId: id }).areas.map((a) => [a.name, a.kind])).toEqual(
      expect.arrayContaining([['中心城区', 'area'], ['主城新区', 'area'], ['“两群”地区', 'area']]),
    );
  });
});

/** 片区 (areas that are not districts) are counted and named truthfully (issue 13): 26号 splits its targets over 3 areas. */
import { describe, expect, it } from 'vitest';
import { ok, seededStore } from '../helpers/store.ts';
import type { PlanOverview, PlanSummary } from '../../contract/entities.ts';

describe('areas of a plan', () => {
  it('26号: 0 districts, 3 areas with their targets; 13号: 8 districts, no area', () => {
    const store = seededStore();
    const plans = ok<PlanSummary[]>(store, 'plans.list', {});
    const p26 = plans.find((p) => p.id === 'p-yufubanfa-2023-26');
    expect(p26).toMatchObject({ districtCount: 0, areaCount: 3 });
    expect(plans.find((p) => p.id === 'p-yufu-2023-13')).toMatchObject({ districtCount: 8, areaCount: 0 });
    const o = ok<PlanOverview>(store, 'plans.get', { planId: 'p-yufubanfa-2023-26' });
    expect(o.districts).toEqual([]);
    expect(o.areas.map((a) => a.name).sort()).toEqual(['“两群”地区', '中心城区', '主城新区'].sort());
    expect(o.areas.every((a) => a.code === null && a.targets.length === 2)).toBe(true);
    // An area value emptied (e.g. by an import) no longer counts.
    store.db.prepare("UPDATE target_values SET value = NULL WHERE scope_id = 'a-liangqun'").run();
    expect(ok<PlanSummary[]>(store, 'plans.list', {}).find((p) => p.id === 'p-yufubanfa-2023-26')?.areaCount).toBe(2);
    expect(ok<PlanOverview>(store, 'plans.get', { planId: 'p-yufubanfa-2023-26' }).areas).toHaveLength(2);
  });
});

/** Annual breakdown, top-down spread with held districts, bottom-up roll-up: previews write nothing, apply is one undo step. */
import { describe, expect, it } from 'vitest';
import { dumpTables, ok, seededStore } from '../helpers/store.ts';
import type { BreakdownPreview } from '../../contract/ops/breakdown.ts';
import { districts, indicator, smallStore, target } from '../helpers/analysis.ts';

type Applied = BreakdownPreview & { changeSetId: number | null };
const REV = 'p-yufu-2023-13/i/revenue';
const PLAN = 'p-yufu-2023-13';

function districtValues(store: ReturnType<typeof seededStore>, year = 2027): Record<string, string | null> {
  const rows = store.db
    .prepare<[string, number], { scope_id: string; value: string | null }>("SELECT scope_id, value FROM target_values WHERE indicator_id = ? AND scope = 'district' AND year = ? AND kind = 'target' ORDER BY scope_id")
    .all(REV, year);
  return Object.fromEntries(rows.map((r) => [r.scope_id, r.value]));
}

describe('top-down spread (13号 营业收入 over the eight 渝西 districts)', () => {
  it('previews without writing, applies as one change set, and one undo restores every cell', () => {
    const store = seededStore();
    const request = { method: 'spread', indicatorId: REV, over: 'district', year: 2027, kind: 'target', total: '14700', held: ['d-500116'], decimals: 0 };
    const before = dumpTables(store);
    const preview = ok<BreakdownPreview>(store, 'breakdown.preview', request);
    expect(dumpTables(store)).toEqual(before);

    // 江津 held at 3000; the other seven (11000) share 11700: × 117/110.
    const byName = Object.fromEntries(preview.rows.map((r) => [r.name, r]));
    expect(byName['江津区']?.next).toBe('3000');
    expect(byName['江津区']?.changed).toBe(false);
    expect(byName['永川区']?.next).toBe('3510'); // 3300 × 117/110 = 3510 exactly
    expect(byName['大足区']?.next).toBe('1064'); // 1063.63… → 1064 (largest remainder)
    expect(byName['规划总量']).toMatchObject({ current: '14000', next: '14700', change: '700', changed: true });
    const sum = preview.rows.filter((r) => r.scope === 'district').reduce((a, r) => a + Number(r.next), 0);
    expect(sum).toBe(14700);
    expect(preview.changedCount).toBe(8); // seven districts + the total
    // 大足, 潼南, 荣昌 each 1063.64 exactly: one of them takes the rounding residue, and the preview says so.
    expect(preview.notes).toContain('为使合计正好等于总量，荣昌区的取整尾数作了调整（最大余数法）');

    const applied = ok<Applied>(store, 'breakdown.apply', { request, basis: preview.basis });
    expect(applied.changeSetId).not.toBeNull();
    expect(districtValues(store)['d-500118']).toBe('3510');
    // The indicator's own target follows the plan total of its target year.
    expect(store.db.prepare('SELECT target_value, target_text FROM indicators WHERE id = ?').get(REV)).toEqual({ target_value: '14700', target_text: null });
    expect(ok<{ undoLabel: string }>(store, 'history.status', { planId: PLAN }).undoLabel).toBe(preview.label);

    ok(store, 'history.undo', { planId: PLAN });
    const after = dumpTables(store);
    expect(after.target_values).toEqual(before.target_values);
    expect(after.indicators).toEqual(before.indicators);
  });

  it('refuses a stale preview, a total below the held districts, and unknown held rows', () => {
    const store = seededStore();
    const request = { method: 'spread', indicatorId: REV, over: 'district', year: 2027, kind: 'target', total: '15000', held: [], decimals: 0 };
    const preview = ok<BreakdownPreview>(store, 'breakdown.preview', request);
    ok(store, 'targets.set', { indicatorId: REV, scope: 'district', scopeId: 'd-500116', year: 2027, kind: 'target', value: '3100' });
    const stale = store.call('breakdown.apply', { request, basis: preview.basis });
    expect(!stale.ok && stale.error.code).toBe('CONFLICT');
    const low = store.call('breakdown.preview', { ...request, total: '2000', held: ['d-500116'] });
    expect(!low.ok && low.error.message).toContain('已超过总量');
    const unknown = store.call('breakdown.preview', { ...request, held: ['d-999'] });
    expect(!unknown.ok && unknown.error.code).toBe('INVALID_INPUT');
  });
});

describe('blank districts in a top-down spread (issue 13)', () => {
  it('璧山/铜梁/潼南 left blank stay blank (not 0); asked to share, they take the average share', () => {
    const store = seededStore();
    const blank = ['d-500120', 'd-500151', 'd-500152'];
    ok(store, 'targets.setMany', { planId: PLAN, cells: blank.map((scopeId) => ({ indicatorId: REV, scope: 'district', scopeId, year: 2027, kind: 'target', value: '' })) });
    const request = { method: 'spread', indicatorId: REV, over: 'district', year: 2027, kind: 'target', total: '14700', held: [], decimals: 0 };
    const preview = ok<BreakdownPreview>(store, 'breakdown.preview', request);
    const byName = Object.fromEntries(preview.rows.map((r) => [r.name, r]));
    for (const n of ['璧山区', '铜梁区', '潼南区']) expect(byName[n]).toMatchObject({ current: null, next: null, changed: false });
    expect(preview.notes).toContain('璧山区、铜梁区、潼南区没有现值，保持空白，未参与分配');
    ok(store, 'breakdown.apply', { request, basis: preview.basis });
    const after = districtValues(store);
    for (const d of blank) expect(after[d] ?? null).toBeNull();
    const sum = Object.values(after).reduce((a, v) => a + Number(v ?? 0), 0);
    expect(sum).toBe(14700);

    ok(store, 'history.undo', { planId: PLAN });
    const shared = ok<BreakdownPreview>(store, 'breakdown.preview', { ...request, blanks: 'share' });
    const s2 = Object.fromEntries(shared.rows.map((r) => [r.name, r]));
    for (const n of ['璧山区', '铜梁区', '潼南区']) expect(Number(s2[n]?.next)).toBeGreaterThan(0);
    expect(shared.rows.filter((r) => r.scope === 'district').reduce((a, r) => a + Number(r.next), 0)).toBe(14700);
  });
});

describe('bottom-up roll-up', () => {
  it('13号 clusters roll up to 14100 (the documents’ +100), one undo restores 14000', () => {
    const store = seededStore();
    const request = { method: 'rollup', indicatorId: REV, from: 'cluster', year: 2027, kind: 'target' };
    const preview = ok<BreakdownPreview>(store, 'breakdown.preview', request);
    const total = preview.rows.find((r) => r.scope === 'plan');
    expect(total).toMatchObject({ current: '14000', currentText: '1.4万亿元', next: '14100', change: '100', changed: true });
    expect(preview.changedCount).toBe(1);
    ok(store, 'breakdown.apply', { request });
    const planValue = () => store.db.prepare("SELECT value, text FROM target_values WHERE indicator_id = ? AND scope = 'plan' AND year = 2027").get(REV);
    expect(planValue()).toEqual({ value: '14100', text: null });
    ok(store, 'history.undo', { planId: PLAN });
    expect(planValue()).toEqual({ value: '14000', text: '1.4万亿元' });
  });

  it('districts already adding up: nothing to change, no change set', () => {
    const store = seededStore();
    const applied = ok<Applied>(store, 'breakdown.apply', { request: { method: 'rollup', indicatorId: REV, from: 'district', year: 2027, kind: 'target' } });
    expect(applied.changedCount).toBe(0);
    expect(applied.changeSetId).toBeNull();
  });
});

describe('annual fill between baseline and target', () => {
  const store = () =>
    smallStore((b) => {
      const p = b.plan({ id: 'p1', periodStart: 2021, periodEnd: 2025 });
      p.districts = districts(['d-a']);
      p.indicators = [indicator('p1/sw', '软件业务收入', '亿元', { baselineYear: 2020, baselineValue: '2000', targetYear: 2025, targetValue: '5000', statedGrowthText: '18%' })];
      p.targets = [target('p1/sw', 'plan', null, 2025, '5000'), target('p1/sw', 'plan', null, 2023, '3300', '3300亿元')];
    });
  const fill = { method: 'fill', indicatorId: 'p1/sw', scope: 'plan', scopeId: null, baselineYear: 2020, baselineValue: '2000', targetYear: 2025, targetValue: '5000', decimals: 2 };

  it('constant growth 2000 → 5000: 2402.25, 2885.4, 3465.72, 4162.77 at 20.11% a year; one undo removes all', () => {
    const s = store();
    const before = dumpTables(s);
    const preview = ok<BreakdownPreview>(s, 'breakdown.preview', { ...fill, fill: 'growth', keepExisting: false });
    expect(preview.impliedCagrPercent).toBe('20.11');
    expect(preview.rows.map((r) => [r.year, r.next, r.growthPercent])).toEqual([
      [2020, '2000', null], [2021, '2402.25', '20.11'], [2022, '2885.4', '20.11'], [2023, '3465.72', '20.11'], [2024, '4162.77', '20.11'], [2025, '5000', '20.11'],
    ]);
    expect(preview.rows.find((r) => r.year === 2023)).toMatchObject({ current: '3300', change: '165.72', changed: true });
    expect(preview.changedCount).toBe(4);
    ok(s, 'breakdown.apply', { request: { ...fill, fill: 'growth', keepExisting: false }, basis: preview.basis });
    expect(s.db.prepare("SELECT year, value FROM target_values WHERE indicator_id = 'p1/sw' AND scope = 'plan' ORDER BY year").all()).toEqual([
      { year: 2021, value: '2402.25' }, { year: 2022, value: '2885.4' }, { year: 2023, value: '3465.72' }, { year: 2024, value: '4162.77' }, { year: 2025, value: '5000' },
    ]);
    ok(s, 'history.undo', { planId: 'p1' });
    expect(dumpTables(s).target_values).toEqual(before.target_values);
  });

  it('equal steps keep values typed by hand when asked; a district row works the same way', () => {
    const s = store();
    const preview = ok<BreakdownPreview>(s, 'breakdown.preview', { ...fill, fill: 'steps', keepExisting: true });
    expect(preview.rows.map((r) => r.next)).toEqual(['2000', '2433.33', '2866.67', '3300', '4150', '5000']);
    expect(preview.rows.find((r) => r.year === 2023)).toMatchObject({ held: true, changed: false });
    const d = ok<BreakdownPreview>(s, 'breakdown.preview', { ...fill, scope: 'district', scopeId: 'd-a', baselineValue: '100', targetValue: '80', fill: 'growth', keepExisting: false });
    expect(d.rows.map((r) => r.next)).toEqual(['100', '95.64', '91.46', '87.47', '83.65', '80']);
    expect(d.impliedCagrPercent).toBe('-4.36');
  });

  it('18号 (targets only in the indicator table): the 2025 target counts as current, only 2021—2024 are written', () => {
    const s = seededStore();
    const req = { method: 'fill', indicatorId: 'p-yufufa-2021-18/i/software-revenue', scope: 'plan', scopeId: null, fill: 'growth', baselineYear: 2020, baselineValue: '2000', targetYear: 2025, targetValue: '5000', keepExisting: false, decimals: 0 };
    const p = ok<BreakdownPreview>(s, 'breakdown.preview', req);
    expect(p.rows.map((r) => [r.year, r.current, r.next, r.changed])).toEqual([
      [2020, '2000', '2000', false], [2021, null, '2402', true], [2022, null, '2885', true], [2023, null, '3466', true], [2024, null, '4163', true], [2025, '5000', '5000', false],
    ]);
    expect(ok<Applied>(s, 'breakdown.apply', { request: req }).changedCount).toBe(4);
  });

  it('refuses a target year before the baseline, a zero baseline for constant growth, words that are not numbers', () => {
    const s = store();
    const bad = (patch: Record<string, unknown>) => {
      const r = s.call('breakdown.preview', { ...fill, fill: 'growth', keepExisting: false, ...patch });
      return r.ok ? 'ok' : r.error.message;
    };
    expect(bad({ baselineYear: 2025, targetYear: 2021 })).toContain('应晚于基期年份');
    expect(bad({ baselineValue: '0' })).toContain('基期值为 0');
    expect(bad({ targetValue: '很多' })).toContain('不是数字');
    expect(bad({ baselineValue: '2,000', targetValue: '5000左右' })).toBe('ok');
  });
});

/** indicators.create / move / delete (db/indicators/authoring.ts) with every field, qualifiers kept. */
import { describe, expect, it } from 'vitest';
import { ok, seededStore } from '../helpers/store.ts';
import { content, refusal } from '../helpers/catalog.ts';
import type { IndicatorRow } from '../../contract/ops/indicators.ts';
import { checkUnit } from '../../db/indicators/units.ts';

const PLAN = 'p-yufu-2023-13';
const list = (s: ReturnType<typeof seededStore>) => ok<IndicatorRow[]>(s, 'indicators.list', { planId: PLAN });

describe('indicator authoring', () => {
  it('adds an indicator with every field: the number exact, the qualifier kept verbatim beside it; its target is the plan total', () => {
    const s = seededStore();
    const before = list(s).map((i) => i.name);
    const made = ok<{ id: string }>(s, 'indicators.create', {
      planId: PLAN, position: 0,
      patch: {
        category: '创新驱动', name: '研发投入强度', unit: '％', attribute: '预期性', baselineYear: '2022年', baselineValue: '1.9',
        targetYear: 2027, targetValue: '2%以上', statedGrowthText: '年均提高0.02个百分点', note: '新增', source: '渝府发〔2023〕13号',
      },
    });
    const rows = list(s);
    expect(rows.map((i) => i.name)).toEqual(['研发投入强度', ...before]);
    expect(rows[0]).toMatchObject({
      id: made.id, category: '创新驱动', unit: '%', attribute: '预期性', baselineYear: 2022, baselineValue: '1.9', baselineText: null,
      targetYear: 2027, targetValue: '2', targetText: '2%以上', statedGrowthText: '年均提高0.02个百分点', note: '新增',
    });
    expect(rows[0]!.targets.map((t) => [t.year, t.value, t.text])).toEqual([[2027, '2', '2%以上']]);
    ok(s, 'indicators.update', { planId: PLAN, updates: [{ indicatorId: made.id, patch: { targetValue: '超过1.28万', unit: '家' } }] });
    expect(list(s)[0]).toMatchObject({ unit: '家', targetValue: '12800', targetText: '超过1.28万' });
  });

  it('refuses a bad field naming it (unit, attribute, years, value), writing nothing', () => {
    const s = seededStore();
    const start = content(s);
    const r = refusal(s, 'indicators.create', {
      planId: PLAN, position: 2, patch: { name: '新指标', unit: '斤两', attribute: '指导性', baselineYear: 2027, targetYear: 2025, targetValue: 'abc' },
    });
    expect(r.code).toBe('INVALID_INPUT');
    expect(r.issues.map((x) => x.field).sort()).toEqual(['attribute', 'baselineYear', 'targetValue', 'unit']);
    expect(r.issues.every((x) => x.row === 3)).toBe(true);
    expect(r.message).toContain('“斤两”不是已知的计量单位');
    expect(refusal(s, 'indicators.create', { planId: PLAN, patch: { name: list(s)[0]!.name } }).message).toContain('已存在');
    expect(content(s)).toEqual(start);
  });

  it('moves an indicator; a delete refuses listing what goes, then deletes it with every target value and comment; undo restores all', () => {
    const s = seededStore();
    const start = content(s);
    const rows = list(s);
    const first = rows[0]!;
    ok(s, 'indicators.move', { planId: PLAN, indicatorId: first.id, position: 2 });
    expect(list(s).map((i) => i.id).slice(0, 3)).toEqual([rows[1]!.id, rows[2]!.id, first.id]);
    const all = s.db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM target_values WHERE indicator_id = ?').get(first.id)!.n;
    expect(all).toBeGreaterThan(first.targets.length); // district and cluster values too
    ok(s, 'comments.add', { planId: PLAN, on: { target: 'cell', cell: { indicatorId: first.id, scope: 'plan', scopeId: null, year: 2027, kind: 'target' } }, body: '请核实' });
    const r = refusal(s, 'indicators.delete', { planId: PLAN, indicatorId: first.id });
    expect(r.code).toBe('CONFLICT');
    expect(r.message).toBe(`删除指标“${first.name}”将同时删除${all} 个目标值、1 条批注。确认后再删除；删除后可以撤销。`);
    ok(s, 'indicators.delete', { planId: PLAN, indicatorId: first.id, confirm: true });
    expect(list(s).some((i) => i.id === first.id)).toBe(false);
    expect(s.db.prepare('SELECT count(*) AS n FROM target_values WHERE indicator_id = ?').get(first.id)).toEqual({ n: 0 });
    ok(s, 'history.undo', { planId: PLAN });
    ok(s, 'history.undo', { planId: PLAN });
    ok(s, 'history.undo', { planId: PLAN });
    expect(content(s)).toEqual(start);
  });

  it('units: every unit of the seeds, other spellings stored in the usual form, unknown ones refused', () => {
    for (const u of ['%', '亿元', '家', '万人', '个', '项', '天', '岁', '万元', '亿元/平方公里', '万元/人', '件', '个百分点', '万千瓦'])
      expect(checkUnit(u)).toEqual({ ok: true, value: u });
    expect(checkUnit('％')).toEqual({ ok: true, value: '%' });
    expect(checkUnit('百分点')).toEqual({ ok: true, value: '个百分点' });
    expect(checkUnit(' ')).toEqual({ ok: true, value: null });
    for (const u of ['斤两', '亿元/', '/人', '元/人/年', '123']) expect(checkUnit(u).ok).toBe(false);
  });
});

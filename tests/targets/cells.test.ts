import { describe, expect, it } from 'vitest';
import { ok, reopen, seededStore, tempFile, dumpTables } from '../helpers/store.ts';
import type { TargetMatrix } from '../../contract/ops/targets.ts';

const PLAN = 'p-yufu-2023-13';
const REVENUE = 'p-yufu-2023-13/i/revenue';
const cell = (scopeId: string, year: number, value: string | null, extra: Record<string, unknown> = {}) => ({
  indicatorId: REVENUE, scope: 'district', scopeId, year, kind: 'target', value, ...extra,
});

describe('targets.matrix', () => {
  it('lays out the 8 渝西 districts × 2023–2027 with the sum beside the stated 1.4万亿元', () => {
    const s = seededStore();
    const m = ok<TargetMatrix>(s, 'targets.matrix', { indicatorId: REVENUE, scope: 'district' });
    expect(m.years).toEqual([2023, 2024, 2025, 2026, 2027]);
    expect(m.rows.map((r) => r.name)).toContain('江津区');
    expect(m.rows).toHaveLength(8);
    const jiangjin = m.rows.find((r) => r.name === '江津区')!;
    expect(jiangjin.target[4]).toBe('3000');
    expect(jiangjin.share[4]).toBe('21.43');
    expect(m.totals.sum[4]).toBe('14000');
    expect(m.totals.stated[4]).toBe('14000');
    expect(m.totals.statedText[4]).toBe('1.4万亿元');
    expect(m.totals.difference[4]).toBe('0');
    expect(m.totals.sum[0]).toBeNull();
  });

  it('shows the clusters summing to 14100 against the stated 14000: difference 100', () => {
    const s = seededStore();
    const m = ok<TargetMatrix>(s, 'targets.matrix', { indicatorId: REVENUE, scope: 'cluster' });
    expect(m.rows).toHaveLength(9);
    expect(m.totals.sum[4]).toBe('14100');
    expect(m.totals.difference[4]).toBe('100');
    expect(m.rows[0]!.share[4]).toBe('28.57');
  });

  it('computes each row’s implied growth across the years that have values', () => {
    const s = seededStore();
    ok(s, 'targets.setMany', { planId: PLAN, cells: [cell('d-500116', 2023, '2000'), cell('d-500116', 2025, '2500')] });
    const m = ok<TargetMatrix>(s, 'targets.matrix', { indicatorId: REVENUE, scope: 'district' });
    const r = m.rows.find((x) => x.scopeId === 'd-500116')!;
    // (3000 / 2000)^(1/4) − 1 = 10.668…%
    expect(r).toMatchObject({ cagr: '10.67', cagrFrom: 2023, cagrTo: 2027 });
  });

  it('reads actual values separately (kind actual)', () => {
    const s = seededStore();
    ok(s, 'targets.setMany', { planId: PLAN, cells: [cell('d-500116', 2024, '2,100', { kind: 'actual' })] });
    const m = ok<TargetMatrix>(s, 'targets.matrix', { indicatorId: REVENUE, scope: 'district', kind: 'actual' });
    expect(m.kind).toBe('actual');
    expect(m.rows.find((x) => x.scopeId === 'd-500116')!.actual[1]).toBe('2100');
    expect(m.totals.sum[1]).toBe('2100');
    expect(m.totals.stated[1]).toBeNull();
  });
});

describe('targets.setMany (a pasted block)', () => {
  it('saves a valid block as one undo step, which survives a restart', () => {
    const file = tempFile();
    const s = seededStore(file);
    const r = ok<{ changed: number }>(s, 'targets.setMany', {
      planId: PLAN,
      cells: [cell('d-500116', 2026, '2,800'), cell('d-500116', 2027, '3100'), cell('d-500117', 2026, '1500'), cell('d-500117', 2027, '1700')],
    });
    expect(r.changed).toBe(4);
    const m = ok<TargetMatrix>(s, 'targets.matrix', { indicatorId: REVENUE, scope: 'district' });
    expect(m.totals.sum[4]).toBe('14200');
    expect(m.totals.difference[4]).toBe('200');
    s.close();
    const s2 = reopen(file);
    expect(ok<{ undoLabel: string }>(s2, 'history.status', { planId: PLAN }).undoLabel).toContain('4 格');
    ok(s2, 'history.undo', { planId: PLAN });
    const back = ok<TargetMatrix>(s2, 'targets.matrix', { indicatorId: REVENUE, scope: 'district' });
    expect(back.totals.sum[4]).toBe('14000');
    expect(back.totals.sum[3]).toBeNull();
    ok(s2, 'history.redo', { planId: PLAN });
    expect(ok<TargetMatrix>(s2, 'targets.matrix', { indicatorId: REVENUE, scope: 'district' }).totals.sum[3]).toBe('4300');
  });

  it('refuses the whole block when any cell is invalid, naming each bad cell; nothing is written', () => {
    const s = seededStore();
    const before = dumpTables(s);
    const r = s.call('targets.setMany', {
      planId: PLAN,
      cells: [
        cell('d-500116', 2026, '2800', { row: 1, field: '2026' }),
        cell('d-500116', 2027, '很多', { row: 1, field: '2027' }),
        cell('d-500117', 2026, '-5', { row: 2, field: '2026' }),
        cell('d-500117', 2031, '5', { row: 2, field: '2031' }),
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_INPUT');
    expect(r.error.message).toBe('3 个单元格有错误，全部未保存');
    expect(r.error.issues).toEqual([
      { row: 1, field: '2027', message: '“很多”不是有效的数值', reason: 'target.value', params: { text: '很多' } },
      { row: 2, field: '2026', message: '规模以上工业企业营业收入（亿元）不能为负数：-5', reason: 'target.value', params: { text: '-5' } },
      { row: 2, field: '2031', message: '年份 2031 超出本指标的年份范围（2023—2027）', reason: 'target.year', params: { year: 2031 } },
    ]);
    expect(dumpTables(s)).toEqual(before);
  });

  it('refuses a district that is not in the plan', () => {
    const s = seededStore();
    const r = s.call('targets.setMany', { planId: PLAN, cells: [cell('d-500101', 2027, '5')] });
    expect(r.ok).toBe(false);
  });

  it('a block that changes nothing leaves no undo step; clearing a cell is undoable', () => {
    const s = seededStore();
    const status0 = ok(s, 'history.status', { planId: PLAN });
    expect(ok<{ changed: number }>(s, 'targets.setMany', { planId: PLAN, cells: [cell('d-500116', 2027, '3,000')] }).changed).toBe(0);
    expect(ok(s, 'history.status', { planId: PLAN })).toEqual(status0);
    ok(s, 'targets.setMany', { planId: PLAN, cells: [cell('d-500116', 2027, '')] });
    expect(ok<TargetMatrix>(s, 'targets.matrix', { indicatorId: REVENUE, scope: 'district' }).totals.sum[4]).toBe('11000');
    ok(s, 'history.undo', { planId: PLAN });
    expect(ok<TargetMatrix>(s, 'targets.matrix', { indicatorId: REVENUE, scope: 'district' }).totals.sum[4]).toBe('14000');
  });
});

describe('targets.set and targets.setMany: one rule (domain/targets.ts)', () => {
  const one = (scopeId: string, year: number, value: string | null) => ({ indicatorId: REVENUE, scope: 'district', scopeId, year, kind: 'target', value });

  it('a district taken out of the plan’s list keeps its values on show but takes no new value, typed or pasted', () => {
    const s = seededStore();
    // 江津区 leaves the plan's district list; its values stay in the file (the matrix shows them as an extra row).
    s.db.prepare('DELETE FROM plan_districts WHERE plan_id = ? AND district_id = ?').run(PLAN, 'd-500116');
    expect(ok<TargetMatrix>(s, 'targets.matrix', { indicatorId: REVENUE, scope: 'district' }).rows.map((r) => r.scopeId)).toContain('d-500116');
    const before = dumpTables(s);
    const typed = s.call('targets.set', one('d-500116', 2027, '3100'));
    const pasted = s.call('targets.setMany', { planId: PLAN, cells: [cell('d-500116', 2027, '3100')] });
    expect(!typed.ok && typed.error).toMatchObject({ code: 'INVALID_INPUT', message: '区县“d-500116”不属于本规划', issues: [{ field: 'scopeId', message: '区县“d-500116”不属于本规划' }] });
    expect(!pasted.ok && pasted.error).toMatchObject({ code: 'INVALID_INPUT', message: '区县“d-500116”不属于本规划', issues: [{ row: 1, field: '2027', message: '区县“d-500116”不属于本规划' }] });
    expect(dumpTables(s)).toEqual(before);
  });

  it('targets.set with the value already there records no undo step and keeps the redo stack', () => {
    const s = seededStore();
    ok(s, 'targets.set', one('d-500117', 2027, '1800'));
    ok(s, 'history.undo', { planId: PLAN });
    const status = ok<{ undoLabel: string | null; redoLabel: string | null }>(s, 'history.status', { planId: PLAN });
    expect(status.redoLabel).toContain('2027年目标值');
    const before = dumpTables(s);
    // 江津区 2027 is 3000 (written "3000" in the document): "3,000" and " 3000 " change nothing.
    const same = ok<{ target: { value: string | null } | null }>(s, 'targets.set', one('d-500116', 2027, '3,000'));
    expect(same.target?.value).toBe('3000');
    ok(s, 'targets.set', one('d-500116', 2027, ' 3000 '));
    expect(ok(s, 'history.status', { planId: PLAN })).toEqual(status);
    expect(dumpTables(s)).toEqual(before);
  });

  it('targets.set clearing a cell that is empty changes nothing and answers null; a real change is one undo step', () => {
    const s = seededStore();
    const status = ok(s, 'history.status', { planId: PLAN });
    const before = dumpTables(s);
    expect(ok<{ target: unknown }>(s, 'targets.set', one('d-500116', 2024, '')).target).toBeNull();
    expect(ok<{ target: unknown }>(s, 'targets.set', one('d-500116', 2024, null)).target).toBeNull();
    expect(ok(s, 'history.status', { planId: PLAN })).toEqual(status);
    expect(dumpTables(s)).toEqual(before);
    expect(ok<{ target: { value: string } }>(s, 'targets.set', one('d-500116', 2024, '2,100')).target.value).toBe('2100');
    expect(ok<{ undoLabel: string }>(s, 'history.status', { planId: PLAN }).undoLabel).toBe('修改规模以上工业企业营业收入 2024年目标值');
    ok(s, 'history.undo', { planId: PLAN });
    expect(dumpTables(s).target_values).toEqual(before.target_values);
  });

  it('typed and pasted cells are refused with the same messages', () => {
    const s = seededStore();
    for (const [scopeId, year, value] of [['d-500116', 2027, '很多'], ['d-500116', 2027, '-5'], ['d-500116', 2031, '5'], ['d-500101', 2027, '5']] as const) {
      const typed = s.call('targets.set', one(scopeId, year, value));
      const pasted = s.call('targets.setMany', { planId: PLAN, cells: [cell(scopeId, year, value)] });
      expect(typed.ok || pasted.ok).toBe(false);
      if (!typed.ok && !pasted.ok) expect(typed.error.message, `${scopeId} ${year} ${value}`).toBe(pasted.error.message);
    }
  });
});

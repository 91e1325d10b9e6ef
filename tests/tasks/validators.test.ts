import { describe, expect, it } from 'vitest';
import { checkDeadline, checkTitle } from '../../db/tasks/rules.ts';
import { checkStatus, isOverdue } from '../../domain/tasks.ts';
import { splitNames } from '../../domain/text.ts';
import { checkValueText } from '../../domain/targets.ts';
import { checkAttribute, checkYear } from '../../db/indicators/rules.ts';

const checkValue = (raw: string, unit: string, name: string) => checkValueText(raw, { name, unit });

describe('validators of typed cells', () => {
  it('task titles must not be empty', () => {
    expect(checkTitle('  推进项目  ')).toEqual({ ok: true, value: '推进项目' });
    expect(checkTitle('   ')).toEqual({ ok: false, message: '任务名称不能为空', reason: 'task.titleEmpty' });
  });

  it('deadlines are year-months inside the plan period', () => {
    expect(checkDeadline('2025-6', 2023, 2027)).toEqual({ ok: true, value: '2025-06' });
    expect(checkDeadline('2026年12月', 2023, 2027)).toEqual({ ok: true, value: '2026-12' });
    expect(checkDeadline('', 2023, 2027)).toEqual({ ok: true, value: null });
    const out = checkDeadline('2030-01', 2023, 2027);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.message).toContain('超出规划期（2023—2027年）');
    expect(checkDeadline('明年', 2023, 2027).ok).toBe(false);
    expect(checkDeadline('2025-13', 2023, 2027).ok).toBe(false);
  });

  it('statuses come from their list; overdue means past the deadline month and not done', () => {
    expect(checkStatus('进行中')).toEqual({ ok: true, value: '进行中' });
    expect(checkStatus('搁置').ok).toBe(false);
    expect(isOverdue({ deadline: '2024-05', status: '进行中' }, '2024-06')).toBe(true);
    expect(isOverdue({ deadline: '2024-05', status: '已完成' }, '2024-06')).toBe(false);
    expect(isOverdue({ deadline: '2024-06', status: '未开始' }, '2024-06')).toBe(false);
    expect(isOverdue({ deadline: null, status: '未开始' }, '2024-06')).toBe(false);
  });

  it('splits department lists as planners write them', () => {
    expect(splitNames('市经济信息委、市发展改革委，市商务委; 市财政局')).toEqual(['市经济信息委', '市发展改革委', '市商务委', '市财政局']);
    expect(splitNames('')).toEqual([]);
  });

  it('numbers: not a number and negative money or counts are refused; wording is kept', () => {
    expect(checkValue('3,000', '亿元', '营业收入')).toEqual({ ok: true, value: { value: '3000', text: null } });
    expect(checkValue('30左右', '%', '比重')).toEqual({ ok: true, value: { value: '30', text: '30左右' } });
    expect(checkValue('1.4万亿', '亿元', '营业收入')).toEqual({ ok: true, value: { value: '14000', text: '1.4万亿' } });
    expect(checkValue('很多', '亿元', '营业收入')).toEqual({ ok: false, message: '“很多”不是有效的数值' });
    expect(checkValue('-5', '亿元', '营业收入')).toEqual({ ok: false, message: '营业收入（亿元）不能为负数：-5' });
    expect(checkValue('-16', '%', '能耗下降率')).toEqual({ ok: true, value: { value: '-16', text: null } });
  });

  it('years and attributes', () => {
    expect(checkYear('2025年')).toEqual({ ok: true, value: 2025 });
    expect(checkYear('')).toEqual({ ok: true, value: null });
    expect(checkYear('25').ok).toBe(false);
    expect(checkYear(1800).ok).toBe(false);
    expect(checkAttribute('约束性')).toEqual({ ok: true, value: '约束性' });
    expect(checkAttribute('必须').ok).toBe(false);
  });
});

/** departments.list (db/departments/handlers.ts): the departments (部门) tasks name, with their aliases. */
import { describe, expect, it } from 'vitest';
import { ok, seededStore } from '../helpers/store.ts';
import type { Department } from '../../contract/entities.ts';

describe('departments', () => {
  it('lists every department of the seed once, by name, with the other names documents use', () => {
    const list = ok<Department[]>(seededStore(), 'departments.list', {});
    expect(list).toHaveLength(72); // 57 + 市档案局, 各区政府, 江北区政府, 市公共资源交易监管局, 永川区政府 (38号) + 市科协, 市科技研究院, 南岸区政府 (24号) + 市水利局, 市应急局 (79号) + 团市委, 市工商联, 市残联, 市就业工作领导小组成员单位, 万盛经开区管委会 (57号)
    expect(list.map((d) => d.name)).toEqual([...list.map((d) => d.name)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(list.some((d) => d.aliases.length > 0)).toBe(true);
  });
});

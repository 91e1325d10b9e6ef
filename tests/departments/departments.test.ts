/** departments.list (db/departments/handlers.ts): the departments (部门) tasks name, with their aliases. */
import { describe, expect, it } from 'vitest';
import { ok, seededStore } from '../helpers/store.ts';
import type { Department } from '../../contract/entities.ts';

describe('departments', () => {
  it('lists every department of the seed once, by name, with the other names documents use', () => {
    const list = ok<Department[]>(seededStore(), 'departments.list', {});
    expect(list).toHaveLength(57);
    expect(list.map((d) => d.name)).toEqual([...list.map((d) => d.name)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(list.some((d) => d.aliases.length > 0)).toBe(true);
  });
});

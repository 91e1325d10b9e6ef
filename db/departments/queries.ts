import { preparedOnce } from '../context.ts';

export interface DepartmentRow {
  id: string;
  name: string;
}

export const departmentQueries = preparedOnce((db) => ({
  all: db.prepare<[], DepartmentRow & { aliases: string | null }>(
    `SELECT u.id, u.name, (SELECT json_group_array(alias) FROM department_aliases a WHERE a.department_id = u.id) AS aliases
       FROM departments u ORDER BY u.name`,
  ),
  byName: db.prepare<[string], DepartmentRow>('SELECT id, name FROM departments WHERE name = ?'),
  byAlias: db.prepare<[string], DepartmentRow>('SELECT u.id, u.name FROM department_aliases a JOIN departments u ON u.id = a.department_id WHERE a.alias = ?'),
  byId: db.prepare<[string], DepartmentRow>('SELECT id, name FROM departments WHERE id = ?'),
  insert: db.prepare<[DepartmentRow], never>('INSERT INTO departments (id, name) VALUES (@id, @name)'),
  insertAlias: db.prepare<[string, string], never>('INSERT INTO department_aliases (alias, department_id) VALUES (?, ?)'),
}));

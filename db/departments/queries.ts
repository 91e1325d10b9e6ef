import { preparedOnce } from '../context.ts';

export interface DepartmentRow {
  id: string;
  name: string;
}

export interface DepartmentMergeRow {
  id: string;
  from_department_id: string;
  from_name: string;
  into_department_id: string;
  task_links: number;
  merged_at: string;
  merged_by: string;
}

/** The planners' order (migration 007 sort_order; departments never placed after, by name). */
const ORDER = 'ORDER BY u.sort_order IS NULL, u.sort_order, u.name';

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

export const departmentEditQueries = preparedOnce((db) => ({
  ordered: db.prepare<[], DepartmentRow & { sort_order: number | null; aliases: string; task_count: number }>(
    `SELECT u.id, u.name, u.sort_order,
            (SELECT json_group_array(alias) FROM (SELECT alias FROM department_aliases a WHERE a.department_id = u.id ORDER BY alias)) AS aliases,
            (SELECT count(DISTINCT task_id) FROM task_departments td WHERE td.department_id = u.id) AS task_count
       FROM departments u ${ORDER}`,
  ),
  insert: db.prepare<[{ id: string; name: string; sort_order: number | null }], never>('INSERT INTO departments (id, name, sort_order) VALUES (@id, @name, @sort_order)'),
  rename: db.prepare<[string, string], never>('UPDATE departments SET name = ? WHERE id = ?'),
  setOrder: db.prepare<[number, string], never>('UPDATE departments SET sort_order = ? WHERE id = ?'),
  remove: db.prepare<[string], never>('DELETE FROM departments WHERE id = ?'),
  aliasesOf: db.prepare<[string], { alias: string }>('SELECT alias FROM department_aliases WHERE department_id = ? ORDER BY alias'),
  aliasOwner: db.prepare<[string], { department_id: string; name: string }>(
    'SELECT a.department_id, u.name FROM department_aliases a JOIN departments u ON u.id = a.department_id WHERE a.alias = ?',
  ),
  removeAlias: db.prepare<[string], never>('DELETE FROM department_aliases WHERE alias = ?'),
  moveAlias: db.prepare<[string, string], never>('UPDATE department_aliases SET department_id = ? WHERE alias = ?'),
  /** the tasks naming a department, with their plan, for a refusal or a merge */
  tasksOf: db.prepare<[string], { task_id: string; role: 'lead' | 'participating'; number: string; title: string; plan_title: string }>(
    `SELECT td.task_id, td.role, t.number, t.title, p.title AS plan_title FROM task_departments td
       JOIN tasks t ON t.id = td.task_id JOIN plans p ON p.id = t.plan_id
      WHERE td.department_id = ? ORDER BY p.sort_order, p.id, t.sort_order, td.role`,
  ),
  relation: db.prepare<[string, string], { department_id: string }>('SELECT department_id FROM task_departments WHERE task_id = ? AND role = ? ORDER BY position'),
  clearRelation: db.prepare<[string, string], never>('DELETE FROM task_departments WHERE task_id = ? AND role = ?'),
  insertRelation: db.prepare<[string, string, string, number], never>('INSERT INTO task_departments (task_id, department_id, role, position) VALUES (?, ?, ?, ?)'),
  merges: db.prepare<[], DepartmentMergeRow>('SELECT * FROM department_merges ORDER BY merged_at, id'),
  insertMerge: db.prepare<[DepartmentMergeRow], never>(
    `INSERT INTO department_merges (id, from_department_id, from_name, into_department_id, task_links, merged_at, merged_by)
     VALUES (@id, @from_department_id, @from_name, @into_department_id, @task_links, @merged_at, @merged_by)`,
  ),
}));

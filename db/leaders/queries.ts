import { preparedOnce } from '../context.ts';

export interface LeaderRow {
  id: string;
  name: string;
  title: string;
  sort_order: number;
  doc_number: string;
  source: string;
}

export interface LeaderDutyRow {
  leader_id: string;
  kind: '负责' | '分管' | '联系';
  verb: string;
  text: string;
  department_id: string | null;
  department_name: string | null;
  position: number;
  source_line: number | null;
  source_text: string;
}

export const leaderQueries = preparedOnce((db) => ({
  all: db.prepare<[], LeaderRow>('SELECT id, name, title, sort_order, doc_number, source FROM leaders ORDER BY sort_order, id'),
  duties: db.prepare<[], LeaderDutyRow>(
    `SELECT d.leader_id, d.kind, d.verb, d.text, d.department_id, u.name AS department_name, d.position, d.source_line, d.source_text
       FROM leader_duties d LEFT JOIN departments u ON u.id = d.department_id
      ORDER BY d.leader_id, d.position`,
  ),
  insert: db.prepare<[LeaderRow], never>(
    'INSERT INTO leaders (id, name, title, sort_order, doc_number, source) VALUES (@id, @name, @title, @sort_order, @doc_number, @source)',
  ),
  insertDuty: db.prepare<[Omit<LeaderDutyRow, 'department_name'>], never>(
    `INSERT INTO leader_duties (leader_id, kind, verb, text, department_id, position, source_line, source_text)
     VALUES (@leader_id, @kind, @verb, @text, @department_id, @position, @source_line, @source_text)`,
  ),
  /** every name a department goes by (its own and its aliases), to match a duty's text */
  departmentNames: db.prepare<[], { name: string; id: string; canonical: string }>(
    `SELECT name, id, name AS canonical FROM departments
     UNION ALL SELECT a.alias, u.id, u.name FROM department_aliases a JOIN departments u ON u.id = a.department_id`,
  ),
}));

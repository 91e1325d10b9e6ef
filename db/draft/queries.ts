import { preparedOnce } from '../context.ts';

export const draftQueries = preparedOnce((db) => ({
  nextPlanOrder: db.prepare<[], { n: number }>('SELECT COALESCE(MAX(sort_order), -1) + 1 AS n FROM plans'),
  planExists: db.prepare<[string], { id: string }>('SELECT id FROM plans WHERE id = ?'),
  planByTitle: db.prepare<[string], { id: string }>("SELECT id FROM plans WHERE title = ? AND doc_number = ''"),
  departmentExists: db.prepare<[string], { id: string }>('SELECT id FROM departments WHERE id = ?'),
}));

import { preparedOnce } from '../context.ts';

export interface ClusterRow {
  id: string;
  plan_id: string;
  name: string;
  note: string | null;
  source: string | null;
  sort_order: number;
}

export const clusterQueries = preparedOnce((db) => ({
  ofPlan: db.prepare<[string], ClusterRow>('SELECT * FROM clusters WHERE plan_id = ? ORDER BY sort_order, name'),
  byId: db.prepare<[string], ClusterRow>('SELECT * FROM clusters WHERE id = ?'),
  insert: db.prepare<[ClusterRow], never>(
    'INSERT INTO clusters (id, plan_id, name, note, source, sort_order) VALUES (@id, @plan_id, @name, @note, @source, @sort_order)',
  ),
}));

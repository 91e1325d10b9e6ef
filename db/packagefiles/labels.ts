/**
 * The rows of a package preview named as a planner knows them (an indicator · a district · a year and
 * kind; a task's number and title), for the preview table: the exchange names rows by id only. Read from
 * the plan file, else from the row the package carries (a row it inserts); a comment (批注) by the task or cell it is
 * on; bound parameters only.
 */
import type { Database } from 'better-sqlite3';

export interface RowLabel {
  name: string;
  year?: number;
  period?: string;
  kind?: 'target' | 'actual';
}

type Row = Record<string, unknown>;

/** `carriedNames`: names of the rows the package itself inserts (a full package's indicators and clusters are not in the file yet) */
export function rowLabeller(db: Database, carriedNames: ReadonlyMap<string, string> = new Map()) {
  const nameOf = (table: 'districts' | 'clusters' | 'indicators', id: unknown): string | null =>
    typeof id === 'string' ? (db.prepare<[string], { name: string }>(`SELECT name FROM ${table} WHERE id = ?`).get(id)?.name ?? carriedNames.get(`${table}/${id}`) ?? null) : null;
  const target = db.prepare<[string], Row>('SELECT indicator_id, scope, scope_id, year, period, kind FROM target_values WHERE id = ?');
  const task = db.prepare<[string], { number: string; title: string }>('SELECT number, title FROM tasks WHERE id = ?');
  const plan = db.prepare<[string], { title: string }>('SELECT title FROM plans WHERE id = ?');
  const comment = db.prepare<[string], Row>('SELECT target, task_id, indicator_id, scope, scope_id, year, period, kind FROM comments WHERE id = ?');

  const targetLabel = (r: Row): RowLabel => {
    const scopeName = r.scope === 'district' ? nameOf('districts', r.scope_id) : r.scope === 'cluster' ? nameOf('clusters', r.scope_id) : null;
    const label: RowLabel = { name: [nameOf('indicators', r.indicator_id) ?? String(r.indicator_id ?? ''), scopeName].filter(Boolean).join(' · ') };
    if (typeof r.year === 'number') label.year = r.year;
    if (typeof r.period === 'string' && r.period) label.period = r.period;
    if (r.kind === 'target' || r.kind === 'actual') label.kind = r.kind;
    return label;
  };

  const label = (entity: string, rowId: string, carried: Row | null): RowLabel | null => {
    switch (entity) {
      case 'comment': {
        // a comment is named by what it is on: the task, or the target cell (indicator · district, year, kind)
        const r = comment.get(rowId) ?? carried;
        if (!r) return null;
        if (r.target === 'task') return typeof r.task_id === 'string' ? label('task', r.task_id, null) : null;
        return targetLabel(r);
      }
      case 'target': {
        const r = target.get(rowId) ?? carried;
        return r ? targetLabel(r) : null;
      }
      case 'task': {
        const r = task.get(rowId) ?? (carried ? { number: String(carried.number ?? ''), title: String(carried.title ?? '') } : null);
        return r ? { name: [r.number, r.title.length > 40 ? `${r.title.slice(0, 40)}…` : r.title].filter(Boolean).join(' ') } : null;
      }
      case 'indicator':
      case 'cluster': {
        const n = nameOf(entity === 'indicator' ? 'indicators' : 'clusters', rowId) ?? (typeof carried?.name === 'string' ? carried.name : null);
        return n ? { name: n } : null;
      }
      case 'plan': {
        const n = plan.get(rowId)?.title ?? (typeof carried?.title === 'string' ? carried.title : null);
        return n ? { name: n } : null;
      }
      case 'plan_district': {
        const id = typeof carried?.district_id === 'string' ? carried.district_id : rowId.split('/').at(-1);
        const n = nameOf('districts', id);
        return n ? { name: n } : null;
      }
      default:
        return null;
    }
  };
  return label;
}

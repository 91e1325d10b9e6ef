/** Task rows → API tasks (their departments and districts loaded in two queries for the whole page). */
import type { StoreContext } from '../context.ts';
import type { Task } from '../../contract/entities.ts';
import { taskQueries, type TaskRow } from './queries.ts';

/** Turns task rows into API tasks, loading their units and districts in two queries for the whole page. */
export function hydrateTasks(ctx: StoreContext, rows: TaskRow[]): Task[] {
  if (rows.length === 0) return [];
  const q = taskQueries(ctx.db);
  const ids = JSON.stringify(rows.map((r) => r.id));
  type Ref = { id: string; name: string; canonicalName?: string };
  const lead = new Map<string, Ref[]>();
  const part = new Map<string, Ref[]>();
  for (const u of q.unitsOf.all(ids)) {
    const map = u.role === 'lead' ? lead : part;
    const list = map.get(u.task_id) ?? [];
    // name as the document writes it; the canonical name only where it differs (19号: 市金融工作局 → 市金融监管局)
    list.push(u.name === u.canonical_name ? { id: u.id, name: u.name } : { id: u.id, name: u.name, canonicalName: u.canonical_name });
    map.set(u.task_id, list);
  }
  const districts = new Map<string, { id: string; name: string }[]>();
  for (const d of q.districtsOf.all(ids)) {
    const list = districts.get(d.task_id) ?? [];
    list.push({ id: d.id, name: d.name });
    districts.set(d.task_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    number: r.number,
    order: r.sort_order,
    section: r.section,
    title: r.title,
    description: r.description,
    leadDepartments: lead.get(r.id) ?? [],
    participatingDepartments: part.get(r.id) ?? [],
    districts: districts.get(r.id) ?? [],
    deadline: r.deadline,
    deadlineText: r.deadline_text,
    status: r.status,
    progress: r.progress,
    quantitativeGoal: r.quantitative_goal,
    notes: r.notes,
    source: r.source,
    updatedAt: r.updated_at,
  }));
}


/**
 * All tasks of a plan in three queries (rows, departments, districts), for exports and imports of
 * whole plans: paging through tasks.list costs a count and an OFFSET scan per page, which grows with
 * the square of the plan's size.
 *
 * planTasks reads in one go (for work that is synchronous anyway); taskStream is for exports: it
 * keeps its statements open across yields to the event loop, so it must be given a read snapshot
 * (db/context.ts openReadSnapshot) — on the store's own connection an open iterator makes every
 * other call fail with "This database connection is busy executing a query".
 */
import type { StoreContext } from '../context.ts';
import { isReadSnapshot, preparedOnce } from '../context.ts';
import type { Task } from '../../contract/entities.ts';
import type { TaskFilter } from '../../contract/operations.ts';
import { TASK_FILTER_SQL, type TaskFilterParams, type TaskRow } from '../tasks/queries.ts';
import { filterParams } from '../tasks/handlers.ts';
import type { Slicer } from '../jobs/jobs.ts';

type Ref = { id: string; name: string; canonicalName?: string };

const q = preparedOnce((db) => ({
  // rowid ends every index, so this walks tasks_plan in order without a sort.
  tasks: db.prepare<[string], TaskRow>('SELECT * FROM tasks WHERE plan_id = ? ORDER BY sort_order, rowid'),
  // No ORDER BY (a sort of every link of the plan): positions are put in order per task below.
  // as_written: the name the document uses for this link (migration 009), NULL where it is the canonical one
  departments: db.prepare<[string], { task_id: string; role: 'lead' | 'participating'; department_id: string; position: number; as_written: string | null }>(
    'SELECT tu.task_id, tu.role, tu.department_id, tu.position, tu.as_written FROM tasks t JOIN task_departments tu ON tu.task_id = t.id WHERE t.plan_id = ?',
  ),
  districts: db.prepare<[string], { task_id: string; district_id: string; position: number }>(
    'SELECT td.task_id, td.district_id, td.position FROM tasks t JOIN task_districts td ON td.task_id = t.id WHERE t.plan_id = ?',
  ),
  // The ledger's filter and order (tasks.list with sort 'order'), every matching row.
  filtered: db.prepare<[TaskFilterParams], TaskRow>(`SELECT t.* ${TASK_FILTER_SQL} ORDER BY t.sort_order, t.id`),
  departmentNames: db.prepare<[], { id: string; name: string }>('SELECT id, name FROM departments'),
  districtNames: db.prepare<[], { id: string; name: string }>('SELECT id, name FROM districts'),
}));

type Placed = Ref & { position: number };

function push(map: Map<string, Placed[]>, key: string, ref: Placed): void {
  const list = map.get(key);
  if (list) list.push(ref);
  else map.set(key, [ref]);
}

/** the link's department as the document writes it, the canonical name beside it where they differ */
function departmentRef(u: { department_id: string; position: number; as_written: string | null }, names: Map<string, string>): Placed {
  const canonical = names.get(u.department_id) ?? u.department_id;
  return u.as_written === null || u.as_written === canonical
    ? { id: u.department_id, name: canonical, position: u.position }
    : { id: u.department_id, name: u.as_written, canonicalName: canonical, position: u.position };
}

const NONE: Ref[] = [];
function ordered(list: Placed[] | undefined): Ref[] {
  if (!list) return NONE.slice();
  if (list.length > 1) list.sort((a, b) => a.position - b.position);
  return list.map((x) => (x.canonicalName === undefined ? { id: x.id, name: x.name } : { id: x.id, name: x.name, canonicalName: x.canonicalName }));
}

function toTask(r: TaskRow, lead: Map<string, Placed[]>, part: Map<string, Placed[]>, districts: Map<string, Placed[]>): Task {
  return {
    id: r.id, planId: r.plan_id, number: r.number, order: r.sort_order, section: r.section, title: r.title, description: r.description,
    leadDepartments: ordered(lead.get(r.id)), participatingDepartments: ordered(part.get(r.id)), districts: ordered(districts.get(r.id)),
    deadline: r.deadline, deadlineText: r.deadline_text, status: r.status, progress: r.progress, quantitativeGoal: r.quantitative_goal, notes: r.notes,
    source: r.source, updatedAt: r.updated_at,
  };
}

/** Every task of the plan in ledger order, as the API shapes it. */
export function* planTasks(ctx: StoreContext, planId: string): Generator<Task> {
  const s = q(ctx.db);
  const departmentName = new Map(s.departmentNames.all().map((u) => [u.id, u.name]));
  const districtName = new Map(s.districtNames.all().map((d) => [d.id, d.name]));
  const lead = new Map<string, Placed[]>();
  const part = new Map<string, Placed[]>();
  const districts = new Map<string, Placed[]>();
  for (const u of s.departments.iterate(planId))
    push(u.role === 'lead' ? lead : part, u.task_id, departmentRef(u, departmentName));
  for (const d of s.districts.iterate(planId))
    push(districts, d.task_id, { id: d.district_id, name: districtName.get(d.district_id) ?? d.district_id, position: d.position });
  for (const r of s.tasks.iterate(planId)) yield toTask(r, lead, part, districts);
}

/**
 * The plan's tasks (all of them in workbook order, or those `filter` selects in the ledger's order)
 * read from a read snapshot in time slices: `slice` pauses between rows when its time is up.
 */
export async function* taskStream(snap: StoreContext, planId: string, slice: Slicer, filter?: TaskFilter): AsyncGenerator<Task> {
  if (!isReadSnapshot(snap)) throw new Error('taskStream needs a read snapshot (openReadSnapshot)');
  const s = q(snap.db);
  const departmentName = new Map(s.departmentNames.all().map((u) => [u.id, u.name]));
  const districtName = new Map(s.districtNames.all().map((d) => [d.id, d.name]));
  const lead = new Map<string, Placed[]>();
  const part = new Map<string, Placed[]>();
  const districts = new Map<string, Placed[]>();
  for (const u of s.departments.iterate(planId)) {
    push(u.role === 'lead' ? lead : part, u.task_id, departmentRef(u, departmentName));
    if (slice.due) await slice.pause();
  }
  for (const d of s.districts.iterate(planId)) {
    push(districts, d.task_id, { id: d.district_id, name: districtName.get(d.district_id) ?? d.district_id, position: d.position });
    if (slice.due) await slice.pause();
  }
  const rows = filter ? s.filtered.iterate(filterParams(snap, planId, filter)) : s.tasks.iterate(planId);
  for (const r of rows) {
    yield toTask(r, lead, part, districts);
    if (slice.due) await slice.pause();
  }
}

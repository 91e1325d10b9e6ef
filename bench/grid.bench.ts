/**
 * The task ledger at scale: a generated 100,000-task plan, the calls the grid makes while scrolling and
 * filtering (page fetch through the dispatcher, as the UI does), each beside raw better-sqlite3 running
 * a comparable query on the same file in the same run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore, type PlanStore } from '../db/store.ts';
import { BIG_PLAN_ID, generatePlanBundle } from './generate.ts';
import { TASK_STATUS, TASK_STATUSES } from '../domain/tasks.ts';
import { bestOf, report, time } from './measure.ts';
import type { TargetMatrix } from '../contract/ops/targets.ts';
import type { Changes } from '../contract/changes.ts';
import { applyTargetChanges } from '../domain/target-matrix.ts';

function must<T>(store: PlanStore, name: string, input: unknown): T {
  const r = store.call(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

export function benchGrid(tasks = 100_000): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-bench-grid-'));
  try {
    const file = path.join(dir, 'grid.plandesk');
    const built = time(() => openStore(file, { create: 'seed', seeds: generatePlanBundle({ tasks, districts: 40, years: 15 }) }).close());
    console.log(`\nTask ledger at scale: ${tasks.toLocaleString('en')} tasks (file built in ${(built.ms / 1000).toFixed(1)} s)`);
    // Spread the statuses so filters and charts have something to count.
    const prep = new Database(file);
    prep.prepare("UPDATE tasks SET status = json_extract(@list, '$[' || (abs(random()) % json_array_length(@list)) || ']')").run({ list: JSON.stringify(TASK_STATUSES) });
    prep.close();

    const store = openStore(file);
    const raw = new Database(file, { readonly: true });
    const unitsOf = raw.prepare(
      `SELECT tu.task_id, tu.role, u.id, u.name FROM task_departments tu JOIN departments u ON u.id = tu.department_id
        WHERE tu.task_id IN (SELECT value FROM json_each(?)) ORDER BY tu.task_id, tu.role, tu.position`,
    );
    const districtsOf = raw.prepare(
      `SELECT td.task_id, d.id, d.name FROM task_districts td JOIN districts d ON d.id = td.district_id
        WHERE td.task_id IN (SELECT value FROM json_each(?)) ORDER BY td.task_id, td.position`,
    );
    const rawPage = (sql: string, ...params: unknown[]) => {
      const rows = raw.prepare<unknown[], { id: string }>(sql).all(...params);
      const ids = JSON.stringify(rows.map((r) => r.id));
      unitsOf.all(ids);
      districtsOf.all(ids);
      return rows.length;
    };
    const N = 7;
    try {
      const page = bestOf(N, () => must<{ rows: unknown[] }>(store, 'tasks.list', { planId: BIG_PLAN_ID, offset: 50_000, limit: 200 }).rows.length);
      const pageRaw = bestOf(N, () => {
        raw.prepare('SELECT count(*) FROM tasks WHERE plan_id = ?').get(BIG_PLAN_ID);
        return rawPage('SELECT * FROM tasks WHERE plan_id = ? ORDER BY sort_order, id LIMIT 200 OFFSET 50000', BIG_PLAN_ID);
      });
      report('Scroll: fetch a 200-row page at row 50,000 (with the total)', { name: 'tasks.list via dispatcher', ms: page.ms }, { name: 'raw better-sqlite3 count + page + units', ms: pageRaw.ms });

      const lead = bestOf(N, () => must<{ total: number }>(store, 'tasks.list', { planId: BIG_PLAN_ID, filter: { leadDepartmentId: 'bu-7' }, limit: 200 }).total);
      const leadRaw = bestOf(N, () => {
        const n = raw.prepare<[string], { n: number }>("SELECT count(*) AS n FROM tasks t WHERE EXISTS (SELECT 1 FROM task_departments u WHERE u.task_id = t.id AND u.role = 'lead' AND u.department_id = ?)").get('bu-7')!.n;
        rawPage("SELECT t.* FROM tasks t WHERE t.plan_id = ? AND EXISTS (SELECT 1 FROM task_departments u WHERE u.task_id = t.id AND u.role = 'lead' AND u.department_id = ?) ORDER BY t.sort_order, t.id LIMIT 200", BIG_PLAN_ID, 'bu-7');
        return n;
      });
      report(`Filter by lead unit (${lead.value.toLocaleString('en')} tasks match): total + first page`, { name: 'tasks.list {leadDepartmentId}', ms: lead.ms }, { name: 'raw better-sqlite3 EXISTS count + page', ms: leadRaw.ms });

      const search = bestOf(N, () => must<{ total: number }>(store, 'tasks.list', { planId: BIG_PLAN_ID, filter: { search: '任务4242' }, limit: 200 }).total);
      const searchRaw = bestOf(N, () => {
        const n = raw.prepare<[string, string, string], { n: number }>('SELECT count(*) AS n FROM tasks WHERE plan_id = ? AND (title LIKE ? OR description LIKE ?)').get(BIG_PLAN_ID, '%任务4242%', '%任务4242%');
        rawPage('SELECT * FROM tasks WHERE plan_id = ? AND (title LIKE ? OR description LIKE ?) ORDER BY sort_order, id LIMIT 200', BIG_PLAN_ID, '%任务4242%', '%任务4242%');
        return n;
      });
      report(`Search text “任务4242” (${search.value} match): total + first page`, { name: 'tasks.list {search} (8 fields + unit names)', ms: search.ms }, { name: 'raw better-sqlite3 LIKE on title/description', ms: searchRaw.ms });

      const stats = bestOf(3, () => must<{ total: number }>(store, 'tasks.stats', { planId: BIG_PLAN_ID }).total);
      const statsRaw = bestOf(3, () => {
        raw.prepare('SELECT status, count(*) FROM tasks WHERE plan_id = ? GROUP BY status').all(BIG_PLAN_ID);
        raw.prepare("SELECT u.department_id, t.status, count(*) FROM task_departments u JOIN tasks t ON t.id = u.task_id WHERE u.role = 'lead' AND t.plan_id = ? GROUP BY u.department_id, t.status").all(BIG_PLAN_ID);
        raw.prepare('SELECT deadline, count(*) FROM tasks WHERE plan_id = ? AND deadline IS NOT NULL GROUP BY deadline').all(BIG_PLAN_ID);
        return 0;
      });
      report('Charts: status per lead unit, deadlines per month, per-unit counts (whole ledger)', { name: 'tasks.stats', ms: stats.ms }, { name: 'raw better-sqlite3 three GROUP BYs', ms: statsRaw.ms });

      // The ledger's filter lists (issue 13): departments and districts with their task counts, read from
      // the figures migrations 005/008 keep on write, beside the full count they replace.
      const facets = bestOf(N, () => must<{ districts: unknown[] }>(store, 'tasks.facets', { planId: BIG_PLAN_ID }).districts.length);
      const facetsRaw = bestOf(N, () => {
        raw.prepare("SELECT u.department_id, sum(u.role = 'lead'), sum(u.role = 'participating') FROM task_departments u WHERE u.task_id IN (SELECT id FROM tasks WHERE plan_id = ?) GROUP BY u.department_id").all(BIG_PLAN_ID);
        return raw.prepare('SELECT x.district_id, count(*) FROM task_districts x WHERE x.task_id IN (SELECT id FROM tasks WHERE plan_id = ?) GROUP BY x.district_id').all(BIG_PLAN_ID).length;
      });
      report(`Filter lists: departments and ${facets.value} districts with their task counts`, { name: 'tasks.facets (kept figures)', ms: facets.ms }, { name: 'raw better-sqlite3 two GROUP BYs', ms: facetsRaw.ms });

      // One target cell typed (issue 12 item 8): the write answers with its change set and the view
      // applies it to the matrix it holds, against the old way — the same write, then the whole matrix again.
      const matrix = must<TargetMatrix>(store, 'targets.matrix', { indicatorId: 'bi-revenue', scope: 'district' });
      const year = matrix.years.at(-1) ?? 0;
      let n = 0;
      const cellEdit = () => ({ planId: BIG_PLAN_ID, cells: [{ indicatorId: 'bi-revenue', scope: 'district', scopeId: 'bd-3', year, kind: 'target', value: String(500 + (n++ % 400)) }] });
      const pushed = bestOf(N, () => {
        const r = must<{ changes: Changes }>(store, 'targets.setMany', cellEdit());
        return applyTargetChanges(matrix, r.changes.targets!).kind;
      });
      const reloaded = bestOf(N, () => {
        must(store, 'targets.setMany', cellEdit());
        return must<TargetMatrix>(store, 'targets.matrix', { indicatorId: 'bi-revenue', scope: 'district' }).rows.length;
      });
      report(`Type one target cell (${matrix.rows.length} districts × ${matrix.years.length} years): saved, and the matrix shown current (${pushed.value})`, { name: 'targets.setMany + change set applied in place', ms: pushed.ms }, { name: 'targets.setMany + targets.matrix refetched', ms: reloaded.ms });

      const ids = Array.from({ length: 200 }, (_, i) => `bt-${1000 + i}`);
      const paste = time(() => must(store, 'tasks.updateMany', { planId: BIG_PLAN_ID, updates: ids.map((taskId, i) => ({ taskId, patch: { progress: `粘贴进展 ${i}`, status: TASK_STATUS.inProgress } })) }));
      const w = new Database(file);
      const pasteRaw = time(() => {
        const up = w.prepare('UPDATE tasks SET progress = ?, status = ? WHERE id = ?');
        w.transaction(() => ids.forEach((id, i) => up.run(`原始进展 ${i}`, TASK_STATUS.late, id)))();
      });
      w.close();
      report('Paste 200 rows × 2 columns into the ledger (validated, audited, one undo step)', { name: 'tasks.updateMany', ms: paste.ms }, { name: 'raw better-sqlite3 UPDATEs in a transaction', ms: pasteRaw.ms });
    } finally {
      raw.close();
      store.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Loading a large plan: the core's seed loader (validation + one transaction + prepared statements)
 * beside raw better-sqlite3 inserts of the same rows into the same schema, in the same run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../db/store.ts';
import { migrate } from '../db/connection.ts';
import { seedPlan } from '../db/seed/format.ts';
import { generatePlanBundle } from './generate.ts';
import { report, time } from './measure.ts';
import { benchOpen } from './open.bench.ts';

export async function benchLoad(tasks = 100_000): Promise<void> {
  const bundle = generatePlanBundle({ tasks, districts: 40, years: 15 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-bench-'));
  try {
    const ours = time(() => openStore(path.join(dir, 'ours.plandesk'), { create: 'seed', seeds: bundle }).close());

    const plan = seedPlan.parse(bundle.plans[0]!.data);
    const raw = time(() => {
      const db = new Database(path.join(dir, 'raw.plandesk'));
      db.pragma('journal_mode = WAL');
      migrate(db);
      const now = new Date().toISOString();
      db.transaction(() => {
        const insD = db.prepare('INSERT INTO districts (id, name, code, area_group) VALUES (?, ?, ?, ?)');
        for (const d of (bundle.common as { districts: { id: string; name: string; code: string; group: string }[] }).districts) insD.run(d.id, d.name, d.code, d.group);
        const insU = db.prepare('INSERT INTO departments (id, name) VALUES (?, ?)');
        const units = (bundle.common as { departments: { id: string; name: string }[] }).departments;
        for (const u of units) insU.run(u.id, u.name);
        const departmentId = new Map(units.map((u) => [u.name, u.id]));
        const p = plan.plan;
        db.prepare('INSERT INTO plans (id, title, doc_number, issuer, issue_date, period_start, period_end, source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(p.id, p.title, p.docNumber, p.issuer, p.issueDate, p.periodStart, p.periodEnd, p.source, now);
        const insPD = db.prepare('INSERT INTO plan_districts (plan_id, district_id) VALUES (?, ?)');
        for (const d of plan.districts) insPD.run(p.id, d.districtId);
        const i = plan.indicators[0]!;
        db.prepare('INSERT INTO indicators (id, plan_id, name, unit) VALUES (?, ?, ?, ?)').run(i.id, p.id, i.name, i.unit);
        const insT = db.prepare('INSERT INTO target_values (id, indicator_id, scope, scope_id, year, kind, value) VALUES (?, ?, ?, ?, ?, ?, ?)');
        for (const t of plan.targets) insT.run(`${t.indicatorId}/${t.scope}/${t.scopeId ?? ''}/${t.year}`, t.indicatorId, t.scope, t.scopeId ?? '', t.year, t.kind, t.value);
        const insK = db.prepare('INSERT INTO tasks (id, plan_id, number, sort_order, section, title, description, deadline, quantitative_goal, source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
        const insTU = db.prepare('INSERT INTO task_departments (task_id, department_id, role, position) VALUES (?, ?, ?, ?)');
        const insTD = db.prepare('INSERT INTO task_districts (task_id, district_id, position) VALUES (?, ?, ?)');
        plan.tasks.forEach((t, n) => {
          insK.run(t.id, p.id, t.number, n + 1, t.section, t.title, t.description, t.deadline, t.quantitativeGoal, t.source, now);
          t.leadDepartments.forEach((u, k) => insTU.run(t.id, departmentId.get(u), 'lead', k));
          t.participatingDepartments.forEach((u, k) => insTU.run(t.id, departmentId.get(u), 'participating', k));
          insTD.run(t.id, `bd-${n % 40}`, 0);
        });
      })();
      db.close();
    });
    report(`Load a generated plan: ${tasks.toLocaleString('en')} tasks, 40 districts × 15 years of targets`, { name: 'PlanDesk seed loader (validated, one transaction)', ms: ours.ms }, { name: 'raw better-sqlite3 inserts, same rows', ms: raw.ms });
    await benchOpen(path.join(dir, 'ours.plandesk'), `the ${tasks.toLocaleString('en')}-task plan (${(fs.statSync(path.join(dir, 'ours.plandesk')).size / 1e6).toFixed(0)} MB)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Plan versions on a generated plan (100,000 tasks, 40 districts × 15 years of targets): after changing
 * 1% of the rows, the time to save a version and to compare two versions, each beside the time the
 * daff package takes to compare the same two tables (tasks and targets, read whole) in the same run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import daff from 'daff';
import { openStore } from '../db/store.ts';
import { runChange, asText } from '../db/audit/recorder.ts';
import { setEntityField, snapshotEntity } from '../db/history/entities.ts';
import { createVersion, getVersionRow, versionTable } from '../db/versions/store.ts';
import { compareRows } from '../db/versions/diff.ts';
import { specs, type VersionedEntity } from '../db/versions/rows.ts';
import { BIG_PLAN_ID, generatePlanBundle } from './generate.ts';
import { TASK_STATUS } from '../domain/tasks.ts';
import { report, time } from './measure.ts';

function daffTable(store: ReturnType<typeof openStore>, seq: number, entity: VersionedEntity): (string | null)[][] {
  const fields = specs[entity].fields;
  const rows: (string | null)[][] = [['__id', ...fields]];
  for (const r of versionTable(store.ctx, BIG_PLAN_ID, seq, entity)) {
    const d = JSON.parse(r.data) as Record<string, unknown>;
    rows.push([r.rowId, ...fields.map((f) => (d[f] === null || d[f] === undefined ? null : Array.isArray(d[f]) ? JSON.stringify(d[f]) : String(d[f])))]);
  }
  return rows;
}

function daffCompare(a: (string | null)[][], b: (string | null)[][]): number {
  const flags = new daff.CompareFlags();
  flags.addPrimaryKey('__id');
  flags.show_unchanged = false;
  flags.unchanged_context = 0;
  flags.allow_nested_cells = true;
  flags.ordered = false;
  const alignment = daff.compareTables(new daff.TableView(a), new daff.TableView(b), flags).align();
  const out: unknown[][] = [];
  new daff.TableDiff(alignment, flags).hilite(new daff.TableView(out));
  return out.length - 1;
}

export function benchVersions(tasks = 100_000): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plandesk-bench-'));
  try {
    const store = openStore(path.join(dir, 'versions.plandesk'), { create: 'seed', seeds: generatePlanBundle({ tasks, districts: 40, years: 15 }) });
    const first = time(() => createVersion(store.ctx, { planId: BIG_PLAN_ID, name: '基线' }));
    console.log(`\n(first version of the plan stores every row once: ${first.value.rowsWritten.toLocaleString('en')} rows, ${first.ms.toFixed(0)} ms)`);

    // change 1% of the rows: 1,000 tasks and 6 of the 600 district targets, as one edit
    const changedTasks = Math.round(tasks / 100);
    runChange(store.ctx, { label: '基准测试修改', planId: BIG_PLAN_ID }, (rec) => {
      const set = (entity: 'task' | 'target', id: string, field: string, value: string) => {
        const old = snapshotEntity(store.db, entity, id)?.row[field] ?? null;
        setEntityField(store.db, entity, id, field, asText(value));
        rec.update(entity, id, field, old, value);
      };
      for (let i = 0; i < changedTasks; i++) set('task', `bt-${i * 97 % tasks}`, i % 2 ? 'status' : 'progress', i % 2 ? TASK_STATUS.inProgress : `进展 ${i}`);
      for (let d = 0; d < 6; d++) set('target', `bi-revenue/district/bd-${d * 6}/2030/target`, 'value', String(1000 + d));
    });

    const created = time(() => createVersion(store.ctx, { planId: BIG_PLAN_ID, name: '修改后' }));
    const v1 = getVersionRow(store.ctx, first.value.id);
    const v2 = getVersionRow(store.ctx, created.value.id);
    let found = 0;
    const compared = time(() => {
      for (const c of compareRows(store.ctx, BIG_PLAN_ID, v1, v2)) found += c.cells.length;
    });

    const tables = (['task', 'target'] as const).map((e) => ({ a: daffTable(store, v1.seq, e), b: daffTable(store, v2.seq, e) }));
    let daffFound = 0;
    const baseline = time(() => {
      for (const t of tables) daffFound += daffCompare(t.a, t.b);
    });
    store.close();

    const title = `${tasks.toLocaleString('en')} tasks, 40 districts × 15 years; 1% of rows changed (${changedTasks.toLocaleString('en')} tasks + 6 targets)`;
    const daffFigure = { name: `daff compareTables, same two tables (${daffFound} rows)`, ms: baseline.ms };
    report(`Save a version — ${title}`, { name: `PlanDesk versions.create (${created.value.rowsWritten} rows written)`, ms: created.ms }, daffFigure);
    report(`Compare two versions — ${title}`, { name: `PlanDesk versions compare (${found} cells)`, ms: compared.ms }, daffFigure);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

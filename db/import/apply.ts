/**
 * Writes an import's changes: all or nothing, in one transaction and one change set, so the whole
 * import is one step of undo. Refuses when the import has any problem.
 */
import { randomUUID } from 'node:crypto';
import type { StoreContext } from '../context.ts';
import { invalid } from '../errors.ts';
import { runChange } from '../audit/recorder.ts';
import { noChanges } from '../audit/changes.ts';
import type { Changes } from '../../contract/changes.ts';
import { taskQueries } from '../tasks/queries.ts';
import { replaceLinks } from '../history/links.ts';
import { targetQueries, type TargetRow } from '../targets/queries.ts';
import type { ImportPlan, ImportProblem } from './plan-changes.ts';
import { applyCatalogWrites } from './catalog-apply.ts';
import { hasCatalogWrites } from './catalog-changes.ts';
import { applyPlanParts } from './plan-header.ts';

export interface ApplyResult {
  tasksUpdated: number;
  tasksAdded: number;
  targetsChanged: number;
  label: string;
  changes: Changes;
}

export function problemText(p: ImportProblem): string {
  return [p.sheet && `工作表“${p.sheet}”`, p.row !== null && `第 ${p.row} 行`, p.column && `“${p.column}”列`].filter(Boolean).join(' ') + `：${p.reason}`;
}

export function applyImport(ctx: StoreContext, plan: ImportPlan, fileName: string): ApplyResult {
  if (plan.problems.length) {
    throw invalid(
      `“${fileName}”有 ${plan.problems.length} 处问题，未导入任何内容。请改正后重新导入。`,
      plan.problems.slice(0, 200).map((p) => ({ row: p.row ?? undefined, field: p.column ?? undefined, message: problemText(p) })),
    );
  }
  const label = `导入 ${fileName}`;
  const result: ApplyResult = { tasksUpdated: 0, tasksAdded: 0, targetsChanged: 0, label, changes: noChanges(plan.planId) };
  if (!plan.taskWrites.length && !plan.targetWrites.length && !hasCatalogWrites(plan.catalog) && !plan.planWrite && !plan.districtWrites.length) return result;
  const tq = taskQueries(ctx.db);
  const vq = targetQueries(ctx.db);
  const { changes } = runChange(ctx, { label, planId: plan.planId }, (rec) => {
    applyPlanParts(ctx, rec, plan);
    applyCatalogWrites(ctx, rec, plan.planId, plan.catalog);
    for (const w of plan.taskWrites) {
      const id = w.row.id;
      const relations = () => {
        // a department that stays keeps the document's wording for it, also for undo (history/links.ts)
        if (w.lead) replaceLinks(ctx.db, rec, id, 'lead', w.lead);
        if (w.participating) replaceLinks(ctx.db, rec, id, 'participating', w.participating);
        if (w.districts) {
          tq.clearDistricts.run(id);
          w.districts.forEach((did, i) => tq.insertDistrict.run(id, did, i));
          rec.update('task', id, 'districts', w.before?.districts.map((d) => d.id) ?? [], w.districts);
        }
      };
      if (w.kind === 'insert') {
        tq.insert.run(w.row);
        (w.lead ?? []).forEach((uid, i) => tq.insertUnit.run(id, uid, 'lead', i));
        (w.participating ?? []).forEach((uid, i) => tq.insertUnit.run(id, uid, 'participating', i));
        (w.districts ?? []).forEach((did, i) => tq.insertDistrict.run(id, did, i));
        rec.inserted('task', id);
        result.tasksAdded++;
        continue;
      }
      const before = tq.byId.get(id);
      if (!before) continue;
      tq.update.run(w.row);
      for (const key of ['number', 'section', 'title', 'description', 'deadline', 'deadline_text', 'status', 'progress', 'quantitative_goal', 'notes', 'updated_at'] as const) {
        rec.update('task', id, key, before[key], w.row[key]);
      }
      relations();
      result.tasksUpdated++;
    }
    for (const t of plan.targetWrites) {
      const scopeId = t.scopeId;
      const existing = vq.byKey.get(t.indicatorId, t.scope, scopeId, t.year, '', 'target');
      if (existing) {
        vq.updateValue.run(t.value, t.text, existing.id);
        rec.update('target', existing.id, 'value', existing.value, t.value);
        rec.update('target', existing.id, 'text', existing.text, t.text);
      } else {
        const row: TargetRow = {
          id: randomUUID(), indicator_id: t.indicatorId, scope: t.scope, scope_id: scopeId, year: t.year, period: '', kind: 'target',
          value: t.value, text: t.text, source: label,
        };
        vq.insert.run(row);
        rec.inserted('target', row.id);
      }
      result.targetsChanged++;
    }
    return {};
  });
  return { ...result, changes };
}

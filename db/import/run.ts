/**
 * An import from bytes to preview to apply. The preview's fingerprint names exactly what it showed
 * (the file, the plan, every change), so apply writes what was previewed or refuses; the worked-out
 * changes are kept briefly so apply does not read the file a second time when nothing changed since.
 */
import { createHash } from 'node:crypto';
import type { StoreContext } from '../context.ts';
import { PlanDeskError } from '../errors.ts';
import { readSpreadsheet, type ReadProgress } from './read.ts';
import { planImport, type ImportChange, type ImportPlan, type ImportProblem } from './plan-changes.ts';
import { applyImport, type ApplyResult } from './apply.ts';

export const PREVIEW_CHANGE_LIMIT = 2000;
export const PREVIEW_PROBLEM_LIMIT = 1000;

export interface ImportPreview {
  fileName: string;
  fingerprint: string;
  sheets: ImportPlan['sheets'];
  /** how the file was read: hidden sheets, merged cells applied to the rows they cover */
  notices: string[];
  summary: { tasksUpdated: number; tasksAdded: number; targetsChanged: number };
  changes: ImportChange[];
  changesTotal: number;
  problems: ImportProblem[];
  problemsTotal: number;
}

interface Cached {
  plan: ImportPlan;
  version: number;
}
const cache = new WeakMap<StoreContext, Map<string, Cached>>();

/** Grows with every change set (edits, imports, undo, redo): "has anything been written since?" */
function storeVersion(ctx: StoreContext): number {
  return ctx.db.prepare<[], { v: number | null }>('SELECT max(id) AS v FROM change_sets').get()?.v ?? 0;
}

function fingerprint(bytes: Buffer, plan: ImportPlan): string {
  const h = createHash('sha256');
  h.update(plan.planId).update('\0').update(createHash('sha256').update(bytes).digest('hex')).update('\0');
  h.update(JSON.stringify(plan.changes)).update(JSON.stringify(plan.problems));
  return h.digest('hex');
}

export function toPreview(fileName: string, fp: string, plan: ImportPlan): ImportPreview {
  return {
    fileName,
    fingerprint: fp,
    sheets: plan.sheets,
    notices: plan.notices,
    summary: {
      tasksUpdated: plan.taskWrites.filter((w) => w.kind === 'update').length,
      tasksAdded: plan.taskWrites.filter((w) => w.kind === 'insert').length,
      targetsChanged: plan.targetWrites.length,
    },
    changes: plan.changes.slice(0, PREVIEW_CHANGE_LIMIT),
    changesTotal: plan.changes.length,
    problems: plan.problems.slice(0, PREVIEW_PROBLEM_LIMIT),
    problemsTotal: plan.problems.length,
  };
}

export async function workOutImport(ctx: StoreContext, planId: string, bytes: Buffer, fileName: string, onProgress?: ReadProgress) {
  const sheets = await readSpreadsheet(bytes, fileName, onProgress);
  const plan = planImport(ctx, planId, sheets);
  return { plan, fingerprint: fingerprint(bytes, plan) };
}

/** Reads the file and works out its changes and problems; writes nothing. */
export async function previewImport(ctx: StoreContext, planId: string, bytes: Buffer, fileName: string, onProgress?: ReadProgress): Promise<ImportPreview> {
  const { plan, fingerprint: fp } = await workOutImport(ctx, planId, bytes, fileName, onProgress);
  let mine = cache.get(ctx);
  if (!mine) cache.set(ctx, (mine = new Map()));
  mine.set(fp, { plan, version: storeVersion(ctx) });
  while (mine.size > 3) mine.delete(mine.keys().next().value!);
  return toPreview(fileName, fp, plan);
}

/**
 * Applies an import. With `expectFingerprint` (the workbench), refuses unless the changes are still
 * exactly those previewed; without it (`plandesk import --yes`), applies what the file says now.
 */
export async function applyImportFile(
  ctx: StoreContext, planId: string, bytes: Buffer, fileName: string, options: { expectFingerprint?: string; onProgress?: ReadProgress } = {},
): Promise<ApplyResult> {
  const expected = options.expectFingerprint;
  const hit = expected ? cache.get(ctx)?.get(expected) : undefined;
  let plan: ImportPlan;
  if (hit && hit.version === storeVersion(ctx) && hit.plan.planId === planId) plan = hit.plan;
  else {
    const worked = await workOutImport(ctx, planId, bytes, fileName, options.onProgress);
    if (expected && worked.fingerprint !== expected) {
      throw new PlanDeskError('CONFLICT', '文件或规划在预览之后有了变化，导入的内容将与预览不同。请重新预览后再导入。', [], { reason: 'import.stale' });
    }
    plan = worked.plan;
  }
  if (expected) cache.get(ctx)?.delete(expected);
  return applyImport(ctx, plan, fileName);
}

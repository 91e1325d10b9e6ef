/**
 * The consistency findings of a plan for the workbook and the report: the checks feature's own
 * function (db/checks/handlers.ts runChecks), called directly, never through dispatch.
 */
import type { StoreContext } from '../context.ts';
import type { Finding } from '../../contract/ops/analysis.ts';
import { runChecks } from '../checks/handlers.ts';
import type { FindingRow } from './xlsx/export-plan.ts';

const LEVEL: Record<Finding['severity'], string> = { error: '错误', warning: '警告', info: '提示' };

export function planFindings(ctx: StoreContext, planId: string): FindingRow[] {
  return runChecks(ctx, planId).findings.map((f) => ({ level: LEVEL[f.severity], subject: f.title, message: f.message }));
}

/**
 * The consistency findings of a plan as the workbook's 一致性检查 sheet lists them: the checks
 * (db/checks/handlers.ts runChecks) called directly, core to core — never through dispatch.
 */
import type { StoreContext } from '../context.ts';
import type { Finding } from '../../contract/ops/checks.ts';
import { runChecks } from '../checks/handlers.ts';
import type { FindingRow } from './xlsx/export-plan.ts';

const LEVEL = { error: '错误', warning: '警告', info: '提示' } satisfies Record<Finding['severity'], string>;

export function planFindings(ctx: StoreContext, planId: string): FindingRow[] {
  return runChecks(ctx, planId).findings.map((f) => ({ level: LEVEL[f.severity], subject: f.title, message: f.message }));
}

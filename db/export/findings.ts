/**
 * The consistency findings of a plan as the workbook's 一致性检查 sheet lists them: the checks
 * (db/checks/handlers.ts runChecksSliced) called directly, core to core — never through dispatch.
 */
import type { StoreContext } from '../context.ts';
import type { Finding } from '../../contract/ops/checks.ts';
import { runChecksSliced } from '../checks/handlers.ts';
import { Slicer } from '../jobs/jobs.ts';
import type { FindingRow } from './xlsx/export-plan.ts';

const LEVEL = { error: '错误', warning: '警告', info: '提示' } satisfies Record<Finding['severity'], string>;

/** Run on the export's read snapshot, in time slices, so the host keeps answering meanwhile. */
export async function planFindings(snap: StoreContext, planId: string): Promise<FindingRow[]> {
  const run = await runChecksSliced(snap, new Slicer(), planId);
  return run.findings.map((f) => ({ level: LEVEL[f.severity], subject: f.title, message: f.message }));
}

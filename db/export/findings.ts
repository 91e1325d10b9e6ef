/**
 * The consistency findings of a plan for the workbook and the report, from the checks feature when
 * this build has it (operation `checks.run`); null when it does not, so callers can say "not
 * available" rather than show an empty list as if the plan were consistent.
 */
import type { StoreContext } from '../context.ts';
import { dispatch } from '../dispatch.ts';
import type { FindingRow } from './xlsx/export-plan.ts';

const LEVEL: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };

interface FindingLike {
  severity?: unknown;
  title?: unknown;
  message?: unknown;
}

export function planFindings(ctx: StoreContext, planId: string): FindingRow[] | null {
  const r = dispatch(ctx, 'checks.run', { planId });
  if (!r.ok) return null;
  const list = (r.value as { findings?: unknown }).findings;
  if (!Array.isArray(list)) return null;
  return (list as FindingLike[]).map((f) => ({
    level: LEVEL[String(f.severity)] ?? String(f.severity ?? ''),
    subject: String(f.title ?? ''),
    message: String(f.message ?? ''),
  }));
}

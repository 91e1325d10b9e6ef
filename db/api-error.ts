/**
 * Any thrown error as the plain ApiError the contract answers with: a PlanDeskError keeps its code,
 * Chinese message and issues; anything else is INTERNAL. Its own module (not dispatch.ts) so that the
 * core's job runner (transfer/jobs.ts) can use it without importing dispatch, which imports every handler.
 */
import type { ApiError } from '../contract/result.ts';
import { PlanDeskError } from './errors.ts';
import type { StoreContext } from './context.ts';

export function toApiError(err: unknown): ApiError {
  if (err instanceof PlanDeskError)
    return { code: err.code, message: err.message, issues: err.issues, ...(err.reason ? { reason: err.reason } : {}), ...(err.params ? { params: err.params } : {}) };
  const text = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `内部错误：${text}`, issues: [] };
}

/**
 * While a restore job replaces the file (ctx.busyWith), the store's connection is query_only: a write
 * that got past the dispatcher's check (one inside a job, or an operation not declared as a write)
 * fails in SQLite with SQLITE_READONLY, and is told as the restore's BUSY, not as an internal error.
 */
export function busyRefusal(ctx: StoreContext, err: unknown): unknown {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  return ctx.busyWith && code.startsWith('SQLITE_READONLY') ? new PlanDeskError('BUSY', ctx.busyWith, [], ctx.busyReason ? { reason: ctx.busyReason } : { reason: 'busy.restore' }) : err;
}

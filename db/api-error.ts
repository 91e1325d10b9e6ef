/**
 * Any thrown error as the plain ApiError the contract answers with: a PlanDeskError keeps its code,
 * Chinese message and issues; anything else is INTERNAL. Its own module (not dispatch.ts) so that the
 * core's job runner (transfer/jobs.ts) can use it without importing dispatch, which imports every handler.
 */
import type { ApiError } from '../contract/result.ts';
import { PlanDeskError } from './errors.ts';

export function toApiError(err: unknown): ApiError {
  if (err instanceof PlanDeskError) return { code: err.code, message: err.message, issues: err.issues };
  const text = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `内部错误：${text}`, issues: [] };
}

/** What crosses the boundary: a value, or a typed error with a Chinese message. Never a thrown exception. */
/** `reason` + `params`: what the message says, for a UI in another language (db/errors.ts Reason). */
export interface ApiIssue {
  field?: string | undefined;
  row?: number | undefined;
  message: string;
  reason?: string | undefined;
  params?: Record<string, string | number> | undefined;
}
export interface ApiError {
  code: string;
  message: string;
  issues: ApiIssue[];
  reason?: string | undefined;
  params?: Record<string, string | number> | undefined;
}
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What crosses the boundary: a value, or a typed error with a Chinese message. Never a thrown exception. */
export interface ApiIssue {
  field?: string | undefined;
  row?: number | undefined;
  message: string;
}
export interface ApiError {
  code: string;
  message: string;
  issues: ApiIssue[];
}
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

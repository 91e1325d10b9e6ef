/**
 * A refusal of the core in the UI's language (issue 13, s5-polish13). The core's errors carry a stable
 * `reason` and its `params` besides the Chinese message (db/errors.ts): in English the message is
 * `err.<reason>` from the catalogue (messages/errors.ts) filled with the params — data such as names,
 * shown as written — else a text per error code; each issue likewise, with its row, else "<field>: not
 * accepted". In Chinese the core's own message and issues are shown, as they always were.
 *
 * notify.tsx's notifyError should pass every ApiCallError through `localizedError` (one line, the lead's:
 * `err = localizedError(err);` at its top); the dialogs of backups, identity, comments, transfer and
 * versions and the task detail panel do it themselves meanwhile (it is idempotent).
 */
import type { ApiError, ApiIssue } from '../../../contract/result.ts';
import { ApiCallError } from '../api/client.ts';
import { currentLanguage, hasMessage, t } from './index.ts';

const filled = (reason: string | undefined, params: ApiError['params']): string | null => {
  if (!reason) return null;
  const key = `err.${reason}`;
  if (!hasMessage(key)) return null;
  const vars: Record<string, string | number> = { ...(params ?? {}) };
  // a named kind of thing (notFound's "what") is a word of the catalogue, not data
  if (typeof vars.what === 'string' && hasMessage(`err.what.${vars.what}`)) vars.what = t(`err.what.${vars.what}` as never);
  return t(key as never, vars);
};

const fieldName = (field: string) => {
  for (const key of [`wb.detail.${field}`, `wb.task.${field}`, `identity.${field}`]) if (hasMessage(key)) return t(key as never);
  return field;
};

/** One issue in the UI's language: "row 3 The task name must not be empty". */
export function issueText(i: ApiIssue): string {
  if (currentLanguage() !== 'en') return `${i.row ? `第 ${i.row} 行 ` : ''}${i.message}`;
  const text = filled(i.reason, i.params) ?? t('err.issue', { field: i.field ? fieldName(i.field) : '—' });
  return `${i.row ? `${t('err.issueRow', { row: i.row })} ` : ''}${text}`;
}

/** The message of a refusal in the UI's language (the core's Chinese one in Chinese). */
export function errorMessage(e: ApiError): string {
  if (currentLanguage() !== 'en') return e.message;
  return filled(e.reason, e.params) ?? (hasMessage(`err.code.${e.code}`) ? t(`err.code.${e.code}` as never) : t('err.code.INTERNAL'));
}

/** The message and the issues of a refusal, as the notices show them. */
export function errorText(e: ApiError): { message: string; details: string[] } {
  return { message: errorMessage(e), details: e.issues.map(issueText) };
}

/**
 * An ApiCallError with its message and issues in the UI's language (reasons and params kept, so it
 * can go through again unchanged); anything else as it is.
 */
export function localizedError(err: unknown): unknown {
  if (!(err instanceof ApiCallError) || currentLanguage() !== 'en') return err;
  const e = err.error;
  return new ApiCallError({
    ...e,
    message: errorMessage(e),
    // the issue's row is said by issueText; keep it for callers that place errors by field
    issues: e.issues.map((i) => ({ ...i, message: filled(i.reason, i.params) ?? t('err.issue', { field: i.field ? fieldName(i.field) : '—' }) })),
  });
}

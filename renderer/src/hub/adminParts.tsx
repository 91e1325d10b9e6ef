/**
 * What the admin page's two sections (账户管理 AccountsPage, 密钥 KeysSection) share (session 8, review: they
 * copied it): the notice above the form — its text made at each render, so it follows a change of language;
 * a refusal names the field the hub's error names (params.field), and that field is marked invalid — and the
 * list's table with its column heads and a last column for the row's action.
 */
import { useState, type ReactNode } from 'react';
import { t } from '../i18n/index.ts';
import { HubCallError } from './api.ts';
import { errorText } from './text.ts';

export interface Notice {
  kind: 'info' | 'error';
  text: () => string;
  /** the field the hub's refusal names (shown as data-field; the form marks it when it has it) */
  field?: string;
}

/** F: the form's fields */
export function useNotice<F extends string>() {
  const [notice, setNotice] = useState<Notice | null>(null);
  return {
    notice,
    setNotice,
    info: (text: () => string) => setNotice({ kind: 'info', text }),
    /** a refusal: its message, and the field it names when that is one of the form's */
    fail: (err: unknown) => {
      const field = err instanceof HubCallError && typeof err.params.field === 'string' ? err.params.field : undefined;
      setNotice({ kind: 'error', text: () => errorText(err), ...(field ? { field } : {}) });
    },
    /** the props that mark a form field the last refusal named */
    invalid: (f: F) => (notice?.kind === 'error' && notice.field === f ? { 'aria-invalid': true, className: 'hub-invalid' } : {}),
  };
}

export function NoticeLine({ notice, onClose, testId }: { notice: Notice | null; onClose: () => void; testId: string }) {
  if (!notice) return null;
  return (
    <p className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid={testId} data-field={notice.field ?? ''}>
      {notice.text()}
      <button type="button" className="small" onClick={onClose}>
        {t('hubweb.notice.close')}
      </button>
    </p>
  );
}

/** a list's table: the column heads, then an empty head over the rows' action column */
export function ListTable({ heads, children }: { heads: string[]; children: ReactNode }) {
  return (
    <table className="table">
      <thead>
        <tr>
          {heads.map((h) => (
            <th key={h}>{h}</th>
          ))}
          <th />
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

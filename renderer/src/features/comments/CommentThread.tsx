/**
 * The comments (批注) on one cell or one task: each with its author (department, district) and time in
 * the plan's calendar, editable and deletable (undoable like any edit), and a box to add one. Used by the
 * grids' comment popover (gridComments.tsx) and by TaskComments (the ledger's task detail panel).
 */
import { useState } from 'react';
import { call } from '../../api/client.ts';
import { t } from '../../i18n/index.ts';
import { notifyError } from '../../notify.tsx';
import type { OperationInput, OperationOutput } from '../../../../contract/operations.ts';
import { planDateTime } from '../../../../domain/calendar.ts';
import { localizedError } from '../../i18n/errors.ts';

export type Comment = OperationOutput<'comments.list'>[number];
export type CommentOn = OperationInput<'comments.add'>['on'];

export function byLine(c: Comment): string {
  const where = [c.authorDepartment, c.authorDistrict].filter(Boolean).join(' · ');
  return t('comments.by', { author: c.author, where: where ? `（${where}）` : '', at: planDateTime(c.createdAt) }) + (c.updatedAt !== c.createdAt ? t('comments.edited') : '');
}

/** One line per comment for a tooltip: "王五（市人力社保局）· 2026-12-01 12:05：待区县确认". */
export function commentsTooltip(list: readonly Comment[]): string {
  return list.map((c) => `${byLine(c)}：${c.body}`).join('\n');
}

export function CommentThread(props: { planId: string; on: CommentOn; comments: readonly Comment[]; readonly?: boolean; autoFocus?: boolean; onChanged?: () => void; testId?: string }) {
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = (p: Promise<unknown>, after: () => void) => {
    setBusy(true);
    p.then(() => {
      after();
      props.onChanged?.();
    })
      .catch((e: unknown) => notifyError(localizedError(e)))
      .finally(() => setBusy(false));
  };
  const add = () => draft.trim() && run(call('comments.add', { planId: props.planId, on: props.on, body: draft }), () => setDraft(''));
  const save = () => editing && run(call('comments.update', { id: editing.id, body: editing.body }), () => setEditing(null));
  const remove = (id: string) => window.confirm(t('comments.confirmDelete')) && run(call('comments.delete', { id }), () => {});
  return (
    <div className="comment-thread" data-testid={props.testId ?? 'comment-thread'}>
      {props.comments.length === 0 && <p className="muted small">{t('comments.empty')}</p>}
      {props.comments.map((c) => (
        <div key={c.id} className="comment" data-testid="comment">
          <div className="comment-by muted small">{byLine(c)}</div>
          {editing?.id === c.id ? (
            <>
              <textarea value={editing.body} onChange={(e) => setEditing({ id: c.id, body: e.target.value })} rows={3} autoFocus data-testid="comment-edit-body" />
              <div className="comment-actions">
                <button type="button" onClick={() => setEditing(null)} disabled={busy}>
                  {t('comments.cancel')}
                </button>{' '}
                <button type="button" onClick={save} disabled={busy} data-testid="comment-edit-save">
                  {t('comments.save')}
                </button>
              </div>
            </>
          ) : (
            <>
              <div className="comment-body" data-testid="comment-body">
                {c.body}
              </div>
              {!props.readonly && (
                <div className="comment-actions">
                  <button type="button" className="link-button" onClick={() => setEditing({ id: c.id, body: c.body })} disabled={busy} data-testid="comment-edit">
                    {t('comments.edit')}
                  </button>{' '}
                  <button type="button" className="link-button" onClick={() => remove(c.id)} disabled={busy} data-testid="comment-delete">
                    {t('comments.delete')}
                  </button>
                </div>
              )}
            </>
          )}
        </div>
      ))}
      {!props.readonly && (
        <div className="comment-new">
          <textarea
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder={t('comments.placeholder')}
            rows={3}
            autoFocus={props.autoFocus}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) add();
            }}
            data-testid="comment-new-body"
          />
          <div className="comment-actions">
            <button type="button" onClick={add} disabled={busy || !draft.trim()} data-testid="comment-add">
              {t('comments.add')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

/**
 * 任务详情: every field of one task — number, section, name, content/scenario, quantified target, lead and
 * participating units, districts, deadline (month and the document's wording), status, progress, notes (备注), source —
 * read and edited in a side panel opened from a ledger row (its ⋯ cell: click, or Enter on it; or the
 * toolbar's 任务详情 for the focused row). Esc closes it. A save is one tasks.update (one transaction, one
 * undo step in the HistoryBar, audited per field), checked first with the rules the grid's input obeys (the
 * contract's own schema, domain/text.ts); what the core refuses is shown under the field it names.
 * The panel follows the change sets (an undo, another tab's edit) for every field not being edited.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ColDef, GridApi, SuppressKeyboardEventParams } from 'ag-grid-community';
import type { Task } from '../../../../contract/entities.ts';
import { call, ApiCallError } from '../../api/client.ts';
import { notify, notifyError } from '../../notify.tsx';
import { t } from '../../i18n/index.ts';
import { useChanges } from '../../api/changes.ts';
import { TASK_STATUSES } from '../../../../domain/tasks.ts';
import { statusLabel } from './charts.ts';
import { NamesPicker, type NameOption } from './NamesEditor.tsx';
import { checkDraft, draftOf, patchOf, sameDraftField, DETAIL_FIELDS, type Draft, type DetailField } from './taskDraft.ts';
import { TaskComments } from '../comments/index.ts';
import { planDateTime } from '../../../../domain/calendar.ts';
import { localizedError } from '../../i18n/errors.ts';
import { wordings } from './departmentNames.ts';
import './task-detail.css';

type Errors = Partial<Record<DetailField, string>>;

const label = (f: DetailField) => t(`wb.detail.${f}`);

export function TaskDetail(props: {
  task: Task;
  departments: NameOption[];
  districts: NameOption[];
  onClose: () => void;
  /** where comments (批注) on the task will go */
  comments?: (task: Task) => ReactNode;
}) {
  const { onClose } = props;
  const [base, setBase] = useState<Task>(props.task);
  const [draft, setDraft] = useState<Draft>(() => draftOf(props.task));
  const [errors, setErrors] = useState<Errors>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const baseRef = useRef(base);
  baseRef.current = base;
  const panel = useRef<HTMLElement>(null);
  const firstField = useRef<HTMLInputElement>(null);
  const dirty = Object.keys(patchOf(draft, base)).length > 0;

  // A newer version of the task (an undo, a paste in the grid, another tab): fields not being edited follow it.
  const rebase = useCallback((next: Task) => {
    const old = draftOf(baseRef.current);
    const fresh = draftOf(next);
    setDraft((d) => {
      const out = { ...d } as Record<DetailField, unknown>;
      for (const f of DETAIL_FIELDS) if (sameDraftField(d, old, f)) out[f] = fresh[f];
      return out as Draft;
    });
    setBase(next);
  }, []);
  useChanges(['tasks'], (c) => {
    const id = baseRef.current.id;
    if (c.tasks?.removed.includes(id)) return onClose();
    const row = c.tasks?.rows.find((r) => r.id === id);
    if (row) rebase(row);
  });

  // Opening on another task starts from that task.
  useEffect(() => {
    setBase(props.task);
    setDraft(draftOf(props.task));
    setErrors({});
    setSummary(null);
  }, [props.task.id]);

  useEffect(() => {
    firstField.current?.focus();
  }, [props.task.id]);

  // A side panel, not an overlay: the page makes room for it, so the toolbar (undo, redo) and the grid stay usable.
  useEffect(() => {
    document.body.classList.add('with-task-detail');
    return () => document.body.classList.remove('with-task-detail');
  }, []);

  const close = useCallback(() => {
    if (dirty && !window.confirm(t('wb.detail.confirmClose'))) return;
    onClose();
  }, [dirty, onClose]);

  // Esc also closes the panel when nothing has the focus (after a click on the page's background).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && (document.activeElement === document.body || document.activeElement === null)) close();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [close]);

  const save = async () => {
    const patch = patchOf(draft, base);
    if (Object.keys(patch).length === 0) return notify('info', t('wb.detail.unchanged'));
    const local = checkDraft(patch);
    // The notice names the fields to correct ("未保存：任务名称、出处需要修改"), each field says why under it.
    const fields = (Object.keys(local) as DetailField[]).map(label);
    if (fields.length > 0) return refuse(local, t('wb.detail.refusedFields', { fields: fields.join(t('wb.detail.fieldSeparator')) }));
    setSaving(true);
    try {
      // The answer's change set reaches the grid (and this panel, through rebase) by itself.
      const saved = await call('tasks.update', { taskId: base.id, patch });
      setBase(saved);
      setDraft(draftOf(saved));
      setErrors({});
      setSummary(null);
      notify('info', t('wb.detail.saved', { number: saved.number || saved.title }));
    } catch (raw) {
      const err = localizedError(raw);
      if (!(err instanceof ApiCallError)) return notifyError(err);
      const found: Errors = {};
      const rest: string[] = [];
      for (const issue of err.error.issues) {
        const f = DETAIL_FIELDS.find((x) => x === issue.field);
        if (f) found[f] = found[f] ? `${found[f]}；${issue.message}` : issue.message;
        else rest.push(issue.message);
      }
      refuse(found, err.error.message, rest);
    } finally {
      setSaving(false);
    }
  };

  const refuse = (found: Errors, message: string, rest: string[] = []) => {
    setErrors(found);
    setSummary(message);
    const details = [...(Object.entries(found) as [DetailField, string][]).map(([f, m]) => t('wb.detail.fieldError', { field: label(f), message: m })), ...rest];
    notify('error', message, details);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'Enter')) {
      e.preventDefault();
      void save();
    }
  };

  const set = <F extends DetailField>(f: F, value: Draft[F]) => setDraft((d) => ({ ...d, [f]: value }));
  const field = (f: DetailField, control: ReactNode, wide = false) => (
    <div className={`detail-field${wide ? ' wide' : ''}${errors[f] ? ' has-error' : ''}`} data-testid={`detail-field-${f}`}>
      <label htmlFor={`detail-${f}`}>{label(f)}</label>
      {control}
      {errors[f] && (
        <div className="field-error" id={`detail-${f}-error`} role="alert" data-testid={`detail-error-${f}`}>
          {t('wb.detail.fieldError', { field: label(f), message: errors[f] })}
        </div>
      )}
    </div>
  );
  const aria = (f: DetailField) => ({ id: `detail-${f}`, 'aria-invalid': errors[f] ? true : undefined, 'aria-describedby': errors[f] ? `detail-${f}-error` : undefined });
  const text = (f: Exclude<DetailField, 'status' | 'leadDepartments' | 'participatingDepartments' | 'districts'>, rows = 0) =>
    rows > 0 ? (
      <textarea {...aria(f)} rows={rows} value={draft[f]} onChange={(e) => set(f, e.target.value)} data-testid={`detail-${f}`} />
    ) : (
      <input {...aria(f)} ref={f === 'title' ? firstField : undefined} value={draft[f]} onChange={(e) => set(f, e.target.value)} data-testid={`detail-${f}`} />
    );
  const names = (f: 'leadDepartments' | 'participatingDepartments' | 'districts', options: NameOption[]) => (
    <NamesPicker options={options} chosen={draft[f]} onChange={(v) => set(f, v)} compact inputId={`detail-${f}`} testId={`detail-${f}`} />
  );

  // s6-auth14a: the document's wording of a department it names otherwise (原文：市金融工作局)
  const asWrittenNote = (f: 'leadDepartments' | 'participatingDepartments') => {
    const w = wordings(base[f]);
    return w.length ? <p className="muted small wide" data-testid={`detail-asWritten-${f}`}>{t('wb.task.asWritten', { names: w.join('、') })}</p> : null;
  };

  return (
    <aside ref={panel} className="task-detail" role="dialog" aria-modal="false" aria-labelledby="task-detail-heading" onKeyDown={onKeyDown} data-testid="task-detail">
      <header>
        <h2 id="task-detail-heading">{t('wb.detail.heading', { number: base.number || '—' })}</h2>
        <button type="button" className="close" onClick={close} aria-label={t('wb.detail.close')} title={t('wb.detail.close')} data-testid="detail-close">
          ×
        </button>
      </header>
      <div className="detail-body">
        {field('number', text('number'))}
        {field('status', (
          <select {...aria('status')} value={draft.status} onChange={(e) => set('status', TASK_STATUSES.find((s) => s === e.target.value) ?? draft.status)} data-testid="detail-status">
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        ))}
        {field('section', text('section'), true)}
        {field('title', text('title'), true)}
        {field('description', text('description', 7), true)}
        {field('quantitativeGoal', text('quantitativeGoal', 2), true)}
        {field('leadDepartments', names('leadDepartments', props.departments), true)}
        {asWrittenNote('leadDepartments')}
        {field('participatingDepartments', names('participatingDepartments', props.departments), true)}
        {asWrittenNote('participatingDepartments')}
        {field('districts', names('districts', props.districts), true)}
        {field('deadline', text('deadline'))}
        {field('deadlineText', text('deadlineText'))}
        <p className="muted small wide">{t('wb.detail.deadlineHelp')}</p>
        {field('progress', text('progress', 3), true)}
        {field('notes', text('notes', 3), true)}
        {field('source', text('source'), true)}
        <div className="detail-field wide">
          <span className="muted small">
            {t('wb.detail.updatedAt')}{t('wb.detail.colon')}<span data-testid="detail-updatedAt">{planDateTime(base.updatedAt)}</span>
          </span>
        </div>
        {props.comments && (
          <section className="detail-comments wide" aria-label={t('wb.detail.comments')}>
            <h3>{t('wb.detail.comments')}</h3>
            {props.comments(base)}
          </section>
        )}
      </div>
      <footer>
        {summary && (
          <span className="detail-summary" role="alert" data-testid="detail-summary">
            {summary}
          </span>
        )}
        <span className="spacer" />
        <button type="button" onClick={() => setDraft(draftOf(base))} disabled={!dirty || saving} data-testid="detail-reset">
          {t('wb.detail.reset')}
        </button>
        <button type="button" className="primary" onClick={() => void save()} disabled={saving} data-testid="detail-save">
          {t('wb.detail.save')}
        </button>
      </footer>
    </aside>
  );
}

/**
 * The ledger's side of the panel: the ⋯ column that opens a row's details (click, or Enter/Space on the cell),
 * the toolbar button for the focused row, and the panel itself. Kept here so TaskLedger.tsx only places them.
 */
export function useTaskDetail(
  apiRef: { current: GridApi<Task> | null },
  options: { departments: NameOption[]; districts: NameOption[]; suppressKeyboardEvent: (p: SuppressKeyboardEventParams<Task>) => boolean },
) {
  const [open, setOpen] = useState<Task | null>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const show = useCallback((task: Task) => {
    if (document.activeElement instanceof HTMLElement && !document.activeElement.closest('.task-detail')) returnFocus.current = document.activeElement;
    setOpen(task);
  }, []);
  const close = useCallback(() => {
    setOpen(null);
    // Back to where the planner was (the grid cell), so the keyboard goes on from there.
    const a = apiRef.current;
    const f = a?.getFocusedCell();
    if (a && f) a.setFocusedCell(f.rowIndex, f.column);
    else returnFocus.current?.focus();
  }, [apiRef]);
  // The grid's own key handling, read when a key comes (the column stays the same object across renders).
  const suppress = useRef(options.suppressKeyboardEvent);
  suppress.current = options.suppressKeyboardEvent;
  const column = useMemo<ColDef<Task>>(() => ({
    colId: 'detail',
    headerName: '',
    width: 40,
    pinned: 'left',
    resizable: false,
    sortable: false,
    editable: false,
    cellClass: 'detail-cell',
    cellRenderer: (p: { data?: Task }) =>
      p.data ? (
        <button type="button" className="detail-open" tabIndex={-1} aria-label={t('wb.detail.openRow', { number: p.data.number })} title={t('wb.detail.open')} onClick={() => p.data && show(p.data)} data-testid="detail-open">
          ⋯
        </button>
      ) : null,
    suppressKeyboardEvent: (p) => {
      if (p.event.type === 'keydown' && (p.event.key === 'Enter' || p.event.key === ' ') && p.data && !p.editing) {
        show(p.data);
        return true;
      }
      return suppress.current(p);
    },
  }), [show]);
  const openFocused = () => {
    const a = apiRef.current;
    const f = a?.getFocusedCell();
    const d = f ? a?.getDisplayedRowAtIndex(f.rowIndex)?.data : undefined;
    if (!d) return notify('info', t('wb.detail.pickRow'));
    show(d);
  };
  const button = (
    <button type="button" onClick={openFocused} data-testid="task-detail-open">
      {t('wb.detail.open')}
    </button>
  );
  const panel = open ? <TaskDetail task={open} departments={options.departments} districts={options.districts} onClose={close} comments={(task) => <TaskComments planId={task.planId} taskId={task.id} bare />} /> : null;
  return { column, button, panel, openTaskId: open?.id ?? null };
}

/**
 * The row tools of the clusters' and indicators' grids (issue 14 §1): 新增 (last), 在上方/下方插入,
 * 上移/下移 and 删除 of the row the cursor is on. A delete asks first, listing what goes with the row
 * (the core's `*.deletion`), then deletes with `confirm: true`; every step is one undo step in the core.
 */
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { GridApi } from 'ag-grid-community';
import { t } from '../../i18n/index.ts';
import { notify, notifyError } from '../../notify.tsx';
import type { Deletion } from '../../../../contract/ops/clusters.ts';
import { Dialog } from '../../components/Dialog.tsx';

export interface RowActionHandlers {
  /** adds a row at `position` (0-based in the stored order); answers the new row's id */
  insert: (position: number) => Promise<string>;
  move: (id: string, position: number) => Promise<unknown>;
  deletion: (id: string) => Promise<Deletion>;
  remove: (id: string) => Promise<unknown>;
}

/** The row the cursor was last on (kept while the toolbar has the focus). */
function useCursorRow<T extends { id: string }>(api: GridApi<T> | null): () => string | null {
  const last = useRef<string | null>(null);
  useEffect(() => {
    if (!api) return;
    const onFocus = () => {
      const cell = api.getFocusedCell();
      if (!cell || cell.rowPinned) return;
      const node = api.getDisplayedRowAtIndex(cell.rowIndex);
      if (node?.data) last.current = node.data.id;
    };
    api.addEventListener('cellFocused', onFocus);
    return () => {
      if (!api.isDestroyed()) api.removeEventListener('cellFocused', onFocus);
    };
  }, [api]);
  return () => last.current;
}

/** "新指标", or "新指标 2" … when that name is taken (names are unique within a plan). */
export function uniqueName(base: string, rows: readonly { name: string }[]): string {
  const taken = new Set(rows.map((r) => r.name));
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base} ${n}`;
    if (!taken.has(name)) return name;
  }
}

/** After an insert: the new row's name cell gets the cursor and opens for typing once the grid shows it. */
export function useFocusNewRow<T extends { id: string }>(api: GridApi<T> | null, rows: readonly T[] | null): (id: string) => void {
  const [pending, setPending] = useState<string | null>(null);
  useEffect(() => {
    if (!api || !pending || !rows?.some((r) => r.id === pending)) return;
    const node = api.getRowNode(pending);
    if (node?.rowIndex === null || node?.rowIndex === undefined) return;
    api.ensureIndexVisible(node.rowIndex);
    api.setFocusedCell(node.rowIndex, 'name');
    api.startEditingCell({ rowIndex: node.rowIndex, colKey: 'name' });
    setPending(null);
  }, [api, pending, rows]);
  return setPending;
}

export function RowActions<T extends { id: string; name: string }>(props: {
  api: GridApi<T> | null;
  /** the rows' ids in their stored order */
  ids: readonly string[];
  what: string;
  handlers: RowActionHandlers;
  onInserted: (id: string) => void;
  testId: string;
}) {
  const cursor = useCursorRow(props.api);
  const [asking, setAsking] = useState<{ id: string; d: Deletion } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = (work: () => Promise<unknown>) => {
    setBusy(true);
    work()
      .catch(notifyError)
      .finally(() => setBusy(false));
  };
  const current = (): { id: string; index: number } | null => {
    const id = cursor();
    const index = id ? props.ids.indexOf(id) : -1;
    if (!id || index < 0) {
      notify('info', t('cat.pickRow'));
      return null;
    }
    return { id, index };
  };
  const insert = (where: 'end' | 'above' | 'below') => {
    const c = where === 'end' ? { id: '', index: props.ids.length } : current();
    if (!c) return;
    const position = where === 'below' ? c.index + 1 : c.index;
    run(async () => props.onInserted(await props.handlers.insert(position)));
  };
  const move = (by: -1 | 1) => {
    const c = current();
    if (!c) return;
    const to = c.index + by;
    if (to < 0 || to >= props.ids.length) return;
    run(async () => {
      await props.handlers.move(c.id, to);
      // keep the cursor on the moved row
      window.setTimeout(() => {
        const node = props.api?.getRowNode(c.id);
        const col = props.api?.getFocusedCell()?.column;
        if (node?.rowIndex !== null && node?.rowIndex !== undefined && col) props.api?.setFocusedCell(node.rowIndex, col);
      }, 150);
    });
  };
  const ask = () => {
    const c = current();
    if (!c) return;
    run(async () => setAsking({ id: c.id, d: await props.handlers.deletion(c.id) }));
  };
  return (
    <span className="row-actions" role="group" aria-label={t('cat.rowActions')} data-testid={props.testId}>
      <button type="button" disabled={busy} onClick={() => insert('end')} data-testid={`${props.testId}-add`}>{t('cat.add')}</button>
      <button type="button" disabled={busy} onClick={() => insert('above')} data-testid={`${props.testId}-above`}>{t('cat.insertAbove')}</button>
      <button type="button" disabled={busy} onClick={() => insert('below')} data-testid={`${props.testId}-below`}>{t('cat.insertBelow')}</button>
      <button type="button" disabled={busy} onClick={() => move(-1)} data-testid={`${props.testId}-up`} title={t('cat.moveUp')}>↑ {t('cat.moveUp')}</button>
      <button type="button" disabled={busy} onClick={() => move(1)} data-testid={`${props.testId}-down`} title={t('cat.moveDown')}>↓ {t('cat.moveDown')}</button>
      <button type="button" disabled={busy} className="danger" onClick={ask} data-testid={`${props.testId}-delete`}>{t('cat.delete')}</button>
      {asking &&
        createPortal(
          <ConfirmDelete
            what={props.what}
            d={asking.d}
            onCancel={() => setAsking(null)}
            onConfirm={() => {
              const { id, d } = asking;
              setAsking(null);
              run(async () => {
                await props.handlers.remove(id);
                notify('info', t('cat.deleted', { name: d.name }));
              });
            }}
          />,
          document.body,
        )}
    </span>
  );
}

function ConfirmDelete(props: { what: string; d: Deletion; onCancel: () => void; onConfirm: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  const { d } = props;
  return (
    <Dialog testId="confirm-delete" style={{ width: 'min(520px, 92vw)' }} onEscape={props.onCancel}>
      <h2>{t('cat.confirmTitle', { what: props.what, name: d.name })}</h2>
      <p data-testid="confirm-delete-goes">{d.targetValues + d.comments > 0 ? t('cat.confirmGoes', { targets: d.targetValues, comments: d.comments }) : t('cat.confirmNothing')}</p>
      <p className="muted small">{t('cat.confirmUndo')}</p>
      <p className="dialog-actions">
        <button type="button" onClick={props.onCancel}>{t('cat.cancel')}</button>{' '}
        <button type="button" className="danger" ref={button} onClick={props.onConfirm} data-testid="confirm-delete-ok">{t('cat.confirmDelete')}</button>
      </p>
    </Dialog>
  );
}

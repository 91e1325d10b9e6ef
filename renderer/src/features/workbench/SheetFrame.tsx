/**
 * The frame around a workbench grid: takes copy/paste events, and shows refused cells' messages
 * beside the first refused cell (and listed under the grid).
 */
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { GridApi } from 'ag-grid-community';
import { t } from '../../i18n/index.ts';
import type { CellError } from './sheet.ts';

export function SheetFrame<T>(props: {
  api: GridApi<T> | null;
  errors: CellError[];
  onDismiss: () => void;
  wrapperProps: { onCopy: (e: React.ClipboardEvent) => void; onPaste: (e: React.ClipboardEvent) => void; onPointerDown?: (e: React.PointerEvent) => void };
  height: number | string;
  testId: string;
  children: ReactNode;
}) {
  const frame = useRef<HTMLDivElement>(null);
  const [bubble, setBubble] = useState<{ top: number; left: number } | null>(null);
  const first = props.errors[0];

  useLayoutEffect(() => {
    const place = () => {
      const root = frame.current;
      if (!root || !first) return setBubble(null);
      const cell = root.querySelector(`.ag-row[row-id="${CSS.escape(first.rowId)}"] .ag-cell[col-id="${CSS.escape(first.colId)}"]`);
      if (!cell) return setBubble(null);
      const a = cell.getBoundingClientRect();
      const b = root.getBoundingClientRect();
      setBubble({ top: a.bottom - b.top + 2, left: Math.max(0, Math.min(a.left - b.left, b.width - 320)) });
    };
    place();
    const timer = window.setTimeout(place, 60);
    props.api?.addEventListener('bodyScroll', place);
    return () => {
      window.clearTimeout(timer);
      if (props.api && !props.api.isDestroyed()) props.api.removeEventListener('bodyScroll', place);
    };
  }, [first, props.api]);

  return (
    <div className="sheet-frame" ref={frame} data-testid={props.testId} onCopy={props.wrapperProps.onCopy} onPaste={props.wrapperProps.onPaste} onPointerDown={props.wrapperProps.onPointerDown}>
      <div style={{ height: props.height }}>{props.children}</div>
      {first && bubble && (
        <div className="cell-error-bubble" style={{ top: bubble.top, left: bubble.left }} role="alert" data-testid="cell-error">
          {first.message}
          {props.errors.length > 1 ? <span className="muted"> {t('wb.moreErrors', { count: props.errors.length - 1 })}</span> : null}
        </div>
      )}
      {props.errors.length > 0 && (
        <div className="cell-error-list" data-testid="cell-error-list">
          <strong>{t('wb.notSaved')}</strong>
          <ul>
            {props.errors.slice(0, 12).map((e, i) => (
              <li key={i}>
                {e.label}：{e.message}
              </li>
            ))}
          </ul>
          <button type="button" className="link" onClick={props.onDismiss}>
            {t('wb.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}

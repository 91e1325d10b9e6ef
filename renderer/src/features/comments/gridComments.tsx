/**
 * Comments (批注) in a workbench grid, as Excel shows them: a red triangle in the corner of a commented
 * cell (class `cell-commented`, comments.css), the comments with author and time on hover (the cell's
 * tooltip), and a popover to read, add, edit and delete them — opened by right-click (a small menu),
 * Shift+F2 on the focused cell (Excel's shortcut), or a click on the triangle.
 *
 * A grid takes part with one hook and one column-definition pass:
 *   const decorate = useGridComments(api, binding);  columnDefs = decorate([...]);
 * The hook listens to the grid's own events (cellContextMenu, cellKeyDown, cellClicked) and loads
 * comments.list again when a write changes comments; nothing else in the grid changes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { CellClickedEvent, CellContextMenuEvent, CellKeyDownEvent, ColDef, ColGroupDef, FullWidthCellKeyDownEvent, GridApi, ITooltipParams } from 'ag-grid-community';
import { useQuery } from '../../api/useQuery.ts';
import { t } from '../../i18n/index.ts';
import type { OperationInput } from '../../../../contract/operations.ts';
import { CommentThread, commentsTooltip, type Comment, type CommentOn } from './CommentThread.tsx';
import './comments.css';

export interface CommentBinding<T> {
  planId: string;
  /** which comments this grid shows */
  list: OperationInput<'comments.list'>;
  /** the grid cell (`${rowId}|${colId}`) a comment is shown on, or null when this grid does not show it */
  cellOf: (c: Comment) => string | null;
  /** what a comment added on this cell is about, the cell (`${rowId}|${colId}`, as cellOf) its comments show on, and the popover's title; null when the cell takes none */
  targetOf: (rowId: string, colId: string, data: T | undefined) => { on: CommentOn; key: string; title: string } | null;
  readonly?: boolean;
}

type AnyCol<T> = ColDef<T> | ColGroupDef<T>;

export function useGridComments<T>(api: GridApi<T> | null, binding: CommentBinding<T>): (cols: AnyCol<T>[]) => AnyCol<T>[] {
  const q = useQuery('comments.list', binding.list, ['comments']);
  const byCell = useRef(new Map<string, Comment[]>());
  const bind = useRef(binding);
  bind.current = binding;
  const [, setVersion] = useState(0);

  useEffect(() => {
    const m = new Map<string, Comment[]>();
    for (const c of q.data ?? []) {
      const key = bind.current.cellOf(c);
      if (key) m.set(key, [...(m.get(key) ?? []), c]);
    }
    byCell.current = m;
    setVersion((v) => v + 1);
    if (api && !api.isDestroyed()) api.refreshCells({ force: true });
  }, [q.data, api]);

  useEffect(() => {
    if (!api) return;
    const open = (rowId: string | undefined, colId: string, data: T | undefined, at: { x: number; y: number }) => {
      if (!rowId) return false;
      const target = bind.current.targetOf(rowId, colId, data);
      if (!target) return false;
      const b = bind.current;
      showPopover({ planId: b.planId, list: b.list, match: (c) => b.cellOf(c) === target.key, on: target.on, title: target.title, at, readonly: b.readonly ?? false });
      return true;
    };
    const cellBox = (e: Event | null | undefined) => (e?.target instanceof Element ? e.target.closest('.ag-cell')?.getBoundingClientRect() : undefined);
    const onMenu = (e: CellContextMenuEvent<T>) => {
      const ev = e.event;
      if (!(ev instanceof MouseEvent) || !e.node.id) return;
      const target = bind.current.targetOf(e.node.id, e.column.getColId(), e.data);
      if (!target) return;
      ev.preventDefault();
      const count = byCell.current.get(target.key)?.length ?? 0;
      const rowId = e.node.id;
      const colId = e.column.getColId();
      const data = e.data;
      showMenu({ x: ev.clientX, y: ev.clientY }, count ? t('comments.count', { n: count }) : t('comments.addShortcut'), () => open(rowId, colId, data, { x: ev.clientX, y: ev.clientY }));
    };
    const onKey = (e: CellKeyDownEvent<T> | FullWidthCellKeyDownEvent<T>) => {
      const ev = e.event;
      if (!(ev instanceof KeyboardEvent) || ev.key !== 'F2' || !ev.shiftKey || !('column' in e)) return;
      const box = cellBox(ev);
      if (open(e.node.id, e.column.getColId(), e.data, { x: box?.right ?? 200, y: box?.top ?? 200 })) {
        ev.preventDefault();
        ev.stopPropagation();
        api.stopEditing(true);
      }
    };
    const onClick = (e: CellClickedEvent<T>) => {
      const ev = e.event;
      const box = cellBox(ev);
      if (!(ev instanceof MouseEvent) || !box || !byCell.current.has(`${e.node.id}|${e.column.getColId()}`)) return;
      // the triangle: the cell's top-right corner
      if (ev.clientX >= box.right - 12 && ev.clientY <= box.top + 12) open(e.node.id ?? undefined, e.column.getColId(), e.data, { x: box.right, y: box.top });
    };
    api.addEventListener('cellContextMenu', onMenu);
    api.addEventListener('cellKeyDown', onKey);
    api.addEventListener('cellClicked', onClick);
    return () => {
      if (api.isDestroyed()) return;
      api.removeEventListener('cellContextMenu', onMenu);
      api.removeEventListener('cellKeyDown', onKey);
      api.removeEventListener('cellClicked', onClick);
    };
  }, [api]);

  return useCallback((cols: AnyCol<T>[]): AnyCol<T>[] => cols.map((c) => decorateCol(c, byCell)), []);
}

function decorateCol<T>(col: AnyCol<T>, byCell: { current: Map<string, Comment[]> }): AnyCol<T> {
  if ('children' in col) return { ...col, children: col.children.map((c) => decorateCol(c, byCell)) };
  const colId = col.colId;
  if (!colId) return col;
  const key = (id: string | undefined | null) => `${id ?? ''}|${colId}`;
  const tip = col.tooltipValueGetter;
  return {
    ...col,
    cellClassRules: { ...col.cellClassRules, 'cell-commented': (p) => byCell.current.has(key(p.node?.id)) },
    tooltipValueGetter: (p: ITooltipParams<T>) => {
      const list = byCell.current.get(key(p.node?.id));
      const own: unknown = tip ? tip(p) : undefined;
      if (!list) return own;
      return typeof own === 'string' && own ? `${commentsTooltip(list)}\n${own}` : commentsTooltip(list);
    },
  };
}

// One layer for the menu and the popover, outside every grid (like the cell history dialog).
let root: Root | null = null;
function layer(): Root {
  if (!root) {
    const host = document.createElement('div');
    host.className = 'comment-layer';
    document.body.appendChild(host);
    root = createRoot(host);
  }
  return root;
}
const closeLayer = () => root?.render(null);

function useDismiss(onClose: () => void, ref: { current: HTMLElement | null }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    const onDown = (e: MouseEvent) => ref.current && e.target instanceof Node && !ref.current.contains(e.target) && onClose();
    window.addEventListener('keydown', onKey);
    const timer = window.setTimeout(() => window.addEventListener('mousedown', onDown), 0);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.clearTimeout(timer);
      window.removeEventListener('mousedown', onDown);
    };
  }, [onClose, ref]);
}

const place = (at: { x: number; y: number }, w: number, h: number) => ({
  left: Math.max(4, Math.min(at.x + 4, window.innerWidth - w - 8)),
  top: Math.max(4, Math.min(at.y, window.innerHeight - h - 8)),
});

function Menu({ at, label, onPick }: { at: { x: number; y: number }; label: string; onPick: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useDismiss(closeLayer, ref);
  return (
    <div className="comment-menu" ref={ref} style={place(at, 180, 40)} role="menu" data-testid="comment-menu">
      <button type="button" role="menuitem" onClick={onPick} data-testid="comment-menu-open">
        {label}
      </button>
    </div>
  );
}

function showMenu(at: { x: number; y: number }, label: string, onPick: () => void): void {
  layer().render(<Menu at={at} label={label} onPick={onPick} />);
}

interface PopoverProps {
  planId: string;
  list: OperationInput<'comments.list'>;
  match: (c: Comment) => boolean;
  on: CommentOn;
  title: string;
  at: { x: number; y: number };
  readonly: boolean;
}

function Popover(props: PopoverProps) {
  const ref = useRef<HTMLDivElement>(null);
  useDismiss(closeLayer, ref);
  const q = useQuery('comments.list', props.list, ['comments']);
  const mine = (q.data ?? []).filter(props.match);
  return (
    <div className="comment-popover" ref={ref} style={place(props.at, 320, 260)} role="dialog" aria-label={props.title} data-testid="comment-popover">
      <button type="button" className="comment-close" onClick={closeLayer} aria-label={t('comments.cancel')}>
        ×
      </button>
      <h4>{props.title}</h4>
      {q.data && <CommentThread planId={props.planId} on={props.on} comments={mine} readonly={props.readonly} autoFocus />}
    </div>
  );
}

function showPopover(props: PopoverProps): void {
  // a fresh popover each time (its own query and draft)
  layer().render(<Popover key={`${Date.now()}`} {...props} />);
}

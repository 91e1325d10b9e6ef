/**
 * Spreadsheet behaviour on ag-grid Community (whose range selection and clipboard are Enterprise-only):
 * a rectangular selection (click, Shift+click, drag, Shift+arrows), copy as tab-separated text, paste
 * of a block from Excel/WPS at the focused cell (checked whole by the core: all or nothing), Delete
 * clears, and refused cells marked red with their message.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { CellClassParams, CellEditRequestEvent, CellFocusedEvent, CellMouseOverEvent, Column, GridApi, IRowNode, SuppressKeyboardEventParams, ValueSetterParams } from 'ag-grid-community';
import { ApiCallError } from '../../api/client.ts';
import { notify, notifyError } from '../../notify.tsx';
import { t } from '../../i18n/index.ts';
import { localizedError } from '../../i18n/errors.ts';
import { parseTsv, pasteTargets, rectBetween, toTsv, type CellRect } from './clipboard.ts';
import { typedText } from './format.ts';
import { gridLocaleText, gridTheme } from './grid.ts';

export interface SheetCell<T> {
  node: IRowNode<T>;
  data: T;
  colId: string;
  /** grid row number (1-based), what refusals name */
  row: number;
  value: string;
}

export interface SheetOptions<T> {
  /** may paste / Delete write this cell? */
  isEditable(data: T, colId: string): boolean;
  /** the text a cell copies as (raw numbers, names joined with 、) */
  copyText(data: T, colId: string): string;
  /** writes the cells through the core in one call (one undo step); throws ApiCallError when refused */
  write(cells: SheetCell<T>[], action: 'edit' | 'paste' | 'clear'): Promise<void>;
  /** how a row is named in messages ("江津区", "任务 四（一）") */
  rowLabel(data: T): string;
  /**
   * The row as it reads with `value` typed into `colId`, shown at once while the write is on its way
   * (optimistic display). The write puts the stored row in its place; a refusal puts the old one back.
   */
  provisional?(data: T, colId: string, value: string): T;
}

/**
 * Puts new row objects into their nodes and draws them before returning, in the task that brings them (an
 * answer's, the Enter's). updateData rather than setData: ag-grid then draws again only the cells whose value
 * or text changed; setData redraws every cell of the row, each in a synchronous React render of its own
 * (ag-grid-react's flushSync per cell: about 17 cells a targets row, 4 rows an answer). Without the one
 * flushSync here, updateData's cell renders would wait for React's scheduler — in an answer's task, until
 * after the next frame. Our grids have no cell renderer that reads other fields than its own value (class
 * rules and the ⋯ column, which has no value, are refreshed on every update). Never called while React
 * renders (an effect uses setData).
 */
export function putRows<T>(rows: [IRowNode<T>, T][]): void {
  if (rows.length === 0) return;
  flushSync(() => {
    for (const [node, data] of rows) node.updateData(data);
  });
}

export interface CellError {
  rowId: string;
  colId: string;
  message: string;
  label: string;
}

type Pos = { row: number; col: number };
/** How long an Enter's editor waits for the write's answer before it closes with the typed value (enterAhead). */
const ENTER_AHEAD_MS = 40;
const ARROWS: Record<string, Pos> = { ArrowUp: { row: -1, col: 0 }, ArrowDown: { row: 1, col: 0 }, ArrowLeft: { row: 0, col: -1 }, ArrowRight: { row: 0, col: 1 } };

export function useSheet<T>(apiRef: { current: GridApi<T> | null }, options: SheetOptions<T>) {
  const opts = useRef(options);
  opts.current = options;
  const [errors, setErrors] = useState<CellError[]>([]);
  const errorMap = useMemo(() => new Map(errors.map((e) => [`${e.rowId}|${e.colId}`, e])), [errors]);
  const errorRef = useRef(errorMap);
  errorRef.current = errorMap;
  const [selectionSize, setSelectionSize] = useState<{ rows: number; cols: number }>({ rows: 0, cols: 0 });
  // Everything below reads the grid and the options through refs, so it is made once: the grid props,
  // class rules and callbacks keep their identity across renders. (New ones every render made ag-grid
  // redraw every cell, which re-reported the rows shown, which rendered again: a loop at idle.)
  const stable = useMemo(() => makeSheet(apiRef, opts, errorRef, setErrors, setSelectionSize), [apiRef]);
  // A refusal marks cells: they are drawn again when the marks change (the class rules read errorRef).
  const marked = useRef(errorMap);
  useEffect(() => {
    if (marked.current === errorMap) return;
    marked.current = errorMap;
    apiRef.current?.refreshCells({ force: true, suppressFlash: true });
  }, [apiRef, errorMap]);
  const clearErrors = useCallback(() => setErrors((e) => (e.length ? [] : e)), []);
  return { ...stable, errors, clearErrors, selectionSize };
}

function makeSheet<T>(
  apiRef: { current: GridApi<T> | null },
  opts: { current: SheetOptions<T> },
  errorRef: { current: Map<string, CellError> },
  setErrors: (f: CellError[] | ((e: CellError[]) => CellError[])) => void,
  setSelectionSize: (s: { rows: number; cols: number } | ((s: { rows: number; cols: number }) => { rows: number; cols: number })) => void,
) {
  const sel: { current: { anchor: Pos; end: Pos } | null } = { current: null };
  // An Enter whose edit ends when its write is answered (enterAhead): how to end it now.
  const pending: { current: (() => void) | null } = { current: null };
  const shift = { current: false };
  const dragging = { current: false };
  // The cell a mouse press already selected (see onPointerDown): ag-grid's own cellFocused for it comes later.
  const pressed: { current: Pos | null } = { current: null };
  const same = (a: Pos, b: Pos) => a.row === b.row && a.col === b.col;

  const columns = (): Column[] => apiRef.current?.getAllDisplayedColumns() ?? [];
  const rect = (): CellRect | null => (sel.current ? rectBetween(sel.current.anchor, sel.current.end) : null);

  // Whether the cells last drawn show a block selection ('cell-selected' marks only a block, never one cell).
  let blockShown = false;
  const repaint = () => {
    const r = rect();
    const rows = r ? r.rowEnd - r.rowStart + 1 : 0;
    const cols = r ? r.colEnd - r.colStart + 1 : 0;
    // The same size keeps the state (no render of the grid's screen for a move from one cell to the next).
    setSelectionSize((s) => (s.rows === rows && s.cols === cols ? s : { rows, cols }));
    // Every cell is drawn again only when a block is or was shown: moving from one cell to another (an
    // edit's Enter moves down) changes no cell's classes, and a forced refresh of every cell on screen
    // held up the edited value's display (browser bench, 区县目标 and 任务台账 edits).
    const block = rows * cols > 1;
    if (block || blockShown) apiRef.current?.refreshCells({ force: true, suppressFlash: true });
    blockShown = block;
  };

  const posOf = (rowIndex: number | null | undefined, column: Column | string | null | undefined): Pos | null => {
    if (rowIndex === null || rowIndex === undefined || !column) return null;
    const id = typeof column === 'string' ? column : column.getColId();
    const col = columns().findIndex((c) => c.getColId() === id);
    return col < 0 ? null : { row: rowIndex, col };
  };

  const cellsIn = (r: CellRect): { node: IRowNode<T>; colId: string; row: number }[] => {
    const api = apiRef.current;
    if (!api) return [];
    const cols = columns();
    const out: { node: IRowNode<T>; colId: string; row: number }[] = [];
    for (let i = r.rowStart; i <= r.rowEnd; i++) {
      const node = api.getDisplayedRowAtIndex(i);
      if (!node?.data) continue;
      for (let c = r.colStart; c <= r.colEnd; c++) {
        const col = cols[c];
        if (col) out.push({ node, colId: col.getColId(), row: i + 1 });
      }
    }
    return out;
  };

  const headerOf = (colId: string) => apiRef.current?.getColumn(colId)?.getColDef().headerName ?? colId;

  /** Shows each row with its typed cells at once; returns what to put back where the write replaced nothing. */
  const showProvisional = (cells: SheetCell<T>[]): { node: IRowNode<T>; original: T; shown: T }[] => {
    const make = opts.current.provisional;
    if (!make) return [];
    const byNode = new Map<IRowNode<T>, { node: IRowNode<T>; original: T; shown: T }>();
    for (const c of cells) {
      const entry = byNode.get(c.node) ?? { node: c.node, original: c.data, shown: c.data };
      entry.shown = make(entry.shown, c.colId, c.value);
      byNode.set(c.node, entry);
    }
    const out = [...byNode.values()];
    putRows(out.map((e) => [e.node, e.shown]));
    return out;
  };
  const putBack = (shown: { node: IRowNode<T>; original: T; shown: T }[]) => {
    putRows(shown.filter((e) => e.node.data === e.shown).map((e) => [e.node, e.original]));
  };

  /**
   * Runs a write; on refusal marks each named cell and says why, beside the cells and as a notice.
   * `showAt`, when given, is where the typed rows are shown (a microtask of the Enter, see valueSetter): the
   * request has then already left, and the host works on it while the page draws the typed value.
   */
  const run = async (cells: SheetCell<T>[], action: 'edit' | 'paste' | 'clear', showAt?: (show: () => void) => void, settled?: () => void) => {
      if (cells.length === 0) return;
      let shown: { node: IRowNode<T>; original: T; shown: T }[] = [];
      const written = showAt ? opts.current.write(cells, action) : null;
      if (showAt) showAt(() => (shown = showProvisional(cells)));
      else shown = showProvisional(cells);
      try {
        // The answer's change set has already been published (api/client.ts): the views showing these cells applied it.
        try {
          await (written ?? opts.current.write(cells, action));
        } finally {
          // A deferred Enter (see enterAhead) ends the edit here, in the answer's task: the next frame shows the stored value.
          settled?.();
        }
        setErrors((e) => (e.length ? [] : e));
        // A row the answer did not replace (nothing changed in it) reads as before.
        putBack(shown);
      } catch (raw) {
        putBack(shown);
        // in the UI's language (the core's reasons and params: i18n/errors.ts)
        const err = localizedError(raw);
        if (!(err instanceof ApiCallError)) {
          notifyError(err);
          return;
        }
        const labelOf = (c: SheetCell<T>) => `${opts.current.rowLabel(c.data)} · ${headerOf(c.colId)}`;
        // A refusal naming no cell (the host gone, a file being restored): every cell of the write is marked,
        // and the notice says what was typed in each, so nothing typed is lost from sight.
        if (err.error.issues.length === 0) {
          setErrors(cells.map((c) => ({ rowId: c.node.id ?? '', colId: c.colId, message: err.error.message, label: labelOf(c) })));
          const typed = cells.slice(0, 20).map((c) => (c.value === '' ? t('wb.notSavedCleared', { label: labelOf(c) }) : t('wb.notSavedTyped', { label: labelOf(c), value: c.value })));
          notify('error', err.error.message, cells.length > 20 ? [...typed, t('wb.moreErrors', { count: cells.length - 20 })] : typed);
          return;
        }
        const marked: CellError[] = [];
        for (const issue of err.error.issues) {
          const hits = cells.filter((c) => (issue.row === undefined || c.row === issue.row) && (issue.field === undefined || c.colId === issue.field));
          const targets = hits.length ? hits : cells.length === 1 ? cells : [];
          for (const c of targets) marked.push({ rowId: c.node.id ?? '', colId: c.colId, message: issue.message, label: labelOf(c) });
        }
        setErrors(marked);
        notify('error', err.error.message, marked.length ? marked.map((m) => `${m.label}：${m.message}`) : err.error.issues.map((i) => i.message));
      }
  };

  const copy = (e: ClipboardEvent | React.ClipboardEvent) => {
    const api = apiRef.current;
    if (!api || api.getEditingCells().length > 0) return;
    const r = rect();
    if (!r) return;
    const cols = columns();
    const block: string[][] = [];
    for (let i = r.rowStart; i <= r.rowEnd; i++) {
      const node = api.getDisplayedRowAtIndex(i);
      const data = node?.data;
      const line: string[] = [];
      for (let c = r.colStart; c <= r.colEnd; c++) {
        const col = cols[c];
        line.push(data && col ? opts.current.copyText(data, col.getColId()) : '');
      }
      block.push(line);
    }
    e.clipboardData?.setData('text/plain', toTsv(block));
    e.preventDefault();
  };

  const paste = (e: ClipboardEvent | React.ClipboardEvent) => {
    const api = apiRef.current;
    if (!api || api.getEditingCells().length > 0) return;
    const text = e.clipboardData?.getData('text/plain') ?? '';
    e.preventDefault();
    const focused = api.getFocusedCell();
    const at = posOf(focused?.rowIndex, focused?.column);
    if (!at || focused?.rowPinned) return;
    const block = parseTsv(text);
    if (block.length === 0) return;
    const cols = columns();
    const r = rect();
    const multi = r && (r.rowEnd > r.rowStart || r.colEnd > r.colStart) ? r : undefined;
    const placed = pasteTargets(block, at, { rows: api.getDisplayedRowCount(), cols: cols.length }, multi);
    const cells: SheetCell<T>[] = [];
    const refused: string[] = [];
    for (const p of placed) {
      const node = api.getDisplayedRowAtIndex(p.row);
      const col = cols[p.col];
      if (!node?.data || !col || node.rowPinned) continue;
      const colId = col.getColId();
      if (!opts.current.isEditable(node.data, colId)) {
        // Pasting back what a computed column already shows is harmless; anything else is refused.
        if (p.value.trim() !== opts.current.copyText(node.data, colId).trim())
          refused.push(`${opts.current.rowLabel(node.data)} · ${headerOf(colId)}：${t('wb.readOnlyCell')}`);
        continue;
      }
      cells.push({ node, data: node.data, colId, row: p.row + 1, value: p.value });
    }
    if (refused.length) {
      notify('error', t('wb.pasteRefused', { count: refused.length }), refused.slice(0, 20));
      return;
    }
    const rows = placed.map((p) => p.row);
    const colsIdx = placed.map((p) => p.col);
    sel.current = { anchor: { row: Math.min(...rows), col: Math.min(...colsIdx) }, end: { row: Math.max(...rows), col: Math.min(Math.max(...colsIdx), cols.length - 1) } };
    repaint();
    void run(cells, 'paste');
  };

  const clear = () => {
    const r = rect();
    if (!r) return;
    const cells = cellsIn(r)
      .filter((c) => c.node.data && opts.current.isEditable(c.node.data, c.colId))
      .map((c) => ({ ...c, data: c.node.data as T, value: '' }));
    void run(cells, 'clear');
  };

  const extend = (d: Pos) => {
    const api = apiRef.current;
    if (!api) return;
    // ag-grid tells its focus moves a moment later (its events are queued on a timer), but knows them at
    // once: a Shift+arrow pressed right after an arrow key starts from the cell the focus is on now.
    const f = api.getFocusedCell();
    const at = f && !f.rowPinned ? posOf(f.rowIndex, f.column) : null;
    if (at && (!sel.current || (!same(at, sel.current.anchor) && !same(at, sel.current.end)))) sel.current = { anchor: at, end: at };
    if (!sel.current) return;
    const maxRow = api.getDisplayedRowCount() - 1;
    const maxCol = columns().length - 1;
    const end = { row: Math.max(0, Math.min(maxRow, sel.current.end.row + d.row)), col: Math.max(0, Math.min(maxCol, sel.current.end.col + d.col)) };
    sel.current = { ...sel.current, end };
    api.ensureIndexVisible(end.row);
    const col = columns()[end.col];
    if (col) api.ensureColumnVisible(col);
    repaint();
  };

  const endDrag = () => {
    dragging.current = false;
    shift.current = false;
    window.removeEventListener('pointerup', endDrag);
  };
  /**
   * A press on a cell selects it (or, with Shift, extends to it) at once, on the frame's pointerdown: ag-grid
   * has moved its focus by then (its pointerdown listener inside the grid runs first), but tells it
   * (cellFocused, cellMouseDown) only on a timer, so a Shift+arrow pressed right after a click extended
   * the old selection.
   */
  const onPointerDown = (e: React.PointerEvent) => {
    const cell = e.target instanceof Element ? e.target.closest('.ag-cell') : null;
    const f = cell ? apiRef.current?.getFocusedCell() : null;
    if (!cell || !f || f.rowPinned || f.column.getColId() !== cell.getAttribute('col-id')) return;
    const p = posOf(f.rowIndex, f.column);
    if (!p) return;
    shift.current = e.shiftKey;
    dragging.current = e.button === 0;
    window.addEventListener('pointerup', endDrag);
    pressed.current = p;
    sel.current = e.shiftKey && sel.current ? { ...sel.current, end: p } : { anchor: p, end: p };
    repaint();
  };

  const gridProps = {
    onCellFocused: (e: CellFocusedEvent<T>) => {
      if (e.rowPinned) return;
      const p = posOf(e.rowIndex, e.column as Column | string | null);
      if (!p) return;
      // The press that moved the focus here has selected already (and keys may have extended it since).
      const byPress = pressed.current;
      pressed.current = null;
      if (byPress && same(byPress, p)) return;
      // A Shift+arrow pressed before this came started its block here (extend): the block stays.
      if (!shift.current && sel.current && same(sel.current.anchor, p)) return;
      if (shift.current && sel.current) sel.current = { ...sel.current, end: p };
      else sel.current = { anchor: p, end: p };
      repaint();
    },
    onCellMouseOver: (e: CellMouseOverEvent<T>) => {
      if (!dragging.current || !sel.current || e.rowPinned) return;
      const p = posOf(e.rowIndex, e.column);
      if (p && (p.row !== sel.current.end.row || p.col !== sel.current.end.col)) {
        sel.current = { ...sel.current, end: p };
        repaint();
      }
    },
  };

  /**
   * Enter ending an edit in a one-line editor of a directEdit column, ahead of ag-grid: the write leaves at
   * once, and the editor stays open with what was typed until the write's answer comes (at most
   * ENTER_AHEAD_MS); then, in the answer's own task, the editor closes, the stored row is in the grid and
   * the focus moves down (up with Shift) as ag-grid's enterNavigatesVerticallyAfterEdit would. Why: ag-grid's
   * own Enter (closing the editor, the typed row drawn, the focus moved: ~10 ms of main thread) and the frame
   * it asks for ran before the answer, which had come meanwhile but waited behind them, so the stored value
   * was drawn a frame later (Chromium trace of the browser bench's edits). Any key or press in the meantime
   * ends the edit first: a key is then given to the cell the focus moved to, as if typed there.
   */
  const enterAhead = (p: SuppressKeyboardEventParams<T>): boolean => {
    const { api, node, column, colDef, event } = p;
    const colId = column.getColId();
    const editor = colDef.cellEditor;
    const oneLine = editor === undefined || editor === 'agTextCellEditor' || (typeof editor === 'function' && 'oneLine' in editor && editor.oneLine === true);
    if (!oneLine || colDef.valueSetter !== valueSetter || event.altKey || event.ctrlKey || event.metaKey || !node.data || pending.current) return false;
    const instance = api.getCellEditorInstances({ rowNodes: [node], columns: [column] })[0];
    if (!instance) return false;
    const typed = typedText(instance.getValue());
    // Nothing changed: ag-grid's own Enter (it writes nothing).
    if (typed === typedText(api.getCellValue({ rowNode: node, colKey: colId, from: 'data' }))) return false;
    const up = event.shiftKey;
    const entry: { show: (() => void) | null; answered: boolean; timer: number } = { show: null, answered: false, timer: 0 };
    let closed = false;
    let frame = 0;
    /** The editor closes: the stored row is in the grid already (answered), or the typed row is shown until it comes. */
    const close = () => {
      if (closed) return;
      closed = true;
      window.clearTimeout(entry.timer);
      if (api.isDestroyed()) return;
      // flushSync: an inline editor gives its cell back to the cell's React renderer, drawn here rather than after the next frame.
      if (api.getEditingCells().some((c) => c.rowIndex === node.rowIndex && c.column?.getColId() === colId)) flushSync(() => api.stopEditing(true));
      if (!entry.answered) entry.show?.();
    };
    /** Everything left, now: the editor closed and the focus moved down (up with Shift). */
    const finish = () => {
      if (pending.current !== finish) return;
      pending.current = null;
      window.cancelAnimationFrame(frame);
      window.removeEventListener('keydown', onKeyFirst, true);
      window.removeEventListener('pointerdown', finish, true);
      close();
      if (api.isDestroyed()) return;
      const at = node.rowIndex;
      if (at === null) return;
      const next = at + (up ? -1 : 1);
      const to = next >= 0 && next < api.getDisplayedRowCount() ? next : at;
      api.ensureIndexVisible(to);
      api.setFocusedCell(to, colId);
    };
    const onKeyFirst = (e: KeyboardEvent) => {
      const replay = !e.isComposing && e.key !== 'Process' && !e.ctrlKey && !e.metaKey && !e.altKey;
      if (replay) {
        e.preventDefault();
        e.stopImmediatePropagation();
      }
      finish();
      if (!replay) return;
      const init = { key: e.key, code: e.code, shiftKey: e.shiftKey, repeat: e.repeat, bubbles: true, cancelable: true, composed: true };
      (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', init));
    };
    pending.current = finish;
    window.addEventListener('keydown', onKeyFirst, true);
    window.addEventListener('pointerdown', finish, true);
    entry.timer = window.setTimeout(finish, ENTER_AHEAD_MS);
    const cell = { node, data: node.data, colId, row: (node.rowIndex ?? 0) + 1, value: typed };
    // Answered: the editor closes in the answer's task, and the focus moves once the frame showing the stored
    // value is drawn (its focus() forces a style and layout pass and ensureIndexVisible a scroll check, ~3 ms
    // that in the answer's task or that frame delayed the frame); a key or press before then moves it first.
    void run([cell], 'edit', (show) => (entry.show = show), () => {
      entry.answered = true;
      close();
      if (pending.current === finish) frame = window.requestAnimationFrame(() => window.setTimeout(finish, 0));
    });
    return true;
  };

  /** Keys the grid must leave to us: Shift+arrows extend the selection, Delete clears it. */
  const suppressKeyboardEvent = (p: SuppressKeyboardEventParams<T>): boolean => {
    const ev = p.event;
    if (p.editing && ev.type === 'keydown' && ev.key === 'Enter') return enterAhead(p);
    if (p.editing || ev.type !== 'keydown') return false;
    const d = ARROWS[ev.key];
    if (d && ev.shiftKey) {
      extend(d);
      return true;
    }
    if (ev.key === 'Delete' || (ev.key === 'Backspace' && !ev.ctrlKey)) {
      if (ev.key === 'Delete') clear();
      return ev.key === 'Delete';
    }
    return false;
  };

  const isSelected = (p: CellClassParams<T>): boolean => {
    const r = rect();
    if (!r || p.node.rowPinned || p.rowIndex === null) return false;
    if (r.rowStart === r.rowEnd && r.colStart === r.colEnd) return false;
    const c = columns().findIndex((x) => x.getColId() === p.colDef.colId || x.getColDef() === p.colDef);
    return p.rowIndex >= r.rowStart && p.rowIndex <= r.rowEnd && c >= r.colStart && c <= r.colEnd;
  };

  const cellClassRules = {
    'cell-selected': isSelected,
    'cell-error': (p: CellClassParams<T>) => errorRef.current.has(`${p.node.id ?? ''}|${p.colDef.colId ?? p.colDef.field ?? ''}`),
  };

  const errorTooltip = (rowId: string | undefined, colId: string): string | undefined => errorRef.current.get(`${rowId ?? ''}|${colId}`)?.message;

  /** ag-grid's onCellEditRequest (readOnlyEdit): one typed cell, checked and saved like a paste of one cell */
  const onCellEditRequest = (e: CellEditRequestEvent<T>) => {
    if (!e.data || !e.colDef.colId) return;
    void run([{ node: e.node, data: e.data, colId: e.colDef.colId, row: (e.rowIndex ?? 0) + 1, value: typedText(e.newValue) }], 'edit');
  };
  /**
   * The same, as the column's valueSetter (`directEdit`): ag-grid calls it inside the Enter that ends the
   * edit, where onCellEditRequest comes on its event timer, after a frame is drawn. The request leaves from
   * here, before ag-grid moves the focus and the page draws (the host writes meanwhile); the typed row is
   * shown in a microtask, once ag-grid has closed the editor, so it is in the first frame drawn. Never
   * changes the row itself (false): the core's answer does.
   */
  const valueSetter = (p: ValueSetterParams<T>): boolean => {
    const { node, data, colDef } = p;
    if (!node || !data || !colDef.colId) return false;
    const cell = { node, data, colId: colDef.colId, row: (node.rowIndex ?? 0) + 1, value: typedText(p.newValue) };
    void run([cell], 'edit', queueMicrotask);
    return false;
  };

  return {
    /** Spread on every sheet grid: look, texts, range selection, and edits that go through `run` (checked, undoable). */
    gridProps: {
      ...gridProps,
      theme: gridTheme,
      localeText: gridLocaleText(),
      readOnlyEdit: true,
      onCellEditRequest,
      enterNavigatesVertically: true,
      enterNavigatesVerticallyAfterEdit: true,
      stopEditingWhenCellsLoseFocus: true,
    },
    /**
     * Opt-in for a grid whose every editable column takes `valueSetter` (in its defaultColDef): edits are
     * saved from the Enter itself rather than from ag-grid's queued cellEditRequest. Spread after gridProps.
     */
    directEdit: { gridProps: { readOnlyEdit: false }, valueSetter },
    suppressKeyboardEvent,
    cellClassRules,
    errorTooltip,
    run,
    wrapperProps: { onCopy: copy, onPaste: paste, onPointerDown },
    selectedCells: () => {
      const r = rect();
      return r ? cellsIn(r) : [];
    },
    selectedRowIndexes: () => {
      const r = rect();
      return r ? Array.from({ length: r.rowEnd - r.rowStart + 1 }, (_, i) => r.rowStart + i) : [];
    },
  };
}

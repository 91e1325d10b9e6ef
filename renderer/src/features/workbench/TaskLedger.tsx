/**
 * 任务台账: the plan's tasks in a grid fed page by page from SQLite (ag-grid's infinite row model), so
 * 100,000 tasks scroll and filter without loading at once. Overdue tasks are highlighted; the charts
 * follow the same filter.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, GridApi, IDatasource, IRowNode, ITooltipParams, RowClassParams } from 'ag-grid-community';
import { call } from '../../api/client.ts';
import { notify, notifyError } from '../../notify.tsx';
import { t, useLanguage } from '../../i18n/index.ts';
import type { District, Task, Department } from '../../../../contract/entities.ts';
import type { TaskFilter, TaskPatch } from '../../../../contract/operations.ts';
import type { TaskStats } from '../../../../contract/ops/tasks.ts';
import { useChanges, type Changes } from '../../api/changes.ts';
import { HistoryBar } from './HistoryBar.tsx';
import { LedgerExportButtons } from '../transfer/ExportGridButtons.tsx';
import { putRows, useSheet } from './sheet.ts';
import { SheetFrame } from './SheetFrame.tsx';
import { splitNames } from '../../../../domain/text.ts';
import { TASK_STATUS, TASK_STATUSES } from '../../../../domain/tasks.ts';
import { rowIsOverdue } from './overdue.ts';
import { PLAN_TIME_ZONE } from '../../../../domain/calendar.ts';
import { NamesEditor } from './NamesEditor.tsx';
import { namesWithWording, shownName } from './departmentNames.ts';
import { TaskFilters } from './TaskFilters.tsx';
import { useTaskDetail } from './TaskDetail.tsx';
import { Chart } from '../../components/Chart.tsx';
import { deadlinesByMonth, statusByLead, statusLabel } from './charts.ts';
import { openCellHistory } from '../versions/index.ts';
import { useGridComments, taskComments } from '../comments/index.ts';

/** A status in the UI's language (the value stays the stored one). */
const statusText = (v: unknown) => {
  const s = TASK_STATUSES.find((x) => x === v);
  return s ? statusLabel(s) : String(v ?? '');
};

const EDITABLE = ['number', 'section', 'title', 'leadDepartments', 'participatingDepartments', 'districts', 'deadline', 'status', 'progress'] as const;
type EditableField = (typeof EDITABLE)[number];
const isEditable = (colId: string): colId is EditableField => (EDITABLE as readonly string[]).includes(colId);
const PAGE = 200;
const taskRowId = (p: { data: Task }) => p.data.id;
/** The stored task fields tasks.stats counts by (status, deadline month, lead and participating departments). */
const STATS_FIELDS = new Set(['*', 'status', 'deadline', 'lead_departments', 'participating_departments', 'districts']);

function cellText(d: Task, colId: string): string {
  switch (colId) {
    case 'leadDepartments':
    case 'participatingDepartments':
      return d[colId].map(shownName).join('、'); // the department's name; the document's wording in the note (departmentNames.ts)
    case 'districts':
      return d[colId].map((u) => u.name).join('、');
    case 'deadline':
      return d.deadline ?? '';
    case 'updatedAt':
      return d.updatedAt.slice(0, 16).replace('T', ' ');
    case 'role':
      return '';
    default: {
      const v = d[colId as keyof Task];
      return v === null || v === undefined || typeof v === 'object' ? '' : String(v);
    }
  }
}

function toPatch(colId: EditableField, value: string): TaskPatch {
  switch (colId) {
    case 'leadDepartments':
    case 'participatingDepartments':
    case 'districts':
      return { [colId]: splitNames(value) };
    case 'status': {
      const s = TASK_STATUSES.find((x) => x === value.trim() || statusLabel(x) === value.trim());
      // An unknown status is sent as typed so the core refuses it with its message.
      return { status: (s ?? value.trim()) as TaskPatch['status'] };
    }
    case 'section':
    case 'progress':
      return { [colId]: value.trim() === '' ? null : value };
    case 'deadline':
      return { deadline: value.trim() === '' ? null : value };
    default:
      return { [colId]: value };
  }
}

/** A task as it reads with a patch typed in, before the core has checked and stored it. */
function typedRow(d: Task, patch: TaskPatch): Task {
  const named = (names: string[] | undefined) => names?.map((name) => ({ id: '', name }));
  return {
    ...d,
    ...(patch.number !== undefined ? { number: patch.number } : {}),
    ...(patch.section !== undefined ? { section: patch.section } : {}),
    ...(patch.title !== undefined ? { title: patch.title } : {}),
    ...(patch.deadline !== undefined ? { deadline: patch.deadline } : {}),
    ...(patch.status !== undefined ? { status: patch.status } : {}),
    ...(patch.progress !== undefined ? { progress: patch.progress } : {}),
    ...(patch.leadDepartments ? { leadDepartments: named(patch.leadDepartments) ?? [] } : {}),
    ...(patch.participatingDepartments ? { participatingDepartments: named(patch.participatingDepartments) ?? [] } : {}),
    ...(patch.districts ? { districts: named(patch.districts) ?? [] } : {}),
  };
}

export function TaskLedger({ planId, fixedDepartmentId, focus, testId = 'tasks-grid' }: { planId: string; fixedDepartmentId?: string; focus?: URLSearchParams; testId?: string }) {
  // The pages asked again after the last structural change (a task added, say), so what follows it
  // (scrolling to the new task) works on the new rows, not the ones they replace.
  const pagesReloaded = useRef<Promise<void>>(Promise.resolve());
  // Bumped when a write changes what the charts count (they ask again a moment later).
  const [statsVersion, setStatsVersion] = useState(0);
  const [filter, setFilter] = useState<TaskFilter>({});
  const [departments, setDepartments] = useState<Department[]>([]);
  const [districts, setDistricts] = useState<District[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [stats, setStats] = useState<TaskStats | null>(null);
  const apiRef = useRef<GridApi<Task> | null>(null);
  const [api, setApi] = useState<GridApi<Task> | null>(null);
  // The plan file's time zone (preferences.timeZone): overdue rows are those the core counts as overdue.
  const [timeZone, setTimeZone] = useState(PLAN_TIME_ZONE);
  useEffect(() => {
    call('preferences.get', {})
      .then((p) => setTimeZone(p.timeZone))
      .catch(notifyError);
  }, []);
  const effective = useMemo<TaskFilter>(() => (fixedDepartmentId ? { ...filter, departmentId: fixedDepartmentId } : filter), [filter, fixedDepartmentId]);
  const filterKey = JSON.stringify(effective);

  const loadNames = useCallback(() => {
    call('departments.list', {}).then(setDepartments).catch(notifyError);
    call('districts.list', {}).then(setDistricts).catch(notifyError);
  }, []);
  useEffect(loadNames, [loadNames]);

  // Resolved when the pages asked again after a structural change have arrived (see reloadPages).
  const reloaded = useRef<(() => void)[]>([]);
  // The first page is asked for as the ledger mounts, beside the grid being set up, rather than once the
  // grid asks: opening a plan paints its first rows a round trip sooner. Used once, by the first getRows.
  const firstPage = useRef<{ key: string; rows: ReturnType<typeof call<'tasks.list'>> } | null>(null);
  const [pagePainted, setPagePainted] = useState(false);
  const datasource = useMemo<IDatasource>(() => {
    const list = (offset: number, limit: number) => call('tasks.list', { planId, filter: JSON.parse(filterKey) as TaskFilter, offset, limit });
    firstPage.current = { key: `${planId}|${filterKey}`, rows: list(0, PAGE) };
    firstPage.current.rows.catch(() => undefined);
    return {
      getRows: (p) => {
        const pre = firstPage.current;
        firstPage.current = null;
        const fetched = pre && pre.key === `${planId}|${filterKey}` && p.startRow === 0 && p.endRow === PAGE ? pre.rows : list(p.startRow, p.endRow - p.startRow);
        fetched
          .then((r) => {
            setTotal(r.total);
            requestAnimationFrame(() => setPagePainted(true));
            p.successCallback(r.rows, r.total);
            reloaded.current.splice(0).forEach((done) => done());
          })
          .catch((err: unknown) => {
            p.failCallback();
            setPagePainted(true);
            reloaded.current.splice(0).forEach((done) => done());
            notifyError(err);
          });
      },
    };
  }, [planId, filterKey]);

  // A write's answer (an edit here, a paste, an undo, an import) is applied in place: each changed task
  // already loaded gets its new row (row node setData), nothing is fetched again. Inserts, deletes, a
  // new order or a change set too big to carry reload the pages shown (infinite model: no transactions).
  useChanges(['tasks', 'departments', 'districts'], (c: Changes) => {
    const a = apiRef.current;
    if (c.departments || c.districts || c.everything) loadNames();
    if (!c.everything && c.planId !== planId && !c.departments && !c.districts) return;
    const tasks = c.tasks;
    // Under a filter, a changed task may leave or join the rows shown: those pages are asked again.
    const filtered = filterKey !== '{}';
    const structural = c.everything || c.departments !== undefined || c.districts !== undefined ||
      (tasks !== undefined && (filtered || tasks.truncated || tasks.added.length > 0 || tasks.removed.length > 0 || tasks.fields.includes('sort_order')));
    if (structural && a) {
      // Never waited on for long: a page that does not come resolves it after 3 s.
      pagesReloaded.current = new Promise<void>((done) => {
        reloaded.current.push(done);
        window.setTimeout(done, 3000);
      });
      a.refreshInfiniteCache();
    }
    else if (tasks && a) putRows(tasks.rows.flatMap((row): [IRowNode<Task>, Task][] => { const node = a.getRowNode(row.id); return node ? [[node, row]] : []; }));
    // The charts count again only when what they count changed: an edit of a section, a title or the
    // progress text renders nothing here and asks the core for no figures (tasks.stats on 100,000 tasks
    // held up the next edit's write on the host).
    if (structural || (tasks !== undefined && tasks.fields.some((f) => STATS_FIELDS.has(f)))) setStatsVersion((v) => v + 1);
  });
  // The charts ask a moment after the last change, so a burst of edits or keystrokes costs one count.
  useEffect(() => {
    // Counted after the first rows are on screen (the charts would hold up their painting).
    if (!pagePainted) return;
    let live = true;
    const h = window.setTimeout(() => {
      call('tasks.stats', { planId, filter: JSON.parse(filterKey) as TaskFilter })
        .then((s) => live && setStats(s))
        .catch(notifyError);
    }, 200);
    return () => {
      live = false;
      window.clearTimeout(h);
    };
  }, [planId, filterKey, statsVersion, pagePainted]);
  // The charts' options change only with the figures (or the language): a new option object redraws the
  // chart, and the ledger renders again on every edit, before the new figures come.
  const language = useLanguage();
  const chartOptions = useMemo(() => (stats ? { byLead: statusByLead(stats), deadlines: deadlinesByMonth(stats) } : null), [stats, language]);

  const sheet = useSheet<Task>(apiRef, {
    isEditable: (_d, colId) => isEditable(colId),
    copyText: cellText,
    rowLabel: (d) => t('wb.task.label', { number: d.number || '—', title: d.title.length > 16 ? `${d.title.slice(0, 16)}…` : d.title }),
    write: async (cells) => {
      const updates = new Map<string, { taskId: string; row: number; patch: TaskPatch }>();
      for (const c of cells) {
        if (!isEditable(c.colId)) continue;
        const u = updates.get(c.data.id) ?? { taskId: c.data.id, row: c.row, patch: {} };
        u.patch = { ...u.patch, ...toPatch(c.colId, c.value) };
        updates.set(c.data.id, u);
      }
      const answer = await call('tasks.updateMany', { planId, updates: [...updates.values()] });
      // The stored rows replace the typed ones at once (also under a filter, before its pages come again).
      // A row the published change set already put in place (same updatedAt) is not drawn a second time.
      putRows(answer.rows.flatMap((row): [IRowNode<Task>, Task][] => {
        const node = apiRef.current?.getRowNode(row.id);
        return node && node.data?.updatedAt !== row.updatedAt ? [[node, row]] : [];
      }));
    },
    // Optimistic display: the typed text shows in the cell at once; names as typed until the core resolves them.
    provisional: (d, colId, value) => (isEditable(colId) ? typedRow(d, toPatch(colId, value)) : d),
  });

  const departmentOptions = useMemo(() => departments.map((u) => ({ name: u.name, aliases: u.aliases })), [departments]);
  const districtOptions = useMemo(() => districts.map((d) => ({ name: d.name, aliases: [] })), [districts]);
  const detail = useTaskDetail(apiRef, { departments: departmentOptions, districts: districtOptions, suppressKeyboardEvent: sheet.suppressKeyboardEvent });

  const withComments = useGridComments(api, useMemo(() => taskComments(planId), [planId])); // 批注 (features/comments)
  const columnDefs = useMemo<ColDef<Task>[]>(() => {
    const tip = (colId: string) => (p: ITooltipParams<Task>) => sheet.errorTooltip(p.node?.id, colId) ?? (p.data ? cellText(p.data, colId) || undefined : undefined);
    const col = (colId: EditableField | 'updatedAt', width: number, extra: ColDef<Task> = {}): ColDef<Task> => ({
      colId,
      headerName: t(`wb.task.${colId}`),
      width,
      editable: isEditable(colId),
      valueGetter: (p) => (p.data ? cellText(p.data, colId) : ''),
      tooltipValueGetter: tip(colId),
      cellClassRules: sheet.cellClassRules,
      ...extra,
    });
    // Enter inside the chooser picks a name (or saves when the filter is empty): the editor handles it, not the grid.
    const names = (options: { name: string; aliases: string[] }[]): ColDef<Task> => ({
      cellEditor: NamesEditor,
      cellEditorPopup: true,
      cellEditorPopupPosition: 'under',
      cellEditorParams: { options },
      suppressKeyboardEvent: (p) => (p.editing && p.event.key === 'Enter') || sheet.suppressKeyboardEvent(p),
    });
    // s6-auth14a: the department's name, the document's wording beside it (原文：…) in the cell and its tooltip
    const note = (name: string) => t('wb.task.asWrittenNote', { name });
    const asWritten = (f: 'leadDepartments' | 'participatingDepartments'): ColDef<Task> => ({
      valueFormatter: (p) => (p.data ? namesWithWording(p.data[f], note) : ''),
      tooltipValueGetter: (p: ITooltipParams<Task>) => sheet.errorTooltip(p.node?.id, f) ?? (p.data ? namesWithWording(p.data[f], note) || undefined : undefined),
    });
    const cols: ColDef<Task>[] = [
      detail.column,
      col('number', 84, { pinned: 'left' }),
      col('section', 120),
      col('title', 260, { pinned: 'left' }),
      col('leadDepartments', 170, { ...names(departmentOptions), ...asWritten('leadDepartments') }),
      col('participatingDepartments', 190, { ...names(departmentOptions), ...asWritten('participatingDepartments') }),
      col('districts', 140, names(districtOptions)),
      col('deadline', 100, { cellEditorParams: { maxLength: 20 } }),
      col('status', 92, {
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: [...TASK_STATUSES], formatValue: (v: unknown) => statusText(v) },
        valueFormatter: (p) => statusText(p.value),
        cellClassRules: { ...sheet.cellClassRules, 'status-late': (p) => p.data?.status === TASK_STATUS.late, 'status-done': (p) => p.data?.status === TASK_STATUS.done, 'status-doing': (p) => p.data?.status === TASK_STATUS.inProgress },
      }),
      col('progress', 220, { flex: 1, minWidth: 180 }),
      { colId: 'notes', headerName: t('wb.task.notes'), width: 160, valueGetter: (p) => p.data?.notes ?? '', tooltipValueGetter: tip('notes'), cellClassRules: sheet.cellClassRules }, // 备注: edited in the detail panel (s5-polish13)
      col('updatedAt', 138, { cellClassRules: { ...sheet.cellClassRules, 'cell-computed': () => true } }),
    ];
    if (fixedDepartmentId)
      cols.splice(4, 0, {
        colId: 'role',
        headerName: t('wb.task.role'),
        width: 80,
        valueGetter: (p) => (p.data?.leadDepartments.some((u) => u.id === fixedDepartmentId) ? t('wb.role.lead') : p.data ? t('wb.role.participating') : ''),
        cellClassRules: sheet.cellClassRules,
      });
    return withComments(cols);
  }, [sheet.cellClassRules, sheet.errorTooltip, departmentOptions, districtOptions, fixedDepartmentId, detail.column, withComments]);

  // The grid's options keep their identity across renders (an edit renders the ledger: new ones made
  // ag-grid take its columns and row classes again and draw every row on screen anew, before the edit showed).
  const defaultColDef = useMemo<ColDef<Task>>(
    () => ({ resizable: true, suppressKeyboardEvent: sheet.suppressKeyboardEvent, suppressMovable: true, valueSetter: sheet.directEdit.valueSetter }),
    [sheet.suppressKeyboardEvent, sheet.directEdit.valueSetter],
  );
  const rowClassRules = useMemo(() => ({ 'row-overdue': (p: RowClassParams<Task>) => rowIsOverdue(p.data, new Date(), timeZone) }), [timeZone]);
  const onGridReady = useCallback((e: { api: GridApi<Task> }) => {
    apiRef.current = e.api;
    setApi(e.api);
  }, []);

  // A link such as task=ID&field=deadline scrolls to that task and selects the cell.
  const focusTask = focus?.get('task') ?? null;
  const focusField = focus?.get('field') ?? 'title';
  const goTo = useCallback(
    async (taskId: string, field: string, edit = false) => {
      const a = apiRef.current;
      if (!a) return;
      const { index } = await call('tasks.locate', { planId, taskId, filter: JSON.parse(filterKey) as TaskFilter });
      if (index === null) return notify('info', t('wb.task.filteredOut'));
      a.ensureIndexVisible(index, 'middle');
      // The page holding the row may still be loading.
      for (let i = 0; i < 40 && !a.getDisplayedRowAtIndex(index)?.data; i++) await new Promise((r) => setTimeout(r, 50));
      a.setFocusedCell(index, field);
      if (edit) a.startEditingCell({ rowIndex: index, colKey: field });
    },
    [planId, filterKey],
  );
  useEffect(() => {
    if (api && focusTask) void goTo(focusTask, focusField);
  }, [api, focusTask, focusField, goTo]);

  const selectedTasks = (): Task[] => {
    const a = apiRef.current;
    if (!a) return [];
    const out: Task[] = [];
    for (const i of sheet.selectedRowIndexes()) {
      const d = a.getDisplayedRowAtIndex(i)?.data;
      if (d) out.push(d);
    }
    return out;
  };

  const addTask = async () => {
    try {
      const focused = apiRef.current?.getFocusedCell();
      const after = focused ? apiRef.current?.getDisplayedRowAtIndex(focused.rowIndex)?.data?.id : undefined;
      const created = await call('tasks.create', { planId, ...(after ? { afterTaskId: after } : {}), patch: { title: t('wb.task.newTitle') } });
      await pagesReloaded.current;
      await goTo(created.id, 'title', true);
    } catch (err) {
      notifyError(err);
    }
  };
  const deleteTasks = async () => {
    const tasks = selectedTasks();
    if (tasks.length === 0) return notify('info', t('wb.task.selectFirst'));
    const names = tasks.slice(0, 5).map((x) => `${x.number} ${x.title}`).join('\n');
    if (!window.confirm(t('wb.task.confirmDelete', { count: tasks.length, names }))) return;
    try {
      const r = await call('tasks.delete', { planId, taskIds: tasks.map((x) => x.id) });
      notify('info', t('wb.task.deleted', { count: r.deleted }));
    } catch (err) {
      notifyError(err);
    }
  };
  const renumber = async () => {
    if (!window.confirm(t('wb.task.confirmRenumber'))) return;
    try {
      const r = await call('tasks.renumber', { planId });
      notify('info', t('wb.task.renumbered', { count: r.changed }));
    } catch (err) {
      notifyError(err);
    }
  };

  // 单元格历史 (features/versions): every value the focused cell had, from the audit log.
  const showCellHistory = () => {
    const f = apiRef.current?.getFocusedCell();
    const d = f ? apiRef.current?.getDisplayedRowAtIndex(f.rowIndex)?.data : undefined;
    const colId = f?.column.getColId() ?? '';
    const stored: Record<string, string> = { leadDepartments: 'lead_departments', participatingDepartments: 'participating_departments' };
    const field = stored[colId] ?? colId;
    if (!d || !isEditable(colId)) return notify('info', t('ver.history.pickCell'));
    openCellHistory({ entity: 'task', entityId: d.id, field, title: `${d.number} ${d.title} · ${t(`wb.task.${colId}`)}` });
  };


  return (
    <div className="workbench">
      <TaskFilters planId={planId} filter={filter} onChange={setFilter} departments={departments} districts={districts} hideDepartments={!!fixedDepartmentId} />
      <div className="toolbar">
        <span data-testid="task-total" className="count">
          {total === null ? '' : t('wb.task.total', { count: total.toLocaleString('zh-CN') })}
          {stats && stats.overdue > 0 ? <span className="overdue-count">{t('wb.task.overdueCount', { count: stats.overdue })}</span> : null}
        </span>
        <button type="button" onClick={() => void addTask()} data-testid="task-add">
          {t('wb.task.addButton')}
        </button>
        <button type="button" onClick={() => void deleteTasks()} data-testid="task-delete">
          {t('wb.task.delete')}
        </button>
        <button type="button" onClick={() => void renumber()} data-testid="task-renumber">
          {t('wb.task.renumber')}
        </button>
        {detail.button}
        <button type="button" onClick={showCellHistory} data-testid="task-cell-history">
          {t('ver.history.button')}
        </button>
        <span className="spacer" />
        <LedgerExportButtons planId={planId} filter={effective} testId={`${testId}-export`} />
        <HistoryBar planId={planId} />
      </div>
      <SheetFrame api={api} errors={sheet.errors} onDismiss={sheet.clearErrors} wrapperProps={sheet.wrapperProps} height={520} testId={testId}>
        <AgGridReact<Task>
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={PAGE}
          maxBlocksInCache={50}
          infiniteInitialRowCount={50}
          columnDefs={columnDefs}
          getRowId={taskRowId}
          defaultColDef={defaultColDef}
          tooltipShowDelay={400}
          rowClassRules={rowClassRules}
          onGridReady={onGridReady}
          {...sheet.gridProps}
          {...sheet.directEdit.gridProps}
        />
      </SheetFrame>
      {detail.panel}
      {stats && chartOptions && (
        <div className="chart-row">
          <Chart title={t('wb.chart.statusByLead')} option={chartOptions.byLead} fileName="tasks-status-by-lead" testId="chart-status-by-lead" height={Math.max(260, 60 + Math.min(20, stats.byLead.length) * 26)} />
          <Chart title={t('wb.chart.deadlinesByMonth')} option={chartOptions.deadlines} fileName="tasks-deadlines" testId="chart-deadlines" />
        </div>
      )}
    </div>
  );
}

/**
 * From the cells of an imported file to the changes it would make to a plan: every row validated
 * first with the same rules as typing (deadline and status of a task, departments through the
 * alias list, target values as planners write them), every problem reported with sheet, row,
 * column and reason. A cell that reads the same as what the export writes is no change, so a
 * round trip changes nothing. Applying happens only in apply.ts, and only without problems.
 */
import { randomUUID } from 'node:crypto';
import type { StoreContext } from '../context.ts';
import type { Task } from '../../contract/entities.ts';
import { getPlanRow } from '../plans/handlers.ts';
import { planTasks } from '../export/queries.ts';
import { resolveDepartment } from '../departments/handlers.ts';
import { districtQueries } from '../districts/queries.ts';
import type { TaskRow } from '../tasks/queries.ts';
import { INITIAL_TASK_STATUS } from '../../domain/tasks.ts';
import { TASK_COLUMNS, type TaskField } from '../export/xlsx/layout.ts';
import type { SheetIn } from './read.ts';
import { cellText, matchSheet, type MatrixHeaderMatch, type TaskHeaderMatch } from './match-headers.ts';
import { taskQueries } from '../tasks/queries.ts';
import { planTargetChanges, type TargetWrite } from './target-changes.ts';
import { taskFieldValue, typingRuleProblem, type ParsedTaskFields } from './task-fields.ts';
import { columnName } from './xlsx-sheet.ts';
import { emptyCatalogWrites, matchCatalog, planCatalogChanges, type CatalogWrites } from './catalog-changes.ts'; // s5-catalog
import { matchWordingSheet, readWordings, reportUnusedWordings, type WordingIndex } from './target-wording.ts';
import { districtHeaderRow, isPlanSheet, planDistrictChanges, planHeaderChanges, type DistrictWrite, type PlanWrite } from './plan-header.ts';

export interface ImportProblem {
  sheet: string;
  row: number | null;
  column: string | null;
  reason: string;
}

export interface ImportChange {
  sheet: string;
  row: number;
  column: string;
  action: 'update' | 'insert';
  /** what changes, e.g. "任务 3 牵头单位", "江津区 2027年 规模以上工业企业营业收入" */
  subject: string;
  before: string | null;
  after: string | null;
}

export interface TaskWrite {
  kind: 'update' | 'insert';
  row: TaskRow;
  /** replaced only when present */
  lead: string[] | null;
  participating: string[] | null;
  districts: string[] | null;
  before: Task | null;
}

export interface ImportPlan {
  planId: string;
  changes: ImportChange[];
  problems: ImportProblem[];
  /** sheets read and what they were taken as */
  sheets: { name: string; kind: 'tasks' | 'matrix' | 'catalog' | 'plan' | 'districts' | 'skipped'; rows: number; hidden?: boolean }[];
  /** what the officer should know about how the file was read (hidden sheets, merged cells applied) */
  notices: string[];
  taskWrites: TaskWrite[];
  targetWrites: TargetWrite[];
  /** 产业集群, 指标, 部门 sheets (catalog-changes.ts) */
  catalog: CatalogWrites;
  /** the plan header (概况), plan-header.ts */
  planWrite: PlanWrite | null;
  /** the plan's districts (区县 sheet), plan-header.ts */
  districtWrites: DistrictWrite[];
}

type NameCache = Map<string, string | null>;

function resolveList(ctx: StoreContext, field: TaskField, text: string, cache: NameCache, report: (reason: string) => void): string[] {
  const names = text.split(/[、,，;；\n]+/).map((s) => s.trim()).filter(Boolean);
  const ids: string[] = [];
  for (const name of names) {
    const key = `${field === 'districts' ? 'd' : 'u'}|${name}`;
    let id = cache.get(key);
    if (id === undefined) {
      id = (field === 'districts' ? districtQueries(ctx.db).byName.get(name)?.id : resolveDepartment(ctx, name)?.id) ?? null;
      cache.set(key, id);
    }
    if (!id) report(field === 'districts' ? `未知的区县“${name}”` : `未知的单位“${name}”：不在单位名录及其别名中，请改为规范名称或先在单位名录中添加`);
    else if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

function planTaskChanges(ctx: StoreContext, planId: string, sheet: SheetIn, m: TaskHeaderMatch, out: ImportPlan): void {
  // the period as this import leaves it (its 概况 sheet, read first): deadlines are checked against it
  const stored = getPlanRow(ctx, planId);
  const plan = out.planWrite ? { ...stored, ...out.planWrite.next } : stored;
  const tasks = [...planTasks(ctx, planId)];
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const byNumber = new Map<string, Task[]>();
  const byTitle = new Map<string, Task[]>();
  for (const t of tasks) {
    if (t.number) byNumber.set(t.number, [...(byNumber.get(t.number) ?? []), t]);
    byTitle.set(t.title, [...(byTitle.get(t.title) ?? []), t]);
  }
  let nextOrder = tasks.reduce((max, t) => Math.max(max, t.order), 0);
  const seen = new Map<string, number>();
  const names: NameCache = new Map();
  const now = ctx.now();
  const header = (f: TaskField) => m.headers[m.columns.get(f) ?? -1] ?? TASK_COLUMNS.find((c) => c.key === f)?.header ?? f;
  if (m.duplicates.length) {
    for (const d of m.duplicates) {
      const names = d.columns.map((c) => `“${m.headers[c]}”（${columnName(c)} 列）`).join('和');
      const meaning = TASK_COLUMNS.find((c) => c.key === d.field)?.header ?? d.field;
      out.problems.push({ sheet: sheet.name, row: m.headerRow, column: m.headers[d.columns[1]!] ?? null, reason: `列${names}都表示“${meaning}”，无法确定以哪一列为准。请删除或改名其中一列后再导入` });
    }
    return;
  }

  // s8-auth14: a ledger whose task codes are all unknown to this file (a plan exported from another file,
  // imported into an empty plan) adds its rows as new tasks; one code of another plan in this file, or a
  // mix with this plan's codes (a typo), is still refused below.
  const idColumn = m.columns.get('id');
  const codes = idColumn === undefined ? [] : sheet.rows.filter((r) => r.n > m.headerRow).map((r) => cellText(r.cells[idColumn] ?? null).trim()).filter(Boolean);
  const foreignLedger = codes.length > 0 && codes.every((c) => !byId.has(c) && !taskQueries(ctx.db).byId.get(c));
  for (const r of sheet.rows) {
    if (r.n <= m.headerRow) continue;
    const problem = (field: TaskField | null, reason: string) =>
      out.problems.push({ sheet: sheet.name, row: r.n, column: field ? header(field) : null, reason });
    const raw = new Map<TaskField, string>();
    let bad = false;
    for (const [field, col] of m.columns) {
      const cell = r.cells[col] ?? null;
      if (cell !== null && typeof cell === 'object' && !(cell instanceof Date)) {
        problem(field, 'noResult' in cell ? `公式“=${cell.noResult}”没有计算结果，请在 Excel/WPS 中打开并保存后再导入` : `单元格是错误值 ${cell.error}`);
        bad = true;
        continue;
      }
      raw.set(field, field === 'deadline' && cell instanceof Date ? `${cell.getUTCFullYear()}-${String(cell.getUTCMonth() + 1).padStart(2, '0')}` : cellText(cell));
    }
    if (bad) continue;
    // Which task is this row?
    let task: Task | undefined;
    const idText = foreignLedger ? '' : (raw.get('id')?.trim() ?? '');
    const numberText = raw.get('number')?.trim() ?? '';
    const titleText = raw.get('title')?.trim() ?? '';
    if (idText) {
      task = byId.get(idText);
      if (!task) {
        problem('id', `任务编码“${idText}”不是本规划的任务`);
        continue;
      }
    } else if (numberText && byNumber.has(numberText)) {
      const found = byNumber.get(numberText)!;
      const sameTitle = found.filter((t) => t.title === titleText);
      if (found.length === 1) task = found[0];
      else if (sameTitle.length === 1) task = sameTitle[0];
      else {
        problem('number', `编号“${numberText}”对应本规划的 ${found.length} 个任务，请保留“任务编码”列以便区分`);
        continue;
      }
    } else if (titleText && byTitle.get(titleText)?.length === 1) task = byTitle.get(titleText)![0];
    if (task) {
      const first = seen.get(task.id);
      if (first !== undefined) {
        problem(null, `与第 ${first} 行是同一个任务（${task.number} ${task.title}），同一任务只能出现一次`);
        continue;
      }
      seen.set(task.id, r.n);
    }
    const parsed: ParsedTaskFields = {};
    let rowOk = true;
    for (const [field, text] of raw) {
      if (field === 'id') continue;
      const typing = typingRuleProblem(field, text);
      if (typing) {
        problem(field, typing);
        rowOk = false;
        continue;
      }
      if (field === 'leadDepartments' || field === 'participatingDepartments' || field === 'districts') {
        parsed[field] = resolveList(ctx, field, text, names, (reason) => {
          problem(field, reason);
          rowOk = false;
        });
        parsed.names = { ...parsed.names, [field]: text.trim() || null };
        continue;
      }
      let v = taskFieldValue(field, text, task, plan);
      // a ledger from another file: a deadline the export wrote as the document's wording ("2023年至2027年间")
      // is stored data, taken as it stands (no month), as the indicators' wording is (catalog-changes.ts)
      if (!v.ok && foreignLedger && field === 'deadline' && text.trim()) v = { ok: true, value: { deadline: null, text: text.trim() } };
      if (!v.ok) {
        problem(field, v.message);
        rowOk = false;
      } else if (v.value !== undefined) Object.assign(parsed, { [field]: v.value });
    }
    if (rowOk && !task && !(parsed.title ?? '').trim()) {
      problem('title', '任务名称不能为空');
      continue;
    }
    if (!rowOk) continue;
    recordTaskWrite(out, sheet.name, r.n, header, task, parsed, () => ({
      id: randomUUID(), plan_id: planId, number: '', sort_order: ++nextOrder, section: null, title: '', description: null,
      deadline: null, deadline_text: null, status: INITIAL_TASK_STATUS, progress: null, quantitative_goal: null, notes: null, source: `导入`, updated_at: now,
    }), now);
  }
}

function recordTaskWrite(
  out: ImportPlan, sheetName: string, rowNumber: number, header: (f: TaskField) => string, task: Task | undefined,
  parsed: ParsedTaskFields, fresh: () => TaskRow, now: string,
): void {
  const changes: ImportChange[] = [];
  const subject = task ? `任务 ${task.number || task.title.slice(0, 20)}` : `新任务 ${parsed.number ?? ''} ${(parsed.title ?? '').slice(0, 20)}`.trim();
  const base: TaskRow = task
    ? {
        id: task.id, plan_id: task.planId, number: task.number, sort_order: task.order, section: task.section, title: task.title,
        description: task.description, deadline: task.deadline, deadline_text: task.deadlineText, status: task.status,
        progress: task.progress, quantitative_goal: task.quantitativeGoal, notes: task.notes, source: task.source, updated_at: task.updatedAt,
      }
    : fresh();
  const next: TaskRow = { ...base };
  const scalar: [TaskField, keyof TaskRow, string | null | undefined][] = [
    ['number', 'number', parsed.number],
    ['section', 'section', parsed.section],
    ['title', 'title', parsed.title],
    ['description', 'description', parsed.description],
    ['status', 'status', parsed.status],
    ['progress', 'progress', parsed.progress],
    ['quantitativeGoal', 'quantitative_goal', parsed.quantitativeGoal],
    ['notes', 'notes', parsed.notes],
  ];
  for (const [field, column, value] of scalar) {
    if (value === undefined || value === base[column]) continue;
    Object.assign(next, { [column]: value });
    changes.push({ sheet: sheetName, row: rowNumber, column: header(field), action: task ? 'update' : 'insert', subject, before: task ? (base[column] as string | null) : null, after: value });
  }
  if (parsed.deadline !== undefined && (parsed.deadline.deadline !== base.deadline || parsed.deadline.text !== base.deadline_text)) {
    next.deadline = parsed.deadline.deadline;
    next.deadline_text = parsed.deadline.text;
    changes.push({
      sheet: sheetName, row: rowNumber, column: header('deadline'), action: task ? 'update' : 'insert', subject,
      before: task ? (base.deadline_text ?? base.deadline) : null, after: parsed.deadline.text ?? parsed.deadline.deadline,
    });
  }
  const lists: { field: 'leadDepartments' | 'participatingDepartments' | 'districts'; old: string[] }[] = [
    { field: 'leadDepartments', old: task?.leadDepartments.map((u) => u.id) ?? [] },
    { field: 'participatingDepartments', old: task?.participatingDepartments.map((u) => u.id) ?? [] },
    { field: 'districts', old: task?.districts.map((d) => d.id) ?? [] },
  ];
  const write: TaskWrite = { kind: task ? 'update' : 'insert', row: next, lead: null, participating: null, districts: null, before: task ?? null };
  for (const { field, old } of lists) {
    const ids = parsed[field];
    if (!ids || ids.join('\n') === old.join('\n')) continue;
    if (field === 'leadDepartments') write.lead = ids;
    else if (field === 'participatingDepartments') write.participating = ids;
    else write.districts = ids;
    changes.push({
      sheet: sheetName, row: rowNumber, column: header(field), action: task ? 'update' : 'insert', subject,
      before: task ? (field === 'districts' ? task.districts : field === 'leadDepartments' ? task.leadDepartments : task.participatingDepartments).map((x) => x.name).join('、') || null : null,
      after: parsed.names?.[field] ?? null,
    });
  }
  if (!changes.length) return;
  next.updated_at = now;
  out.changes.push(...changes);
  out.taskWrites.push(write);
}

/** A 产业集群 / 指标 / 部门 sheet of the plan workbook (catalog-changes.ts), found in its first rows. */
function matchCatalogSheet(sheet: SheetIn) {
  for (const row of sheet.rows.slice(0, 10)) {
    const m = matchCatalog(row.cells, row.n);
    if (m) return m;
  }
  return null;
}

/** Works out every change and problem of an imported file against the plan as it is now. */
export function planImport(ctx: StoreContext, planId: string, sheets: SheetIn[]): ImportPlan {
  getPlanRow(ctx, planId);
  const out: ImportPlan = {
    planId, changes: [], problems: [], sheets: [], notices: [], taskWrites: [], targetWrites: [], catalog: emptyCatalogWrites(), planWrite: null, districtWrites: [],
  };
  let tasksSheets = 0;
  // s8-auth14: the catalog sheets (产业集群, 指标, 部门) are worked out before the target and task sheets
  // that name what they add, so a whole plan's workbook goes into an empty plan; reported in file order.
  const catalogFirst = new Set<SheetIn>();
  // the 目标原文 sheets (target-wording.ts) are read before the target sheets whose cells they name
  const wordingSheets = new Map<SheetIn, number>();
  let wordings: WordingIndex | null = null;
  for (const sheet of sheets) {
    const w = matchWordingSheet(sheet);
    if (!w) continue;
    wordings ??= new Map();
    readWordings(sheet, w, wordings, out);
    wordingSheets.set(sheet, w.headerRow);
  }
  const matrixSheets = new Set<string>();
  for (const sheet of sheets) {
    if (wordingSheets.has(sheet)) continue;
    if (isPlanSheet(sheet)) planHeaderChanges(ctx, planId, sheet, out);
    else {
      const d = districtHeaderRow(sheet);
      if (d) {
        planDistrictChanges(ctx, planId, sheet, d, out);
        continue;
      }
      const c = matchCatalogSheet(sheet);
      if (c) {
        planCatalogChanges(ctx, planId, sheet, c, out);
        catalogFirst.add(sheet);
      }
    }
  }
  for (const sheet of sheets) {
    const hidden = sheet.hidden ? { hidden: true } : {};
    const wordingHeader = wordingSheets.get(sheet);
    if (wordingHeader !== undefined) {
      // shown as a target sheet: it is the wording of the target sheets' numbers
      out.sheets.push({ name: sheet.name, kind: 'matrix', rows: sheet.rows.filter((r) => r.n > wordingHeader).length, ...hidden });
      continue;
    }
    // The plan's own parts (概况's header rows, the 区县 sheet), as the plan export writes them.
    if (isPlanSheet(sheet)) {
      out.sheets.push({ name: sheet.name, kind: 'plan', rows: sheet.rows.length, ...hidden });
      continue;
    }
    const districtHeader = districtHeaderRow(sheet);
    if (districtHeader) {
      out.sheets.push({ name: sheet.name, kind: 'districts', rows: sheet.rows.filter((r) => r.n > districtHeader.n).length, ...hidden });
      continue;
    }
    const m = matchCatalogSheet(sheet) ?? matchSheet(sheet);
    if (sheet.hidden) out.notices.push(`工作表“${sheet.name}”是隐藏的工作表${m ? '，其内容也一并读取' : '，未导入'}。`);
    if (!m) {
      out.sheets.push({ name: sheet.name, kind: 'skipped', rows: sheet.rows.length, ...hidden });
      continue;
    }
    out.sheets.push({ name: sheet.name, kind: m.kind, rows: sheet.rows.filter((r) => r.n > m.headerRow).length, ...hidden });
    const merged = sheet.filledMerges ?? [];
    if (merged.length) {
      out.notices.push(
        `工作表“${sheet.name}”有 ${merged.length} 处跨行合并的单元格（${merged.slice(0, 5).join('、')}${merged.length > 5 ? ' 等' : ''}），合并单元格的内容已用于它所覆盖的每一行。`,
      );
    }
    if (m.kind === 'catalog') {
      if (!catalogFirst.has(sheet)) planCatalogChanges(ctx, planId, sheet, m, out);
    }
    else if (m.kind === 'tasks') {
      if (++tasksSheets > 1) {
        out.problems.push({ sheet: sheet.name, row: m.headerRow, column: null, reason: '文件中有多个任务表，一次只能导入一个任务表' });
        continue;
      }
      planTaskChanges(ctx, planId, sheet, m, out);
    } else {
      matrixSheets.add(sheet.name.trim());
      planTargetChanges(ctx, planId, sheet, m satisfies MatrixHeaderMatch, out, wordings);
    }
  }
  if (wordings) reportUnusedWordings(wordings, matrixSheets, out);
  if (!out.sheets.some((s) => s.kind !== 'skipped')) {
    out.problems.push({
      sheet: sheets.length === 1 ? (sheets[0]?.name ?? '') : '',
      row: null,
      column: null,
      reason: '没有找到可导入的表：任务表需要有“任务名称”和“牵头单位”等列；目标表需要有“区县”（或“产业集群”）列和年份列（如“2027年”）',
    });
  }
  return out;
}

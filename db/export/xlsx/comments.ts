/**
 * Comments (批注, db/comments/) in the plan workbook: each one as the cell's own comment (ExcelJS
 * `cell.note`, which Excel and WPS show as the red corner marker) on the target cell of its matrix
 * sheet or on the task's 任务名称 cell, plus a 批注 sheet listing them all (comments on actual values,
 * which have no matrix sheet, are only there).
 */
import type { StoreContext } from '../../context.ts';
import { authorLabel } from '../../identity/author.ts';
import { planTimeZone } from '../../preferences/handlers.ts';
import { planDateTime } from '../../../domain/calendar.ts';
import { commentQueries, toComment, type Comment } from '../../comments/queries.ts';
import { fitWidth, sheetName, LEDGER_COLUMNS } from './layout.ts';
import { SheetWriter, type newWorkbook } from './sheet-writer.ts';
import type { MatrixData, MatrixRowData } from './matrix-data.ts';

export const localTime = planDateTime;

const cellKey = (indicatorId: string, scopeId: string, year: number) => `${indicatorId}|${scopeId}|${year}`;

export class PlanNotes {
  readonly all: Comment[];
  private readonly cells = new Map<string, Comment[]>();
  private readonly tasks = new Map<string, Comment[]>();
  private readonly timeZone: string;
  private readonly subjects = new Map<string, string>();

  constructor(ctx: StoreContext, planId: string) {
    this.timeZone = planTimeZone(ctx);
    const q = commentQueries(ctx.db);
    this.all = q.ofPlan.all(planId).map(toComment);
    for (const s of q.subjects.all(planId)) {
      this.subjects.set(s.id, s.task_title !== null ? `任务 ${s.task_number ?? ''} ${s.task_title}`.replace(/\s+/g, ' ') : [s.indicator_name, s.scope_name ?? '规划总量'].filter(Boolean).join(' · '));
    }
    for (const c of this.all) {
      if (c.taskId) this.tasks.set(c.taskId, [...(this.tasks.get(c.taskId) ?? []), c]);
      else if (c.cell && c.cell.kind === 'target' && c.cell.period === '') {
        const k = cellKey(c.cell.indicatorId, c.cell.scopeId ?? '', c.cell.year);
        this.cells.set(k, [...(this.cells.get(k) ?? []), c]);
      }
    }
  }

  /** One comment's text as the workbook shows it: who, when, then what. */
  text(list: readonly Comment[]): string {
    return list.map((c) => `${authorLabel({ name: c.author, department: c.authorDepartment, district: c.authorDistrict })} ${localTime(c.createdAt, this.timeZone)}：\n${c.body}`).join('\n\n');
  }

  /** The notes of a matrix row, aligned with its columns (name, then the years). */
  matrixRow(m: MatrixData, row: MatrixRowData): (string | null)[] {
    return [null, ...m.years.map((y) => {
      const list = this.cells.get(cellKey(m.indicator.id, row.scopeId, y));
      return list ? this.text(list) : null;
    })];
  }

  /** The notes of a task row, aligned with LEDGER_COLUMNS (the ledger sheet's columns): the task's comments on its 任务名称 cell. */
  taskRow(taskId: string): (string | null)[] {
    const list = this.tasks.get(taskId);
    return LEDGER_COLUMNS.map((c) => (list && c.key === 'title' ? this.text(list) : null));
  }

  /** The 批注 sheet: every comment of the plan, in order (nothing when there are none). */
  private subject(c: Comment): string {
    const base = this.subjects.get(c.id) ?? '';
    return c.cell ? `${base} · ${c.cell.year}年${c.cell.period ? ` ${c.cell.period}` : ''} ${c.cell.kind === 'target' ? '目标' : '实际'}` : base;
  }

  writeSheet(wb: ReturnType<typeof newWorkbook>['wb'], title: string, taken: Set<string>): void {
    if (!this.all.length) return;
    const rows = this.all.map((c, i) => [
      i + 1,
      this.subject(c),
      c.body,
      authorLabel({ name: c.author, department: c.authorDepartment, district: c.authorDistrict }),
      localTime(c.createdAt, this.timeZone),
    ] as const);
    const sheet = new SheetWriter(wb, {
      name: sheetName('批注', taken),
      title: `${title} — 批注`,
      columns: [
        { header: '序号', width: 6 },
        { header: '对象', width: fitWidth({ header: '对象', minWidth: 14, maxWidth: 40 }, rows.map((r) => r[1])), wrap: true },
        { header: '批注', width: fitWidth({ header: '批注', minWidth: 20, maxWidth: 60 }, rows.map((r) => r[2])), wrap: true },
        { header: '批注人', width: fitWidth({ header: '批注人', minWidth: 10, maxWidth: 30 }, rows.map((r) => r[3])), wrap: true },
        { header: '时间', width: 17 },
      ],
    });
    for (const r of rows) sheet.addRow([...r]);
    sheet.commit();
  }
}

/**
 * The plan's own parts of an imported workbook, as the plan export writes them (db/export/xlsx/plan-sheets.ts):
 * the header rows of 概况 (title, 文号, issuer, issue date, period, source, origin) and the 区县 sheet
 * (districts by GB/T 2260 code or name, with their industries). Checked with the same rules as typing
 * (db/plans/rules.ts headerIssues); a value that reads as the plan has it is no change, so a round trip
 * changes nothing. The import adds districts and updates them; it never removes one (that asks first,
 * in 概览), and says so.
 */
import type { StoreContext } from '../context.ts';
import type { ChangeRecorder } from '../audit/recorder.ts';
import type { DistrictRow } from '../districts/queries.ts';
import { districtQueries } from '../districts/queries.ts';
import { planQueries, type PlanRow } from '../plans/queries.ts';
import { getPlanRow } from '../plans/read.ts';
import { headerFieldOrder, headerIssues } from '../plans/rules.ts';
import { DISTRICT_COLUMNS, KIND_WORDS, PLAN_ROWS } from '../export/xlsx/plan-sheets.ts';
import type { CellIn, SheetIn } from './read-types.ts';
import { cellText } from './match-headers.ts';
import type { ImportPlan } from './plan-changes.ts';

type HeaderKey = 'title' | 'doc_number' | 'issuer' | 'issue_date' | 'period_start' | 'period_end' | 'source';

export interface PlanWrite {
  next: Pick<PlanRow, HeaderKey>;
  originPlanId: string | null | undefined;
}

export interface DistrictWrite {
  kind: 'insert' | 'update';
  districtId: string;
  priorityIndustries: string[];
  featuredIndustries: string[];
  note: string | null;
}

/**
 * An industry list as the export joins it: split on 、 (or ；, a line break) outside brackets only —
 * “智能网联新能源汽车零部件（电驱、电转向）、新能源材料” is two industries, as in the seeds.
 */
export function splitIndustries(raw: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of raw) {
    if (ch === '（' || ch === '(') depth++;
    else if ((ch === '）' || ch === ')') && depth > 0) depth--;
    if (depth === 0 && (ch === '、' || ch === '；' || ch === ';' || ch === '\n')) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

const text = (c: CellIn | undefined) => (c === undefined ? '' : cellText(c).trim());
const PERIOD = /^(\d{4})\s*(?:—|–|-|~|～|至|到)\s*(\d{4})\s*年?$/;

/** 概况 as the export writes it: labels in column A (规划名称 and 规划期 among them), values in column B. */
export function isPlanSheet(sheet: SheetIn): boolean {
  const labels = new Set(sheet.rows.slice(0, 20).map((r) => text(r.cells[0])));
  return labels.has(PLAN_ROWS.title) && labels.has(PLAN_ROWS.period);
}

/** The header row of a 区县 sheet (区县, 代码 and 类别 among its headers), or null. */
export function districtHeaderRow(sheet: SheetIn): { n: number; col: Map<string, number> } | null {
  for (const r of sheet.rows.slice(0, 5)) {
    const col = new Map(r.cells.map((c, i) => [text(c), i] as const));
    if (col.has(DISTRICT_COLUMNS[1]) && col.has(DISTRICT_COLUMNS[2]) && col.has(DISTRICT_COLUMNS[3])) return { n: r.n, col };
  }
  return null;
}

export function planHeaderChanges(ctx: StoreContext, planId: string, sheet: SheetIn, out: ImportPlan): void {
  const plan = getPlanRow(ctx, planId);
  const byLabel = new Map<string, { n: number; value: string }>();
  for (const r of sheet.rows) {
    const label = text(r.cells[0]);
    if (label && !byLabel.has(label)) byLabel.set(label, { n: r.n, value: text(r.cells[1]) });
  }
  const next: PlanWrite['next'] = { title: plan.title, doc_number: plan.doc_number, issuer: plan.issuer, issue_date: plan.issue_date, period_start: plan.period_start, period_end: plan.period_end, source: plan.source };
  const problem = (label: string, reason: string) => out.problems.push({ sheet: sheet.name, row: byLabel.get(label)?.n ?? null, column: label, reason });
  const value = (label: string) => byLabel.get(label)?.value;
  next.title = value(PLAN_ROWS.title) ?? next.title;
  next.doc_number = value(PLAN_ROWS.docNumber) ?? next.doc_number;
  next.issuer = value(PLAN_ROWS.issuer) ?? next.issuer;
  const issueDate = value(PLAN_ROWS.issueDate);
  if (issueDate !== undefined) next.issue_date = issueDate || null;
  const source = value(PLAN_ROWS.source);
  if (source !== undefined) next.source = source || null;
  const period = byLabel.get(PLAN_ROWS.period);
  if (period) {
    const m = PERIOD.exec(period.value);
    if (!m) problem(PLAN_ROWS.period, `规划期“${period.value}”应写作 2023—2027年`);
    else {
      next.period_start = Number(m[1]);
      next.period_end = Number(m[2]);
    }
  }
  const labelOf: Record<string, string> = { title: PLAN_ROWS.title, docNumber: PLAN_ROWS.docNumber, issuer: PLAN_ROWS.issuer, issueDate: PLAN_ROWS.issueDate, periodStart: PLAN_ROWS.period, periodEnd: PLAN_ROWS.period, source: PLAN_ROWS.source };
  for (const i of headerIssues(next)) problem(labelOf[i.field ?? ''] ?? PLAN_ROWS.title, i.message);

  // 复制自 “…（编号 p-…）”: linked again when that plan is in this file
  let originPlanId: string | null | undefined;
  const origin = byLabel.get(PLAN_ROWS.origin);
  if (origin) {
    const id = /（编号\s*([^（）\s]+)）\s*$/.exec(origin.value)?.[1];
    if (id && id !== planId && planQueries(ctx.db).byId.get(id)) originPlanId = id;
    else out.notices.push(`工作表“${sheet.name}”的“${PLAN_ROWS.origin}”（${origin.value}）不是本文件中的规划，未记录来源。`);
  }

  const subjects: [HeaderKey, string][] = [
    ['title', PLAN_ROWS.title], ['doc_number', PLAN_ROWS.docNumber], ['issuer', PLAN_ROWS.issuer], ['issue_date', PLAN_ROWS.issueDate],
    ['period_start', '规划期起'], ['period_end', '规划期止'], ['source', PLAN_ROWS.source],
  ];
  let changed = false;
  for (const [key, label] of subjects) {
    if (next[key] === plan[key]) continue;
    changed = true;
    const row = byLabel.get(key === 'period_start' || key === 'period_end' ? PLAN_ROWS.period : label)?.n ?? 1;
    out.changes.push({ sheet: sheet.name, row, column: label, action: 'update', subject: `规划信息 ${label}`, before: plan[key] === null ? null : String(plan[key]), after: next[key] === null ? null : String(next[key]) });
  }
  if (originPlanId !== undefined && originPlanId !== plan.origin_plan_id) {
    changed = true;
    out.changes.push({ sheet: sheet.name, row: origin?.n ?? 1, column: PLAN_ROWS.origin, action: 'update', subject: `规划信息 ${PLAN_ROWS.origin}`, before: plan.origin_plan_id, after: originPlanId });
  }
  if (changed) out.planWrite = { next, originPlanId };
}

export function planDistrictChanges(ctx: StoreContext, planId: string, sheet: SheetIn, header: { n: number; col: Map<string, number> }, out: ImportPlan): void {
  const dq = districtQueries(ctx.db);
  const all = dq.all.all();
  const byCode = new Map(all.filter((d) => d.code).map((d) => [d.code, d]));
  const byName = new Map(all.map((d) => [d.name, d]));
  const at = (r: { cells: CellIn[] }, h: string) => text(r.cells[header.col.get(h) ?? -1]);
  const seen = new Set<string>();
  for (const r of sheet.rows) {
    if (r.n <= header.n) continue;
    const name = at(r, DISTRICT_COLUMNS[1]);
    const code = at(r, DISTRICT_COLUMNS[2]);
    if (!name && !code) continue;
    const problem = (column: string, reason: string) => out.problems.push({ sheet: sheet.name, row: r.n, column, reason });
    let d: DistrictRow | undefined = code ? byCode.get(code) : byName.get(name);
    if (code && !d) {
      problem(DISTRICT_COLUMNS[2], `区县代码“${code}”不在区县列表中`);
      continue;
    }
    if (!d) {
      problem(DISTRICT_COLUMNS[1], `区县“${name}”不在区县列表中`);
      continue;
    }
    if (name && name !== d.name) {
      problem(DISTRICT_COLUMNS[1], `代码 ${code} 是“${d.name}”，不是“${name}”`);
      continue;
    }
    const kind = at(r, DISTRICT_COLUMNS[3]);
    if (kind && kind !== KIND_WORDS[d.kind]) out.notices.push(`工作表“${sheet.name}”第 ${r.n} 行：${d.name}的类别是“${KIND_WORDS[d.kind]}”（区县列表），文件中写作“${kind}”，以区县列表为准。`);
    if (seen.has(d.id)) {
      problem(DISTRICT_COLUMNS[1], `${d.name}在表中出现了不止一次`);
      continue;
    }
    seen.add(d.id);
    const write: DistrictWrite = {
      kind: 'insert',
      districtId: d.id,
      priorityIndustries: splitIndustries(at(r, DISTRICT_COLUMNS[5])),
      featuredIndustries: splitIndustries(at(r, DISTRICT_COLUMNS[6])),
      note: at(r, DISTRICT_COLUMNS[7]) || null,
    };
    const current = dq.planDistrict.get(planId, d.id);
    if (!current) {
      out.changes.push({ sheet: sheet.name, row: r.n, column: DISTRICT_COLUMNS[1], action: 'insert', subject: `区县 ${d.name}`, before: null, after: d.name });
      out.districtWrites.push(write);
      continue;
    }
    const before = [current.priority_industries, current.featured_industries, current.note];
    const after = [JSON.stringify(write.priorityIndustries), JSON.stringify(write.featuredIndustries), write.note];
    const labels = [DISTRICT_COLUMNS[5], DISTRICT_COLUMNS[6], DISTRICT_COLUMNS[7]];
    let changed = false;
    before.forEach((b, i) => {
      if (b === after[i]) return;
      changed = true;
      const shown = (v: string | null | undefined) => (v === null || v === undefined ? null : i < 2 ? (JSON.parse(v) as string[]).join('、') : v);
      out.changes.push({ sheet: sheet.name, row: r.n, column: labels[i] ?? '', action: 'update', subject: `区县 ${d.name} ${labels[i]}`, before: shown(b), after: shown(after[i]) });
    });
    if (changed) out.districtWrites.push({ ...write, kind: 'update' });
  }
  const missing = dq.ofPlan.all(planId).filter((d) => !seen.has(d.district_id));
  if (missing.length) out.notices.push(`本规划的 ${missing.map((d) => d.name).join('、')} 不在工作表“${sheet.name}”中：导入不会移除区县（请在“概览”中移除）。`);
}

/** Writes the plan's parts of an import (inside apply.ts's one change set). */
export function applyPlanParts(ctx: StoreContext, rec: ChangeRecorder, plan: ImportPlan): void {
  const w = plan.planWrite;
  if (w) {
    const current = getPlanRow(ctx, plan.planId);
    const next: PlanRow = { ...current, ...w.next, origin_plan_id: w.originPlanId !== undefined ? w.originPlanId : current.origin_plan_id, updated_at: ctx.now() };
    planQueries(ctx.db).update.run(next);
    planQueries(ctx.db).setOrigin.run(next.origin_plan_id, plan.planId);
    for (const key of headerFieldOrder(current, next, ['title', 'doc_number', 'issuer', 'issue_date', 'source', 'origin_plan_id', 'updated_at'] as const)) {
      rec.update('plan', plan.planId, key, current[key], next[key]);
    }
  }
  const dq = districtQueries(ctx.db);
  let order = (dq.maxOrder.get(plan.planId)?.n ?? -1) + 1;
  for (const d of plan.districtWrites) {
    const entityId = `${plan.planId}|${d.districtId}`;
    if (d.kind === 'insert') {
      dq.insertPlanDistrict.run({
        plan_id: plan.planId, district_id: d.districtId, priority_industries: JSON.stringify(d.priorityIndustries),
        featured_industries: JSON.stringify(d.featuredIndustries), note: d.note, source: null, sort_order: order++,
      });
      rec.inserted('plan_district', entityId);
      continue;
    }
    const current = dq.planDistrict.get(plan.planId, d.districtId);
    if (!current) continue;
    const next = { priority_industries: JSON.stringify(d.priorityIndustries), featured_industries: JSON.stringify(d.featuredIndustries), note: d.note };
    dq.updatePlanDistrict.run(next.priority_industries, next.featured_industries, next.note, plan.planId, d.districtId);
    for (const key of ['priority_industries', 'featured_industries', 'note'] as const) rec.update('plan_district', entityId, key, current[key], next[key]);
  }
}

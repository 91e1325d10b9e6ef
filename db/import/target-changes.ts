/**
 * A target matrix sheet (区县 or 产业集群 × years) → target value changes, checked with the rules of
 * typing a target: the value reads as planners write it ("3,000", "30左右", "1.4万亿元"), money and
 * counts are never negative, the year lies within the indicator's range, the district belongs to
 * the plan. A cell equal to the stored value (or to its wording) is no change. The document's wording
 * of a number cell comes from the file's 目标原文 sheet when it has one (target-wording.ts).
 */
import type { StoreContext } from '../context.ts';
import type { Indicator } from '../../contract/entities.ts';
import { Dec } from '../../domain/numbers.ts';
import { parseValueText, allowsNegative, readValueText } from '../../domain/numbers.ts';
import { targetYearRange } from '../../domain/targets.ts';
import { getPlanRow } from '../plans/handlers.ts';
import { districtQueries } from '../districts/queries.ts';
import { clusterQueries } from '../clusters/queries.ts';
import { listIndicators, toIndicator } from '../indicators/list.ts';
import { TOTAL_LABEL, type MatrixScope } from '../export/xlsx/layout.ts';
import { planMatrices, type MatrixData } from '../export/xlsx/matrix-data.ts';
import { cellText, normaliseHeader, type MatrixHeaderMatch } from './match-headers.ts';
import { columnName } from './xlsx-sheet.ts';
import type { SheetIn } from './read.ts';
import type { ImportPlan } from './plan-changes.ts';
import { WORDING_HEADERS } from '../export/xlsx/wording-sheet.ts';
import { wordingKey, type WordingIndex, type WordingRow } from './target-wording.ts';

export interface TargetWrite {
  indicatorId: string;
  scope: MatrixScope;
  scopeId: string;
  year: number;
  value: string | null;
  text: string | null;
  subject: string;
}

const TOTAL_LABELS = new Set([TOTAL_LABEL, '小计', '总计', '全市', '合  计', '总量']);

/** A spreadsheet number as an exact decimal string (floating-point noise from formulas removed). */
export function numberToDecimal(n: number): string {
  return new Dec(Number(n.toPrecision(15))).toFixed();
}

function pickIndicator(indicators: Indicator[], text: string): Indicator | null {
  let best: Indicator | null = null;
  for (const i of indicators) if (text.includes(i.name) && (!best || i.name.length > best.name.length)) best = i;
  return best;
}

/**
 * The plan's indicators and, after them, the 指标 sheet's new rows and new names of the same import: a
 * target sheet may name an indicator by its name before or after the rename (the stored row is found first).
 */
function importedIndicators(ctx: StoreContext, planId: string, out: ImportPlan): Indicator[] {
  const stored = listIndicators(ctx, planId);
  const byId = new Map(stored.map((i) => [i.id, i]));
  return [...stored, ...out.catalog.indicators.map((w) => ({ ...toIndicator(w.row), targets: byId.get(w.row.id)?.targets ?? [] }))];
}

/** The plan's clusters, then the 产业集群 sheet's new rows and new names of the same import (either name finds the row). */
function importedClusters(ctx: StoreContext, planId: string, out: ImportPlan): { id: string; name: string }[] {
  return [...clusterQueries(ctx.db).ofPlan.all(planId).map((c) => ({ id: c.id, name: c.name })), ...out.catalog.clusters.map((w) => ({ id: w.row.id, name: w.row.name }))];
}

/** `wordings`: the file's 目标原文 rows (target-wording.ts), null when it has no such sheet. */
export function planTargetChanges(ctx: StoreContext, planId: string, sheet: SheetIn, m: MatrixHeaderMatch, out: ImportPlan, wordings: WordingIndex | null = null): void {
  const stored = getPlanRow(ctx, planId);
  // s8-auth14: the plan as this import leaves it, so that a whole plan's workbook goes into an empty
  // plan (another file): its period (概况), the indicators and clusters its 指标/产业集群 sheets add or
  // rename, and the districts its 区县 sheet adds (catalog and plan sheets are read first, plan-changes.ts).
  const plan = out.planWrite ? { ...stored, ...out.planWrite.next } : stored;
  const indicators = importedIndicators(ctx, planId, out);
  const clusters = importedClusters(ctx, planId, out);
  // a blank plan (no districts yet) takes the 区县 sheet's districts with their values; a plan with its own
  // list keeps the rule that a value needs a district already in it (import-target-rule.test.ts)
  const blankList = (districtQueries(ctx.db).maxOrder.get(planId)?.n ?? null) === null;
  const addedDistricts = new Set(blankList ? out.districtWrites.filter((d) => d.kind === 'insert').map((d) => d.districtId) : []);
  const existing = new Map<string, MatrixData>(planMatrices(ctx, planId).map((x) => [`${x.scope}|${x.indicator.id}`, x]));
  const header = (col: number) => m.headers[col] ?? '';
  const sheetIndicator = m.indicatorColumn === null ? pickIndicator(indicators, m.title) : null;
  const byYear = new Map<number, number[]>();
  for (const y of m.years) byYear.set(y.year, [...(byYear.get(y.year) ?? []), y.column]);
  const twice = [...byYear.entries()].filter(([, cols]) => cols.length > 1);
  if (twice.length) {
    for (const [year, cols] of twice) {
      out.problems.push({
        sheet: sheet.name, row: m.headerRow, column: header(cols[1]!),
        reason: `列${cols.map((c) => `“${header(c)}”（${columnName(c)} 列）`).join('和')}都是 ${year} 年的目标值，无法确定以哪一列为准。请删除或改名其中一列后再导入`,
      });
    }
    return;
  }
  if (m.indicatorColumn === null && !sheetIndicator) {
    out.problems.push({
      sheet: sheet.name, row: m.headerRow, column: null,
      reason: '看不出这张表是哪个指标的目标：请保留标题行（含指标名称），或加一列“指标”',
    });
    return;
  }
  const seen = new Map<string, number>();
  const unitReported = new Set<string>();
  for (const r of sheet.rows) {
    if (r.n <= m.headerRow) continue;
    const problem = (column: string | null, reason: string) => out.problems.push({ sheet: sheet.name, row: r.n, column, reason });
    const label = cellText(r.cells[m.labelColumn] ?? null).trim();
    if (!label || TOTAL_LABELS.has(label.replace(/\s+/g, '')) || TOTAL_LABELS.has(label)) continue;
    let indicator = sheetIndicator;
    if (m.indicatorColumn !== null) {
      const name = cellText(r.cells[m.indicatorColumn] ?? null).trim();
      indicator = indicators.find((i) => i.name === name) ?? null;
      if (!indicator) {
        problem(header(m.indicatorColumn), `本规划没有指标“${name}”`);
        continue;
      }
    }
    if (!indicator) continue;
    const scopeId =
      m.scope === 'district'
        ? districtQueries(ctx.db).byName.get(label)?.id
        : clusters.find((c) => c.name === label)?.id;
    if (!scopeId) {
      problem(header(m.labelColumn), m.scope === 'district' ? `未知的区县“${label}”` : `本规划没有产业集群“${label}”`);
      continue;
    }
    const key = `${indicator.id}|${scopeId}`;
    if (seen.has(key)) {
      problem(header(m.labelColumn), `“${label}”在第 ${seen.get(key)} 行已出现过，同一${m.scope === 'district' ? '区县' : '集群'}只能有一行`);
      continue;
    }
    seen.set(key, r.n);
    const current = existing.get(`${m.scope}|${indicator.id}`)?.rows.find((x) => x.scopeId === scopeId);
    const { first: firstYear, last: lastYear } = targetYearRange({ plan: { periodStart: plan.period_start, periodEnd: plan.period_end }, indicator });
    for (const y of m.years) {
      const col = header(y.column);
      if (y.unit && indicator.unit && normaliseHeader(y.unit) !== normaliseHeader(indicator.unit)) {
        const once = `${indicator.id}|${y.column}`;
        if (!unitReported.has(once)) {
          unitReported.add(once);
          out.problems.push({ sheet: sheet.name, row: m.headerRow, column: col, reason: `列的单位“${y.unit}”与指标“${indicator.name}”的单位“${indicator.unit}”不一致，请换算后再导入` });
        }
        continue;
      }
      const cell = r.cells[y.column] ?? null;
      const stored = current?.cells.get(y.year);
      const storedValue = stored?.value ?? null;
      const storedText = stored?.text ?? null;
      if (cell !== null && typeof cell === 'object' && !(cell instanceof Date)) {
        problem(col, 'noResult' in cell ? `公式“=${cell.noResult}”没有计算结果，请在 Excel/WPS 中打开并保存后再导入` : `单元格是错误值 ${cell.error}`);
        continue;
      }
      if (cell instanceof Date || typeof cell === 'boolean') {
        problem(col, `“${cellText(cell)}”不是数值`);
        continue;
      }
      const wording = wordings?.get(wordingKey(sheet.name, label, y.year));
      if (wording) wording.used = true;
      // The 目标原文 row of this cell (target-wording.ts) must read as the cell's number. One that only
      // restated the old number ("300亿元" beside a cell changed to 320) is stale and goes, as typing a new
      // number over it does (db/targets/cells.ts sameCell); one that says more ("超过1060家") is refused.
      const agrees = (w: WordingRow, v: string | null): 'same' | 'stale' | false => {
        const read = readValueText(w.text, indicator.unit);
        if (read.ok && read.value !== null && v !== null) {
          if (new Dec(read.value).equals(v)) return 'same';
          if (!read.qualified) return 'stale';
        }
        const where = `目标表“${sheet.name}”第 ${r.n} 行“${col}”列`;
        out.problems.push({
          sheet: w.sheet, row: w.row, column: WORDING_HEADERS.text,
          reason: v === null
            ? `${where}为空，原文“${w.text}”没有数值可对应：请在目标表中填写数值，或删除这一行原文`
            : !read.ok
              ? `${read.message}，无法与${where}的 ${v} 核对：请改正原文，或删除这一行`
              : `原文“${w.text}”读作 ${read.value ?? '（无数值）'}${indicator.unit ?? ''}，与${where}的 ${v} 不一致：请同时改正两处，或删除这一行原文`,
        });
        return false;
      };
      const withWording = (w: WordingRow, v: string | null): { value: string | null; text: string | null } | null => {
        const a = agrees(w, v);
        return a === false ? null : { value: v, text: a === 'same' ? w.text : null };
      };
      let next: { value: string | null; text: string | null };
      if (cell === null || (typeof cell === 'string' && cell.trim() === '')) {
        if (wording) {
          agrees(wording, null);
          continue;
        }
        if (storedValue === null && storedText === null) continue;
        next = { value: null, text: null };
      } else if (typeof cell === 'number') {
        if (!Number.isFinite(cell)) {
          problem(col, '不是有效的数值');
          continue;
        }
        const v = numberToDecimal(cell);
        if (wording) {
          const w = withWording(wording, v);
          if (!w) continue;
          next = w;
        } else if (wordings) next = { value: v, text: null }; // the file lists every wording: none for this cell
        else {
          if (storedValue !== null && new Dec(storedValue).equals(v)) continue;
          next = { value: v, text: null };
        }
      } else {
        const t = cell.trim();
        if (!wording && storedText !== null && t === storedText.trim()) continue;
        const parsed = parseValueText(t, indicator.unit);
        if (!parsed) {
          problem(col, `“${t}”不是有效的数值（可写 3000、3,000、30左右、1.4万亿元 等）`);
          continue;
        }
        if (wording) {
          const w = withWording(wording, parsed.value);
          if (!w) continue;
          // a cell typed with its own wording ("320亿元") keeps it when the 目标原文 row was stale
          next = w.text === null ? parsed : w;
        } else {
          if (parsed.value === storedValue && parsed.text === storedText) continue;
          if (parsed.text === null && storedValue !== null && parsed.value !== null && new Dec(storedValue).equals(parsed.value)) continue;
          next = parsed;
        }
      }
      const sameValue = storedValue === null ? next.value === null : next.value !== null && new Dec(storedValue).equals(next.value);
      if (stored && sameValue && next.text === storedText) continue;
      if (next.value !== null && next.value.startsWith('-') && !allowsNegative(indicator.unit)) {
        problem(col, `${indicator.name}（${indicator.unit}）不能为负数`);
        continue;
      }
      if (y.year < firstYear || y.year > lastYear) {
        problem(col, `年份 ${y.year} 超出本指标的年份范围（${firstYear}—${lastYear}）`);
        continue;
      }
      // The rule of domain/targets.ts: a value may be set only for a district in the plan's own list.
      // A 片区 (kind 'area': 中心城区, “两群”地区) may hold values outside the list, as 26号's split by area does (db/plans/read.ts planAreas).
      if (m.scope === 'district' && !addedDistricts.has(scopeId) && districtQueries(ctx.db).byId.get(scopeId)?.kind !== 'area' && !districtQueries(ctx.db).planDistrict.get(planId, scopeId)) {
        problem(header(m.labelColumn), `区县“${label}”不属于本规划`);
        break;
      }
      const subject = `${label} ${y.year}年 ${indicator.name}`;
      out.targetWrites.push({ indicatorId: indicator.id, scope: m.scope, scopeId, year: y.year, value: next.value, text: next.text, subject });
      out.changes.push({
        sheet: sheet.name, row: r.n, column: col, action: stored ? 'update' : 'insert', subject,
        before: storedText ?? storedValue, after: next.text ?? next.value,
      });
    }
  }
}

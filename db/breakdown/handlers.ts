/**
 * Annual breakdowns and top-down / bottom-up changes of target values. Every method has a preview
 * (nothing is written; the user sees every cell that would change, old and new) and an apply that
 * writes all changed cells in ONE runChange — one change set, so one history.undo restores them all.
 */
import { createHash } from 'node:crypto';
import type { StoreContext } from '../context.ts';
import { PlanDeskError, invalid } from '../errors.ts';
import { runChange, type WithChanges } from '../audit/recorder.ts';
import { noChanges } from '../audit/changes.ts';
import { Dec, allowsNegative, parseValueText } from '../../domain/numbers.ts';
import { targetYearRange } from '../../domain/targets.ts';
import type { HandlersFor } from '../../contract/operations.ts';
import type { BreakdownPreview, BreakdownRequest, breakdownOps } from '../../contract/ops/breakdown.ts';
import type { IndicatorRow } from '../indicators/queries.ts';
import type { PlanRow } from '../plans/queries.ts';
import { cellsOf, findCell, indicatorAndPlan, nameOfRow, rowsOf, writeCell, writeIndicatorTarget, type Kind, type Scope } from './cells.ts';
import { fillPath, impliedCagr, roundTo, spreadTotal, yearOnYearPercent } from './rules.ts';

type Row = BreakdownPreview['rows'][number];
interface Planned {
  preview: BreakdownPreview;
  writes: { scope: Scope; scopeId: string; year: number; kind: Kind; value: string }[];
  ind: IndicatorRow;
  plan: PlanRow;
}

const pct = (v: string | null) => (v === null ? null : roundTo(v, 2));
const same = (a: string | null, b: string | null) => (a === null || b === null ? a === b : new Dec(a).eq(b));

function numberInput(raw: string, unit: string | null, field: string, label: string): string {
  const parsed = parseValueText(raw, unit);
  if (!parsed || parsed.value === null) throw invalid(`${label}“${raw}”不是数字`, [{ field, message: `请填写${label}`, reason: 'breakdown.fillIn' }], { reason: 'breakdown.notNumber', params: { text: raw } });
  if (parsed.value.startsWith('-') && !allowsNegative(unit)) throw invalid(`${label}不能为负数：${raw}`, [{ field, message: '该指标不能为负数', reason: 'breakdown.negative', params: { text: raw } }], { reason: 'breakdown.negative', params: { text: raw } });
  return parsed.value;
}

function finish(plan: PlanRow, ind: IndicatorRow, label: string, rows: Row[], writes: Planned['writes'], extra: { cagr?: string | null; notes?: string[] }): Planned {
  const basis = createHash('sha256').update(JSON.stringify(rows.map((r) => [r.scope, r.scopeId, r.year, r.current]))).digest('hex').slice(0, 32);
  return {
    plan,
    ind,
    writes,
    preview: {
      label, indicatorName: ind.name, unit: ind.unit, rows, impliedCagrPercent: extra.cagr ?? null, basis,
      changedCount: rows.filter((r) => r.changed).length, notes: extra.notes ?? [],
    },
  };
}

function planFill(ctx: StoreContext, req: Extract<BreakdownRequest, { method: 'fill' }>): Planned {
  const { ind, plan } = indicatorAndPlan(ctx, req.indicatorId);
  const scopeId = req.scope === 'plan' ? '' : (req.scopeId ?? '');
  if (req.scope !== 'plan' && !scopeId) throw invalid('请选择区县或产业集群', [{ field: 'scopeId', message: '请选择要分解的行', reason: 'breakdown.chooseRow' }], { reason: 'breakdown.chooseRow' });
  const baseline = numberInput(req.baselineValue, ind.unit, 'baselineValue', '基期值');
  const target = numberInput(req.targetValue, ind.unit, 'targetValue', '目标值');
  if (req.targetYear <= req.baselineYear)
    throw invalid(`目标年份（${req.targetYear}）应晚于基期年份（${req.baselineYear}）`, [{ field: 'targetYear', message: '目标年份应晚于基期年份', reason: 'breakdown.yearOrder', params: { target: req.targetYear, baseline: req.baselineYear } }], { reason: 'breakdown.yearOrder', params: { target: req.targetYear, baseline: req.baselineYear } });
  const { first, last } = targetYearRange({
    plan: { periodStart: plan.period_start, periodEnd: plan.period_end },
    indicator: { baselineYear: ind.baseline_year, targetYear: ind.target_year },
  });
  if (req.baselineYear < first - 10 || req.targetYear > last)
    throw invalid(`年份超出本指标的年份范围（${first}—${last}）`, [{ field: 'targetYear', message: `目标年份应不晚于 ${last}`, reason: 'breakdown.yearRange', params: { first, last } }], { reason: 'breakdown.yearRange', params: { first, last } });
  const cells = cellsOf(ctx, ind.id);
  // Values typed by hand that are kept become anchors: the path runs through them, segment by segment.
  const anchors = [{ year: req.baselineYear, value: baseline }];
  if (req.keepExisting) {
    for (let y = req.baselineYear + 1; y < req.targetYear; y++) {
      const v = findCell(cells, req.scope, scopeId, y, '', 'target')?.value;
      if (v != null) anchors.push({ year: y, value: v });
    }
  }
  anchors.push({ year: req.targetYear, value: target });
  const path = { values: [] as { year: number; value: string }[] };
  for (let i = 1; i < anchors.length; i++) {
    const a = anchors[i - 1];
    const b = anchors[i];
    if (!a || !b) continue;
    const seg = fillPath(req.fill, a, b, req.decimals);
    if (!seg.ok) throw invalid(seg.reason, [{ field: 'fill', message: seg.reason, reason: seg.key }], { reason: seg.key });
    path.values.push(...seg.values);
  }
  const name = nameOfRow(ctx, req.scope, scopeId);
  const rows: Row[] = [];
  const writes: Planned['writes'] = [];
  let previous: string = baseline;
  rows.push({
    scope: req.scope, scopeId: req.scope === 'plan' ? null : scopeId, name: `${name}（基期）`, year: req.baselineYear,
    current: baseline, currentText: null, next: baseline, change: '0', changed: false, held: true, growthPercent: null, sharePercent: null,
  });
  for (const p of path.values) {
    const row = findCell(cells, req.scope, scopeId, p.year, '', 'target');
    // A plan whose targets are only in its indicator table: the indicator's target is the current value.
    const cur = row ?? (req.scope === 'plan' && p.year === ind.target_year && ind.target_value !== null ? { value: ind.target_value, text: ind.target_text } : undefined);
    const isTarget = p.year === req.targetYear;
    const keep = req.keepExisting && !isTarget && cur?.value != null;
    const next = keep ? (cur?.value ?? p.value) : p.value;
    const changed = !same(cur?.value ?? null, next);
    rows.push({
      scope: req.scope, scopeId: req.scope === 'plan' ? null : scopeId, name, year: p.year,
      current: cur?.value ?? null, currentText: cur?.text ?? null, next,
      change: cur?.value != null ? new Dec(next).minus(cur.value).toFixed() : null,
      changed, held: keep, growthPercent: pct(yearOnYearPercent(previous, next)), sharePercent: null,
    });
    if (changed) writes.push({ scope: req.scope, scopeId, year: p.year, kind: 'target', value: next });
    previous = next;
  }
  const cagr = impliedCagr({ year: req.baselineYear, value: baseline }, { year: req.targetYear, value: target });
  const how = req.fill === 'growth' ? '按年均增长' : '按等额递增';
  const notes = cagr.ok ? [] : [cagr.reason];
  if (anchors.length > 2) notes.push(`已填写的 ${anchors.length - 2} 个年份保持不变（手工填写的值），其余年份经过这些值分段计算`);
  return finish(plan, ind, `${how}分解${ind.name}（${name}）${req.baselineYear}—${req.targetYear}年`, rows, writes, { cagr: cagr.ok ? pct(cagr.percent) : null, notes });
}

function totalRow(ctx: StoreContext, ind: IndicatorRow, cells: ReturnType<typeof cellsOf>, year: number, kind: Kind): { value: string | null; text: string | null } {
  const row = findCell(cells, 'plan', '', year, '', kind);
  if (row) return { value: row.value, text: row.text };
  if (kind === 'target' && ind.target_year === year) return { value: ind.target_value, text: ind.target_text };
  return { value: null, text: null };
}

function planSpread(ctx: StoreContext, req: Extract<BreakdownRequest, { method: 'spread' }>): Planned {
  const { ind, plan } = indicatorAndPlan(ctx, req.indicatorId);
  const total = numberInput(req.total, ind.unit, 'total', '总量');
  const cells = cellsOf(ctx, ind.id);
  const parts = rowsOf(ctx, plan, ind.id, req.over, cells);
  if (parts.length === 0) throw invalid(`本规划没有${req.over === 'district' ? '区县' : '产业集群'}可以分解`, [{ field: 'over', message: '没有可分解的行' }], { reason: req.over === 'district' ? 'breakdown.noDistricts' : 'breakdown.noClusters' });
  const held = new Set(req.held);
  for (const h of held) if (!parts.some((p) => p.id === h)) throw invalid(`“${h}”不是本规划的分解对象`, [{ field: 'held', message: '固定的行不属于本规划' }], { reason: 'breakdown.heldNotInPlan', params: { name: h } });
  const current = parts.map((p) => ({ ...p, cell: findCell(cells, req.over, p.id, req.year, '', req.kind) }));
  const blanks = req.blanks ?? 'keep';
  const spread = spreadTotal(total, current.map((c) => ({ id: c.id, current: c.cell?.value ?? null, held: held.has(c.id) })), req.decimals, blanks);
  if (!spread.ok) throw invalid(spread.reason, [{ field: 'held', message: spread.reason, reason: spread.key }], { reason: spread.key });
  if (new Dec(spread.remaining).isNegative() && !allowsNegative(ind.unit))
    throw invalid(`固定的${req.over === 'district' ? '区县' : '产业集群'}合计已超过总量 ${total}${ind.unit ?? ''}，其余无法分配`, [{ field: 'held', message: '请少固定一些行或提高总量' }], { reason: 'breakdown.heldOverTotal', params: { total, unit: ind.unit ?? '' } });
  const rows: Row[] = [];
  const writes: Planned['writes'] = [];
  for (const c of current) {
    const next = spread.values.get(c.id) ?? null;
    const changed = next !== null && !same(c.cell?.value ?? null, next);
    rows.push({
      scope: req.over, scopeId: c.id, name: c.name, year: req.year, current: c.cell?.value ?? null, currentText: c.cell?.text ?? null, next,
      change: next !== null && c.cell?.value != null ? new Dec(next).minus(c.cell.value).toFixed() : null,
      changed, held: held.has(c.id), growthPercent: null,
      sharePercent: next !== null && !new Dec(total).isZero() ? roundTo(new Dec(next).dividedBy(total).times(100), 2) : null,
    });
    if (changed && next !== null) writes.push({ scope: req.over, scopeId: c.id, year: req.year, kind: req.kind, value: next });
  }
  const cur = totalRow(ctx, ind, cells, req.year, req.kind);
  const totalChanged = !same(cur.value, total);
  rows.push({
    scope: 'plan', scopeId: null, name: '规划总量', year: req.year, current: cur.value, currentText: cur.text, next: total,
    change: cur.value !== null ? new Dec(total).minus(cur.value).toFixed() : null, changed: totalChanged, held: false, growthPercent: null, sharePercent: '100',
  });
  if (totalChanged) writes.push({ scope: 'plan', scopeId: '', year: req.year, kind: req.kind, value: total });
  const what = req.over === 'district' ? '区县' : '产业集群';
  const notes = [`${held.size} 个${what}固定，其余 ${parts.length - held.size - spread.blank.length} 个按现值比例分配 ${spread.remaining}${ind.unit ?? ''}`];
  if (spread.adjusted.length > 0) {
    const names = current.filter((c) => spread.adjusted.includes(c.id)).map((c) => c.name).join('、');
    notes.push(`为使合计正好等于总量，${names}的取整尾数作了调整（最大余数法）`);
  }
  if (spread.blank.length > 0) {
    const names = current.filter((c) => spread.blank.includes(c.id)).map((c) => c.name).join('、');
    notes.push(`${names}没有现值，保持空白，未参与分配`);
  }
  const free = current.filter((c) => !held.has(c.id) && !spread.blank.includes(c.id));
  if (free.every((c) => !c.cell?.value || new Dec(c.cell.value).lte(0))) notes.push(`未固定的${what}都没有现值，按平均分配`);
  else if (blanks === 'share' && free.some((c) => c.cell?.value == null)) notes.push(`没有现值的${what}按有现值${what}的平均份额参与分配`);
  return finish(plan, ind, `总量分解到${what}：${ind.name} ${req.year}年`, rows, writes, { notes });
}

function planRollup(ctx: StoreContext, req: Extract<BreakdownRequest, { method: 'rollup' }>): Planned {
  const { ind, plan } = indicatorAndPlan(ctx, req.indicatorId);
  const cells = cellsOf(ctx, ind.id);
  const parts = rowsOf(ctx, plan, ind.id, req.from, cells).map((p) => ({ ...p, cell: findCell(cells, req.from, p.id, req.year, '', req.kind) }));
  const present = parts.filter((p) => p.cell?.value != null);
  const what = req.from === 'district' ? '区县' : '产业集群';
  if (present.length === 0) throw invalid(`${req.year}年没有${what}数值可以汇总`, [{ field: 'year', message: `该年份${what}没有数值` }], { reason: 'breakdown.noValues', params: { year: req.year } });
  const sum = present.reduce((acc, p) => acc.plus(p.cell?.value ?? 0), new Dec(0)).toFixed();
  const rows: Row[] = parts.map((p) => ({
    scope: req.from, scopeId: p.id, name: p.name, year: req.year, current: p.cell?.value ?? null, currentText: p.cell?.text ?? null,
    next: p.cell?.value ?? null, change: null, changed: false, held: true, growthPercent: null,
    sharePercent: p.cell?.value != null && !new Dec(sum).isZero() ? roundTo(new Dec(p.cell.value).dividedBy(sum).times(100), 2) : null,
  }));
  const cur = totalRow(ctx, ind, cells, req.year, req.kind);
  const changed = !same(cur.value, sum);
  rows.push({
    scope: 'plan', scopeId: null, name: '规划总量', year: req.year, current: cur.value, currentText: cur.text, next: sum,
    change: cur.value !== null ? new Dec(sum).minus(cur.value).toFixed() : null, changed, held: false, growthPercent: null, sharePercent: '100',
  });
  const notes = present.length < parts.length ? [`${parts.length - present.length} 个${what}没有数值，未计入`] : [];
  return finish(plan, ind, `${what}汇总为总量：${ind.name} ${req.year}年`, rows, changed ? [{ scope: 'plan', scopeId: '', year: req.year, kind: req.kind, value: sum }] : [], { notes });
}

function plan(ctx: StoreContext, req: BreakdownRequest): Planned {
  if (req.method === 'fill') return planFill(ctx, req);
  if (req.method === 'spread') return planSpread(ctx, req);
  return planRollup(ctx, req);
}

export function previewBreakdown(ctx: StoreContext, req: BreakdownRequest): BreakdownPreview {
  return plan(ctx, req).preview;
}

export function applyBreakdown(ctx: StoreContext, req: BreakdownRequest, basis?: string): WithChanges<BreakdownPreview & { changeSetId: number | null }> {
  const p = plan(ctx, req);
  if (basis !== undefined && basis !== p.preview.basis)
    throw new PlanDeskError('CONFLICT', '预览之后数据已有变化，没有修改。请重新预览后再应用。', [], { reason: 'breakdown.changedSincePreview' });
  if (p.writes.length === 0) return { ...p.preview, changeSetId: null, changes: noChanges(p.plan.id) };
  return runChange(ctx, { label: p.preview.label, planId: p.plan.id }, (rec) => {
    for (const w of p.writes) {
      writeCell(ctx, rec, p.ind, { scope: w.scope, scopeId: w.scopeId, year: w.year, period: '', kind: w.kind }, w.value);
      if (w.scope === 'plan' && w.kind === 'target' && w.year === p.ind.target_year) writeIndicatorTarget(ctx, rec, p.ind, w.value);
    }
    return { ...p.preview, changeSetId: rec.changeSetId };
  });
}

export const breakdownHandlers = {
  'breakdown.preview': (ctx, input) => previewBreakdown(ctx, input),
  'breakdown.apply': (ctx, input) => applyBreakdown(ctx, input.request, input.basis),
} satisfies HandlersFor<typeof breakdownOps, StoreContext>;

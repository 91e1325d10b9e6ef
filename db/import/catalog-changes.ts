/**
 * The 产业集群, 指标 and 部门 sheets of a plan workbook (db/export/xlsx/catalog-sheets.ts) → the changes
 * they make: a row is matched by its code (集群编码, 指标编码, 部门编码), else by its name; a row matching
 * none is new. Renames, every indicator field (through the same checks as typing: db/indicators/patch.ts,
 * units, qualifiers kept beside the number), aliases, and the order of the rows. Rows of the plan the
 * sheet leaves out are kept (an import never deletes). A sheet that reads as the file stands is no change.
 */
import { randomUUID } from 'node:crypto';
import type { StoreContext } from '../context.ts';
import type { ErrorIssue } from '../errors.ts';
import { CATALOG_HEADERS } from '../export/xlsx/catalog-sheets.ts';
import { clusterQueries, type ClusterRow } from '../clusters/queries.ts';
import { indicatorQueries, type IndicatorRow } from '../indicators/queries.ts';
import { COLUMNS as INDICATOR_COLUMNS, applyPatch } from '../indicators/patch.ts';
import { checkDepartmentName, departmentEntries } from '../departments/authoring.ts';
import { readValueText } from '../../domain/numbers.ts';
import { splitNames } from '../../domain/text.ts';
import type { IndicatorPatch } from '../../contract/ops/indicators.ts';
import type { CellIn, SheetIn } from './read.ts';
import { cellText, normaliseHeader } from './match-headers.ts';
import type { ImportPlan } from './plan-changes.ts';

export type CatalogKind = keyof typeof CATALOG_HEADERS;

export interface CatalogHeaderMatch {
  kind: 'catalog';
  catalog: CatalogKind;
  headerRow: number;
  /** field → 0-based column */
  columns: Map<string, number>;
  headers: string[];
}

export interface CatalogWrites {
  clusters: { kind: 'insert' | 'update'; before: ClusterRow | null; row: ClusterRow }[];
  /** the clusters' ids in their new order (null: unchanged) */
  clusterOrder: string[] | null;
  indicators: { kind: 'insert' | 'update'; before: IndicatorRow | null; row: IndicatorRow }[];
  indicatorOrder: string[] | null;
  departments: { kind: 'insert' | 'update'; id: string; name: string; beforeName: string | null; aliases: string[] | null; beforeAliases: string[] }[];
  departmentOrder: string[] | null;
}

export const emptyCatalogWrites = (): CatalogWrites => ({ clusters: [], clusterOrder: null, indicators: [], indicatorOrder: null, departments: [], departmentOrder: null });

export const hasCatalogWrites = (w: CatalogWrites): boolean =>
  w.clusters.length + w.indicators.length + w.departments.length > 0 || !!w.clusterOrder || !!w.indicatorOrder || !!w.departmentOrder;

/** Which of the three sheets a header row is: by its code column, or by the headers only these sheets have. */
export function matchCatalog(cells: CellIn[], headerRow: number): CatalogHeaderMatch | null {
  const headers = cells.map(cellText);
  const keys = headers.map(normaliseHeader);
  for (const catalog of ['clusters', 'indicators', 'departments'] as const) {
    const columns = new Map<string, number>();
    for (const [field, header] of Object.entries(CATALOG_HEADERS[catalog])) {
      const i = keys.indexOf(normaliseHeader(header));
      if (i >= 0) columns.set(field, i);
    }
    const named = columns.has('name') && (columns.has('code') || (catalog === 'indicators' && columns.has('attribute') && columns.has('unit')) || (catalog === 'departments' && columns.has('aliases')));
    // A 产业集群 column beside years is a target matrix, not the list of clusters.
    const years = headers.some((h) => /^\d{4}\s*年?/.test(h.trim()));
    if (named && !(catalog === 'clusters' && years)) return { kind: 'catalog', catalog, headerRow, columns, headers };
  }
  return null;
}

type Reader = { text: (field: string) => string; has: (field: string) => boolean };

function rowsOf(sheet: SheetIn, m: CatalogHeaderMatch): { n: number; read: Reader }[] {
  const out: { n: number; read: Reader }[] = [];
  for (const r of sheet.rows) {
    if (r.n <= m.headerRow) continue;
    const read: Reader = {
      text: (f) => {
        const c = m.columns.get(f);
        return c === undefined ? '' : cellText(r.cells[c] ?? null).trim();
      },
      has: (f) => m.columns.has(f),
    };
    if (read.text('name') === '' && read.text('code') === '') continue;
    out.push({ n: r.n, read });
  }
  return out;
}

const sameOrder = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The sheet's order first, then the rows it leaves out, in their order. */
function newOrder(current: readonly string[], sheet: readonly string[]): string[] | null {
  const order = [...sheet, ...current.filter((id) => !sheet.includes(id))];
  return sameOrder(order, current) ? null : order;
}

export function planCatalogChanges(ctx: StoreContext, planId: string, sheet: SheetIn, m: CatalogHeaderMatch, out: ImportPlan): void {
  const header = (f: string) => m.headers[m.columns.get(f) ?? -1] ?? f;
  const problem = (row: number, field: string | null, reason: string) => out.problems.push({ sheet: sheet.name, row, column: field ? header(field) : null, reason });
  const change = (row: number, field: string, action: 'update' | 'insert', subject: string, before: string | null, after: string | null) =>
    out.changes.push({ sheet: sheet.name, row, column: header(field), action, subject, before, after });
  const rows = rowsOf(sheet, m);
  const seen = new Map<string, number>();
  const dup = (name: string, n: number, what: string): boolean => {
    const first = seen.get(name);
    if (first !== undefined) {
      problem(n, 'name', `${what}“${name}”与第 ${first} 行重复`);
      return true;
    }
    seen.set(name, n);
    return false;
  };

  if (m.catalog === 'clusters') {
    const current = clusterQueries(ctx.db).ofPlan.all(planId);
    const byId = new Map(current.map((c) => [c.id, c]));
    const order: string[] = [];
    for (const { n, read } of rows) {
      const name = read.text('name');
      if (!name) {
        problem(n, 'name', '产业集群名称不能为空');
        continue;
      }
      if (dup(name, n, '产业集群')) continue;
      const before = byId.get(read.text('code')) ?? current.find((c) => c.name === name) ?? null;
      const row: ClusterRow = before
        ? { ...before, name, note: read.has('note') ? read.text('note') || null : before.note, source: read.has('source') ? read.text('source') || null : before.source }
        : { id: randomUUID(), plan_id: planId, name, note: read.text('note') || null, source: read.text('source') || null, sort_order: 0 };
      order.push(row.id);
      if (!before) {
        out.catalog.clusters.push({ kind: 'insert', before: null, row });
        change(n, 'name', 'insert', `新产业集群“${name}”`, null, name);
        continue;
      }
      const fields = (['name', 'note', 'source'] as const).filter((k) => before[k] !== row[k]);
      if (fields.length) out.catalog.clusters.push({ kind: 'update', before, row });
      for (const k of fields) change(n, k, 'update', `产业集群“${before.name}” ${header(k)}`, before[k], row[k]);
    }
    out.catalog.clusterOrder = newOrder(current.map((c) => c.id), order);
    if (out.catalog.clusterOrder) change(m.headerRow, 'name', 'update', '产业集群的顺序', null, '按表中顺序');
    return;
  }

  if (m.catalog === 'indicators') {
    const current = indicatorQueries(ctx.db).ofPlan.all(planId);
    const byId = new Map(current.map((i) => [i.id, i]));
    const order: string[] = [];
    for (const { n, read } of rows) {
      const name = read.text('name');
      if (!name) {
        problem(n, 'name', '指标名称不能为空');
        continue;
      }
      if (dup(name, n, '指标')) continue;
      const before = byId.get(read.text('code')) ?? current.find((i) => i.name === name) ?? null;
      const base: IndicatorRow = before ?? {
        id: randomUUID(), plan_id: planId, category: null, name, unit: null, attribute: null, baseline_year: null, baseline_value: null, baseline_text: null,
        target_year: null, target_value: null, target_text: null, stated_growth_text: null, note: null, source: null, sort_order: 0,
      };
      const unit = read.has('unit') ? read.text('unit') || null : base.unit;
      // The wording as written (基期原文/目标原文) is what was typed, unless the number beside it says otherwise.
      const typed = (valueField: string, textField: string): string | null => {
        const value = read.text(valueField);
        const text = read.text(textField);
        if (!text) return value || null;
        const parsed = readValueText(text, unit);
        const v = readValueText(value, unit);
        return value && parsed.ok && v.ok && v.value !== null && parsed.value !== v.value ? value : text;
      };
      // A value as the export wrote it is no change, even when its wording is not a number ("较2022年"):
      // stored data is taken as it stands, only what was typed is checked.
      const asStored = (value: string | null, text: string | null) => text ?? value;
      // A new row (into another plan or file) whose wording is not a number: the export wrote the stored
      // wording beside the number ("-13" / "较2022年累计下降13%") or in its place (基期 "较2022年"); both are
      // stored data, taken as they stand.
      const wordingOnly: Partial<Record<'baselineValue' | 'targetValue', string>> = {};
      const valuePatch = (valueField: 'baselineValue' | 'targetValue', textField: string, storedValue: string | null, storedText: string | null) => {
        if (!read.has(valueField)) return {};
        const written = read.text(valueField);
        const wording = read.text(textField);
        if (!before && wording && !readValueText(wording, unit).ok) {
          // the wording is kept as written beside the number ("-13" beside "较2022年累计下降13%"), or alone
          wordingOnly[valueField] = wording;
          if (written === wording || !written) return {};
          if (readValueText(written, unit).ok) return { [valueField]: written };
        }
        const t = typed(valueField, textField);
        const numeric = readValueText(read.text(valueField), unit);
        const same = before && unit === before.unit && (t === asStored(storedValue, storedText) || (!read.has(textField) && numeric.ok && numeric.value === storedValue));
        return same ? {} : { [valueField]: t };
      };
      const patch: IndicatorPatch = {
        name,
        ...(read.has('category') ? { category: read.text('category') || null } : {}),
        // a stored unit is taken as it stands (an older file may hold one the units list lacks); a changed one is checked
        ...(read.has('unit') && unit !== base.unit ? { unit } : {}),
        ...(read.has('attribute') ? { attribute: read.text('attribute') || null } : {}),
        ...(read.has('baselineYear') ? { baselineYear: read.text('baselineYear') || null } : {}),
        ...valuePatch('baselineValue', 'baselineText', base.baseline_value, base.baseline_text),
        ...(read.has('targetYear') ? { targetYear: read.text('targetYear') || null } : {}),
        ...valuePatch('targetValue', 'targetText', base.target_value, base.target_text),
        ...(read.has('statedGrowthText') ? { statedGrowthText: read.text('statedGrowthText') || null } : {}),
        ...(read.has('note') ? { note: read.text('note') || null } : {}),
        ...(read.has('source') ? { source: read.text('source') || null } : {}),
      };
      const issues: ErrorIssue[] = [];
      const row = applyPatch(base, patch, issues);
      if (wordingOnly.baselineValue !== undefined) Object.assign(row, { baseline_text: wordingOnly.baselineValue });
      if (wordingOnly.targetValue !== undefined) Object.assign(row, { target_text: wordingOnly.targetValue });
      if (issues.length) {
        const FIELD: Record<string, string> = { name: 'name', unit: 'unit', attribute: 'attribute', baselineYear: 'baselineYear', targetYear: 'targetYear', baselineValue: 'baselineValue', targetValue: 'targetValue' };
        for (const x of issues) problem(n, FIELD[x.field ?? ''] ?? null, x.message);
        continue;
      }
      order.push(row.id);
      if (!before) {
        out.catalog.indicators.push({ kind: 'insert', before: null, row });
        change(n, 'name', 'insert', `新指标“${name}”`, null, name);
        continue;
      }
      const fields = INDICATOR_COLUMNS.filter((k) => before[k] !== row[k]);
      if (fields.length) out.catalog.indicators.push({ kind: 'update', before, row });
      for (const k of fields) change(n, 'name', 'update', `指标“${before.name}” ${k}`, before[k] === null ? null : String(before[k]), row[k] === null ? null : String(row[k]));
    }
    out.catalog.indicatorOrder = newOrder(current.map((i) => i.id), order);
    if (out.catalog.indicatorOrder) change(m.headerRow, 'name', 'update', '指标的顺序', null, '按表中顺序');
    return;
  }

  // 部门: the file's common list.
  const current = departmentEntries(ctx);
  const byId = new Map(current.map((d) => [d.id, d]));
  const order: string[] = [];
  for (const { n, read } of rows) {
    const name = read.text('name');
    if (!name) {
      problem(n, 'name', '部门名称不能为空');
      continue;
    }
    if (dup(name, n, '部门')) continue;
    const before = byId.get(read.text('code')) ?? current.find((d) => d.name === name) ?? null;
    const id = before?.id ?? randomUUID();
    const c = checkDepartmentName(ctx, name, before?.id ?? null, 'name', '部门名称');
    if (!c.ok) {
      problem(n, 'name', c.issue.message);
      continue;
    }
    let aliases: string[] | null = null;
    if (read.has('aliases')) {
      const list = splitNames(read.text('aliases')).filter((a, i, all) => all.indexOf(a) === i && a !== name);
      const bad = list.map((a) => checkDepartmentName(ctx, a, before?.id ?? null, 'aliases', '简称/别名')).find((x) => !x.ok);
      if (bad && !bad.ok) {
        problem(n, 'aliases', bad.issue.message);
        continue;
      }
      aliases = list;
    }
    order.push(id);
    const beforeAliases = before?.aliases ?? [];
    const aliasesChange = aliases !== null && [...aliases].sort().join('、') !== [...beforeAliases].sort().join('、');
    if (!before) {
      out.catalog.departments.push({ kind: 'insert', id, name, beforeName: null, aliases: aliases ?? [], beforeAliases: [] });
      change(n, 'name', 'insert', `新部门“${name}”`, null, name);
      continue;
    }
    if (before.name !== name || aliasesChange) out.catalog.departments.push({ kind: 'update', id, name, beforeName: before.name, aliases: aliasesChange ? aliases : null, beforeAliases });
    if (before.name !== name) change(n, 'name', 'update', `部门“${before.name}” 名称`, before.name, name);
    if (aliasesChange) change(n, 'aliases', 'update', `部门“${before.name}” 简称/别名`, beforeAliases.join('、'), (aliases ?? []).join('、'));
  }
  out.catalog.departmentOrder = newOrder(current.map((d) => d.id), order);
  if (out.catalog.departmentOrder) change(m.headerRow, 'name', 'update', '部门的顺序', null, '按表中顺序');
}

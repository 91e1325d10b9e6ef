/**
 * Pure rules of the comparison (no database): what changed in one row, the difference and
 * percentage of a number, and applying a comparison to a table (used by the property tests).
 */
import { Dec, isDecimalString } from '../../domain/numbers.ts';
import { specs, type CellValue, type RowData, type VersionedEntity } from './rows.ts';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface CellChange {
  field: string;
  old: CellValue;
  new: CellValue;
  /** new − old, for numbers (exact decimal string) */
  delta?: string | undefined;
  /** (new − old) / |old| × 100, two decimals; null when old is 0 */
  pct?: string | null | undefined;
}

export interface RowChange {
  entity: VersionedEntity;
  rowId: string;
  kind: ChangeKind;
  /** the whole row in the older side (null when added) */
  old: RowData | null;
  /** the whole row in the newer side (null when removed) */
  new: RowData | null;
  /** changed cells (compared fields only); empty for added and removed rows */
  cells: CellChange[];
}

export function sameValue(a: CellValue | undefined, b: CellValue | undefined): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => x === b[i]);
  }
  return (a ?? null) === (b ?? null);
}

function numeric(v: CellValue): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && isDecimalString(v)) return v;
  return null;
}

/** Difference and percentage of two numbers, when both are numbers. */
export function numberChange(oldValue: CellValue, newValue: CellValue): { delta: string; pct: string | null } | null {
  const o = numeric(oldValue);
  const n = numeric(newValue);
  if (o === null || n === null) return null;
  const delta = new Dec(n).minus(o);
  const base = new Dec(o);
  const pct = base.isZero() ? null : delta.dividedBy(base.abs()).times(100).toDecimalPlaces(2).toFixed();
  const d = delta.toFixed();
  return { delta: d === '-0' ? '0' : d, pct: pct === '-0' ? '0' : pct };
}

type Companion = { names: string; asWritten: string };

/** A row's links of one field as the document names them (its wording, else the department's name then), or null for a row stored without names. */
export function linkWords(row: RowData, c: Companion): string[] | null {
  const names = row[c.names];
  if (!Array.isArray(names)) return null;
  const wording = row[c.asWritten];
  return names.map((n, i) => (Array.isArray(wording) && wording[i] ? (wording[i] ?? n) : n));
}

/** A link field is unchanged when its ids are and, where both sides kept the names, so are the names the document reads. */
function sameLinks(oldRow: RowData, newRow: RowData, f: string, c: Companion | undefined): boolean {
  if (!sameValue(oldRow[f] ?? null, newRow[f] ?? null)) return false;
  if (!c) return true;
  const a = linkWords(oldRow, c);
  const b = linkWords(newRow, c);
  return a === null || b === null || sameValue(a, b);
}

/** The change of one row between two sides, or null when no compared field differs. */
export function diffRow(entity: VersionedEntity, rowId: string, oldRow: RowData | null, newRow: RowData | null): RowChange | null {
  if (!oldRow && !newRow) return null;
  if (!oldRow) return { entity, rowId, kind: 'added', old: null, new: newRow, cells: [] };
  if (!newRow) return { entity, rowId, kind: 'removed', old: oldRow, new: null, cells: [] };
  const spec = specs[entity];
  const cells: CellChange[] = [];
  for (const f of spec.fields) {
    const o = oldRow[f] ?? null;
    const n = newRow[f] ?? null;
    if (sameLinks(oldRow, newRow, f, spec.names?.[f])) continue;
    const cell: CellChange = { field: f, old: o, new: n };
    if (spec.numeric.includes(f)) {
      const nc = numberChange(o, n);
      if (nc) Object.assign(cell, nc);
    }
    cells.push(cell);
  }
  return cells.length ? { entity, rowId, kind: 'changed', old: oldRow, new: newRow, cells } : null;
}

export const parseRow = (data: string | null | undefined): RowData | null => (data === null || data === undefined ? null : (JSON.parse(data) as RowData));

/** A table as the comparison sees it: rows by id. */
export type Table = Map<string, RowData>;

/** Applies a comparison A → B to A (compared fields only): the result equals B on compared fields. */
export function applyChanges(a: Table, changes: Iterable<RowChange>): Table {
  const out = new Map(a);
  for (const c of changes) {
    if (c.kind === 'removed') out.delete(c.rowId);
    else if (c.kind === 'added' && c.new) out.set(c.rowId, { ...c.new });
    else {
      const row = { ...(out.get(c.rowId) ?? {}) };
      for (const cell of c.cells) row[cell.field] = cell.new;
      out.set(c.rowId, row);
    }
  }
  return out;
}

/** Only the compared fields of a row (what two equal rows agree on). */
export function comparedPart(entity: VersionedEntity, row: RowData): RowData {
  return Object.fromEntries(specs[entity].fields.map((f) => [f, row[f] ?? null]));
}

/** Display helpers of the checks: rounded numbers, signed differences, route focus strings. */
import { Dec } from '../../domain/numbers.ts';
import type { TargetRow } from '../targets/queries.ts';

/** "14000" → "14,000"; rounds to `decimals` places when given (half-up), dropping trailing zeros. */
export function formatNumber(value: string, decimals?: number): string {
  if (value === '') return '';
  let s = value;
  if (decimals !== undefined) {
    s = new Dec(value).toDecimalPlaces(decimals, Dec.ROUND_HALF_UP).toFixed();
    if (s === '-0') s = '0';
  }
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(s);
  if (!m) return s;
  return `${m[1] ?? ''}${(m[2] ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}

/** "+100" / "−2.11" / "0". */
export function signed(value: string, decimals?: number): string {
  const f = formatNumber(value, decimals);
  if (f.startsWith('-')) return `−${f.slice(1)}`;
  return f === '0' ? '0' : `+${f}`;
}

/** Rounded canonical decimal string (for the numbers of a finding). */
export function rounded(value: string, decimals: number): string {
  const s = new Dec(value).toDecimalPlaces(decimals, Dec.ROUND_HALF_UP).toFixed();
  return s === '-0' ? '0' : new Dec(s).toFixed();
}

export function rowOf(t: Pick<TargetRow, 'scope' | 'scope_id'>): string {
  return t.scope === 'plan' ? 'plan' : `${t.scope}:${t.scope_id}`;
}

/** Focus of one target cell, e.g. `indicator=ID&row=district:d-500116&year=2027&kind=target`. */
export function targetFocus(t: Pick<TargetRow, 'indicator_id' | 'scope' | 'scope_id' | 'year' | 'period' | 'kind'>): string {
  const p = new URLSearchParams({ indicator: t.indicator_id, row: rowOf(t), year: String(t.year), kind: t.kind });
  if (t.period) p.set('period', t.period);
  return p.toString();
}

export function indicatorFocus(indicatorId: string, field?: string): string {
  const p = new URLSearchParams({ indicator: indicatorId });
  if (field) p.set('field', field);
  return p.toString();
}

export function taskFocus(taskId: string, field: string): string {
  return new URLSearchParams({ task: taskId, field }).toString();
}

export function districtFocus(districtId: string, field: string): string {
  return new URLSearchParams({ district: districtId, field }).toString();
}

/** Numbers and units as planners read them (zh-CN grouping: 14,000). */
import { formatDecimal, t } from '../../i18n/index.ts';
import type { ImpliedGrowth } from '../../../../contract/ops/indicators.ts';

export function formatValue(value: string | null | undefined, unit?: string | null): string {
  if (value === null || value === undefined || value === '') return '';
  const n = formatDecimal(value);
  if (!unit) return n;
  return unit === '%' ? `${n}%` : `${n} ${unit}`;
}

export function formatSigned(value: string | null | undefined, unit?: string | null): string {
  if (value === null || value === undefined) return '';
  const s = formatValue(value.replace(/^-/, ''), unit);
  return value.startsWith('-') ? `−${s}` : value === '0' ? s : `+${s}`;
}

export function formatPercent(value: string | null | undefined): string {
  return value === null || value === undefined ? '' : `${formatDecimal(value)}%`;
}

export function formatGrowth(g: ImpliedGrowth | null, unit: string | null): string {
  if (!g) return '';
  if (g.kind === 'rate') return t('wb.growth.rate', { value: formatDecimal(g.value) });
  if (g.kind === 'points') return t('wb.growth.points', { value: formatDecimal(g.value) });
  return t('wb.growth.absolute', { value: formatDecimal(g.value), unit: unit ?? '' });
}

/** "3,000" / "3000亿元" as typed → the text sent to the core (which parses and validates it). */
export function typedText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.join('、');
  return String(v);
}

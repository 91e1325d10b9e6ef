/** Shared pieces of the analysis tabs: where a finding's cell lives, formatting. */
import type { FindingCell } from '../../../../contract/ops/checks.ts';
import { routeHref } from '../../router.ts';
import { formatDecimal } from '../../i18n/index.ts';


/**
 * The tab that shows a cell: targets grid for district and plan values, clusters for cluster values, etc.
 * (tab ids of screens/planTabs.ts, which lists every one of them; not imported from there, since
 * planTabs imports this feature.)
 */
export function tabFor(cell: FindingCell): { tab: string; focus: string } {
  const focus = new URLSearchParams(cell.focus);
  const row = focus.get('row') ?? '';
  if (cell.area === 'target' && row.startsWith('cluster:')) {
    focus.set('cluster', row.slice('cluster:'.length));
    return { tab: 'clusters', focus: focus.toString() };
  }
  if (cell.area === 'target' && row === 'plan') {
    return { tab: 'indicators', focus: new URLSearchParams({ indicator: focus.get('indicator') ?? '', field: 'targetValue' }).toString() };
  }
  return { tab: { target: 'targets', indicator: 'indicators', task: 'tasks', district: 'overview' }[cell.area], focus: cell.focus };
}

export function cellHref(cell: FindingCell): string {
  const { tab, focus } = tabFor(cell);
  return routeHref({ screen: 'plan', planId: cell.planId, tab, focus });
}

/** "14100" → "14,100"; "-2.11" → "−2.11"; with a leading + when asked. */
export function num(value: string | null | undefined, signed = false): string {
  if (value === null || value === undefined || value === '') return '—';
  const f = formatDecimal(value);
  if (f.startsWith('-')) return `−${f.slice(1)}`;
  return signed && f !== '0' ? `+${f}` : f;
}

export const STATUS_CLASS: Record<string, string> = { 达标: 'an-ok', 预警: 'an-warn', 滞后: 'an-late', 无数据: 'an-nodata' };
export const STATUS_COLOUR: Record<string, string> = { 达标: '#2e7d32', 预警: '#c77700', 滞后: '#b8272c', 无数据: '#9aa5b1' };

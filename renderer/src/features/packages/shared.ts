/** Small helpers of the 报送包 UI: values and rows as the planner reads them, the file download. */
import { hasMessage, t } from '../../i18n/index.ts';
import type { OperationOutput } from '../../../../contract/operations.ts';

export type Preview = OperationOutput<'packagefiles.preview'>;
export type Conflict = Preview['conflicts'][number];
export type Value = Conflict['base'];

export function shown(v: Value | undefined): string {
  if (v === null || v === undefined || v === '') return t('pkg.empty');
  if (Array.isArray(v)) return v.join('、');
  return String(v);
}

/** a row as the core named it (packagefiles.preview labels), else by its id */
export function labelOf(p: Preview, table: string, rowId: string): string {
  const l = p.labels[`${table}/${rowId}`];
  if (!l) return rowId;
  const when = l.year !== undefined ? `${l.year}${l.period ?? ''}` : '';
  return [l.name, when, l.kind ? t(l.kind === 'target' ? 'pkg.valueKind.target' : 'pkg.valueKind.actual') : ''].filter(Boolean).join(' · ');
}

export function fieldLabel(field: string | null): string {
  if (!field) return '';
  const key = `pkg.field.${field}`;
  return hasMessage(key) ? t(key) : field;
}

/** The preview of each place (the plan list, a plan's tab) outlives the app's remount when the language changes. */
const keptPreviews = new Map<string, Preview | null>();
export const keptPreview = (place: string): Preview | null => keptPreviews.get(place) ?? null;
export const keepPreview = (place: string, p: Preview | null): void => void keptPreviews.set(place, p);

export function entityLabel(e: string): string {
  const key = `pkg.entity.${e}`;
  return ['plan', 'plan_district', 'cluster', 'indicator', 'target', 'task', 'comment'].includes(e) ? t(key as 'pkg.entity.plan') : e;
}

// the transfer feature's download and upload helpers, under the names this feature uses
export { downloadBase64 as downloadBytes, readFileBase64 as readBase64 } from '../transfer/jobs.ts';

/** A comment (批注) added or deleted by a package is shown by its text (the row the package carries, as JSON); '' otherwise. */
export function commentBody(table: string, row: unknown): string {
  if (table !== 'comment' || typeof row !== 'string') return '';
  try {
    const body = (JSON.parse(row) as { body?: unknown }).body;
    return typeof body === 'string' ? body : '';
  } catch {
    return '';
  }
}

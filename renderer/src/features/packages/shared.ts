/** Small helpers of the 报送包 UI: values and rows as the planner reads them, the file download. */
import { t } from '../../i18n/index.ts';
import type { OperationOutput } from '../../../../contract/operations.ts';

export type Preview = OperationOutput<'packagefiles.preview'>;
export type Conflict = Preview['conflicts'][number];
export type Value = Conflict['base'];

export function shown(v: Value | undefined): string {
  if (v === null || v === undefined || v === '') return t('pkg.empty');
  if (Array.isArray(v)) return v.join('、');
  return String(v);
}

const LABEL_FIELDS = ['title', 'name', 'content', 'number'];

/** a row named by what a planner knows it by: its title/name/content, or a target's scope, year and kind */
export function rowLabel(row: Record<string, Value> | null | undefined, rowId: string): string {
  if (row) {
    for (const f of LABEL_FIELDS) {
      const v = row[f];
      if (typeof v === 'string' && v) return v.length > 40 ? `${v.slice(0, 40)}…` : v;
    }
    const parts = [row.scope_id, row.year, row.period, row.kind].filter((x) => x !== null && x !== undefined && x !== '');
    if (parts.length) return parts.map(String).join(' · ');
  }
  return rowId;
}

export function entityLabel(e: string): string {
  const key = `pkg.entity.${e}`;
  return ['plan', 'plan_district', 'cluster', 'indicator', 'target', 'task'].includes(e) ? t(key as 'pkg.entity.plan') : e;
}

export function downloadBytes(file: { fileName: string; mimeType: string; dataBase64: string }): void {
  const bin = atob(file.dataBase64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

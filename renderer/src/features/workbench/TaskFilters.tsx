/** The ledger's filters: lead unit, participating unit, district, status, deadline range, overdue, free text. */
import { useEffect, useState } from 'react';
import type { District, Department } from '../../../../contract/entities.ts';
import type { TaskFilter } from '../../../../contract/operations.ts';
import { t } from '../../i18n/index.ts';
import { statusLabel } from './charts.ts';
import { TASK_STATUSES } from '../../../../domain/tasks.ts';

export function TaskFilters(props: { filter: TaskFilter; onChange: (f: TaskFilter) => void; departments: Department[]; districts: District[]; hideDepartments?: boolean }) {
  const { filter, onChange } = props;
  const [search, setSearch] = useState(filter.search ?? '');
  // Typing waits a moment before the ledger asks again.
  useEffect(() => {
    const h = window.setTimeout(() => {
      if ((filter.search ?? '') !== search) onChange({ ...filter, search: search || undefined });
    }, 250);
    return () => window.clearTimeout(h);
  }, [search]);
  const set = (patch: Partial<TaskFilter>) => {
    const next: TaskFilter = { ...filter, ...patch };
    for (const k of Object.keys(next) as (keyof TaskFilter)[]) if (next[k] === '' || next[k] === undefined || (Array.isArray(next[k]) && next[k].length === 0)) delete next[k];
    onChange(next);
  };
  const departmentSelect = (key: 'leadDepartmentId' | 'participatingDepartmentId', label: string) => (
    <label>
      {label}{' '}
      <select value={filter[key] ?? ''} onChange={(e) => set({ [key]: e.target.value || undefined })} data-testid={`filter-${key}`}>
        <option value="">{t('wb.filter.all')}</option>
        {props.departments.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="filters" data-testid="task-filters">
      {!props.hideDepartments && departmentSelect('leadDepartmentId', t('wb.filter.lead'))}
      {!props.hideDepartments && departmentSelect('participatingDepartmentId', t('wb.filter.participating'))}
      <label>
        {t('wb.filter.district')}{' '}
        <select value={filter.districtId ?? ''} onChange={(e) => set({ districtId: e.target.value || undefined })} data-testid="filter-district">
          <option value="">{t('wb.filter.all')}</option>
          {props.districts.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <span className="status-filter" role="group" aria-label={t('wb.filter.status')}>
        {TASK_STATUSES.map((s) => {
          const on = filter.status?.includes(s) ?? false;
          return (
            <button
              key={s}
              type="button"
              className={on ? `status-chip on status-${TASK_STATUSES.indexOf(s)}` : 'status-chip'}
              aria-pressed={on}
              onClick={() => set({ status: on ? filter.status?.filter((x) => x !== s) : [...(filter.status ?? []), s] })}
              data-testid={`filter-status-${s}`}
            >
              {statusLabel(s)}
            </button>
          );
        })}
      </span>
      <label>
        {t('wb.filter.deadline')}{' '}
        <input type="month" value={filter.deadlineFrom ?? ''} onChange={(e) => set({ deadlineFrom: e.target.value || undefined })} data-testid="filter-from" />
        {' — '}
        <input type="month" value={filter.deadlineTo ?? ''} onChange={(e) => set({ deadlineTo: e.target.value || undefined })} data-testid="filter-to" />
      </label>
      <label>
        <input type="checkbox" checked={filter.overdueOnly ?? false} onChange={(e) => set({ overdueOnly: e.target.checked || undefined })} data-testid="filter-overdue" />{' '}
        {t('wb.filter.overdue')}
      </label>
      <input type="search" className="search" placeholder={t('wb.filter.search')} value={search} onChange={(e) => setSearch(e.target.value)} data-testid="filter-search" />
    </div>
  );
}

/**
 * The ledger's filters: lead unit, participating unit, district, status, deadline range, overdue, free text.
 * The unit and district lists put the plan's own first, each with its task count (tasks.facets), the others
 * after; the deadline range offers the months of the plan period, labelled in the UI's language.
 */
import { useEffect, useState } from 'react';
import type { District, Department } from '../../../../contract/entities.ts';
import type { TaskFilter } from '../../../../contract/operations.ts';
import { t } from '../../i18n/index.ts';
import { statusLabel } from './charts.ts';
import { TASK_STATUSES } from '../../../../domain/tasks.ts';
import { useTaskFacets } from './facets.ts';
import { MonthSelect } from './MonthSelect.tsx';

interface Choice {
  id: string;
  name: string;
  count: number;
}

/** <option>s of a filter list: the plan's own (count > 0) first, most tasks first, then the others. */
function ChoiceOptions({ choices }: { choices: Choice[] }) {
  const own = choices.filter((c) => c.count > 0).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh-CN'));
  const others = choices.filter((c) => c.count === 0);
  return (
    <>
      <optgroup label={t('wb.filter.inPlan')} data-testid="filter-group-plan">
        {own.map((c) => (
          <option key={c.id} value={c.id}>
            {t('wb.filter.withCount', { name: c.name, count: c.count })}
          </option>
        ))}
      </optgroup>
      {others.length > 0 && (
        <optgroup label={t('wb.filter.notInPlan')} data-testid="filter-group-others">
          {others.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </optgroup>
      )}
    </>
  );
}

export function TaskFilters(props: { planId: string; filter: TaskFilter; onChange: (f: TaskFilter) => void; departments: Department[]; districts: District[]; hideDepartments?: boolean }) {
  const { filter, onChange } = props;
  const facets = useTaskFacets(props.planId);
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
  const departmentSelect = (key: 'leadDepartmentId' | 'participatingDepartmentId', label: string) => {
    const role = key === 'leadDepartmentId' ? 'lead' : 'participating';
    const counts = new Map(facets?.departments.map((d) => [d.departmentId, d[role]]) ?? []);
    return (
      <label>
        {label}{' '}
        <select value={filter[key] ?? ''} onChange={(e) => set({ [key]: e.target.value || undefined })} data-testid={`filter-${key}`}>
          <option value="">{t('wb.filter.all')}</option>
          <ChoiceOptions choices={props.departments.map((u) => ({ id: u.id, name: u.name, count: counts.get(u.id) ?? 0 }))} />
        </select>
      </label>
    );
  };
  const districtCounts = new Map(facets?.districts.map((d) => [d.districtId, d.count]) ?? []);
  return (
    <div className="filters" data-testid="task-filters">
      {!props.hideDepartments && departmentSelect('leadDepartmentId', t('wb.filter.lead'))}
      {!props.hideDepartments && departmentSelect('participatingDepartmentId', t('wb.filter.participating'))}
      <label>
        {t('wb.filter.district')}{' '}
        <select value={filter.districtId ?? ''} onChange={(e) => set({ districtId: e.target.value || undefined })} data-testid="filter-district">
          <option value="">{t('wb.filter.all')}</option>
          <ChoiceOptions choices={props.districts.map((d) => ({ id: d.id, name: d.name, count: districtCounts.get(d.id) ?? 0 }))} />
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
      <span className="deadline-filter" role="group" aria-label={t('wb.filter.deadline')}>
        {t('wb.filter.deadline')}{' '}
        <MonthSelect value={filter.deadlineFrom} onChange={(v) => set({ deadlineFrom: v })} period={facets} placeholder={t('wb.filter.fromAny')} label={t('wb.filter.from')} testId="filter-from" />
        {' — '}
        <MonthSelect value={filter.deadlineTo} onChange={(v) => set({ deadlineTo: v })} period={facets} placeholder={t('wb.filter.toAny')} label={t('wb.filter.to')} testId="filter-to" />
      </span>
      <label>
        <input type="checkbox" checked={filter.overdueOnly ?? false} onChange={(e) => set({ overdueOnly: e.target.checked || undefined })} data-testid="filter-overdue" />{' '}
        {t('wb.filter.overdue')}
      </label>
      <input type="search" className="search" placeholder={t('wb.filter.search')} value={search} onChange={(e) => setSearch(e.target.value)} data-testid="filter-search" />
    </div>
  );
}

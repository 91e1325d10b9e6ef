/** 部门视图: every task a department leads or helps with, with its own status charts. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { call } from '../../api/client.ts';
import { notifyError } from '../../notify.tsx';
import { t } from '../../i18n/index.ts';
import type { PlanTabProps } from '../../screens/planTabs.ts';
import type { TaskStats } from '../../../../contract/ops/tasks.ts';
import { parseFocus } from './data.ts';
import { useChanges } from '../../api/changes.ts';
import { TaskLedger } from './TaskLedger.tsx';
import { createPortal } from 'react-dom';
import { DepartmentCatalog } from './DepartmentCatalog.tsx';
import { FenguanLeaders, LeadersPanel, useLeaders } from '../departments/index.ts';

export function DepartmentsTab({ planId, focus }: PlanTabProps) {
  const f = useMemo(() => parseFocus(focus), [focus]);
  const [stats, setStats] = useState<TaskStats | null>(null);
  const [departmentId, setDepartmentId] = useState<string | null>(f.get('unit'));
  const [query, setQuery] = useState('');
  const [managing, setManaging] = useState(false);
  const [showLeaders, setShowLeaders] = useState(false);
  const { byDepartment } = useLeaders();
  const load = useCallback(() => {
    call('tasks.stats', { planId }).then(setStats).catch(notifyError);
  }, [planId]);
  useEffect(load, [load]);
  // The department list counts tasks: asked again when tasks or departments change.
  useChanges(['tasks', 'departments'], (c) => {
    if (c.everything || c.departments !== undefined || c.planId === planId) load();
  });
  const departments = stats?.byDepartment ?? [];
  const chosen = departmentId ?? departments[0]?.departmentId ?? null;
  const current = departments.find((u) => u.departmentId === chosen);
  const shown = departments.filter((u) => !query.trim() || u.name.includes(query.trim()));
  const manage = (
    <>
      <button type="button" onClick={() => setManaging(true)} data-testid="dept-manage">
        {t('cat.dept.manage')}
      </button>
      {managing && createPortal(<DepartmentCatalog planId={planId} onClose={() => setManaging(false)} />, document.body)}{' '}
      <button type="button" onClick={() => setShowLeaders(true)} data-testid="leaders-open">
        {t('ldr.open')}
      </button>
      {showLeaders && createPortal(<LeadersPanel onClose={() => setShowLeaders(false)} />, document.body)}
    </>
  );
  if (!stats) return <p className="muted">{t('app.loading')}</p>;
  if (departments.length === 0)
    return (
      <div>
        <p className="muted">{t('wb.dept.none')}</p>
        {manage}
      </div>
    );
  return (
    <div className="departments">
      <aside className="dept-list card" data-testid="dept-list">
        {manage}
        <input type="search" placeholder={t('wb.dept.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
        <ul>
          {shown.map((u) => (
            <li key={u.departmentId}>
              <button type="button" className={u.departmentId === chosen ? 'active' : ''} onClick={() => setDepartmentId(u.departmentId)} data-testid={`dept-${u.name}`}>
                <span className="dept-name">{u.name}</span>
                <span className="muted small">{t('wb.dept.counts', { lead: u.lead, participating: u.participating })}</span>
                {byDepartment.has(u.departmentId) && (
                  <span className="muted small dept-leader">
                    <FenguanLeaders leaders={byDepartment.get(u.departmentId)} />
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <section className="dept-main">
        {current && (
          <h2 data-testid="dept-heading">
            {current.name} <span className="muted small">{t('wb.dept.summary', { lead: current.lead, participating: current.participating })}</span>
            <span className="small dept-heading-leader" data-testid="dept-heading-leader">
              {t('ldr.inHeading')}
              <FenguanLeaders leaders={byDepartment.get(current.departmentId)} />
            </span>
          </h2>
        )}
        {chosen && <TaskLedger key={chosen} planId={planId} fixedDepartmentId={chosen} focus={f} testId="dept-tasks-grid" />}
      </section>
    </div>
  );
}

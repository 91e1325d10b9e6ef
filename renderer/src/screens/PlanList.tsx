import { useState } from 'react';
import { useQuery } from '../api/useQuery.ts';
import { ALL_DOMAINS } from '../api/changes.ts';
import { call } from '../api/client.ts';
import { t } from '../i18n/index.ts';
import { notify, notifyError } from '../notify.tsx';
import { routeHref } from '../router.ts';
import type { PlanSummary } from '../../../contract/entities.ts';
import { NewPlanDialog } from '../features/authoring/NewPlanDialog.tsx';
import { DraftFromDocument } from '../features/drafting/DraftFromDocument.tsx';
import { runJob } from '../features/transfer/jobs.ts';
import { setPlanGone, usePlanGone, type PlanGone } from './planGone.ts';
import { PlanListImport } from '../features/packages/index.ts'; // s6-ui15
import { Dialog } from '../components/Dialog.tsx';
import { Pending } from '../components/Pending.tsx';

/** What a plan holds, as the list shows it: only the parts it has (26号, split by 片区 only, is not “0 个区县”). */
function planContents(p: PlanSummary): string {
  const parts: [number, 'author.count.districts' | 'author.count.areas' | 'author.count.clusters' | 'author.count.indicators' | 'author.count.tasks'][] = [
    [p.districtCount, 'author.count.districts'],
    [p.areaCount, 'author.count.areas'],
    [p.clusterCount, 'author.count.clusters'],
    [p.indicatorCount, 'author.count.indicators'],
    [p.taskCount, 'author.count.tasks'],
  ];
  const shown = parts.filter(([n]) => n > 0).map(([count, key]) => t(key, { count }));
  return shown.length ? shown.join(' · ') : t('author.count.none');
}

/** A copy's link to the plan it was made from (plans.create copyFrom), under its title. */
function PlanOrigin({ originId, plans }: { originId: string; plans: PlanSummary[] }) {
  // an archived or deleted origin is not in the list: its header card (概览) still names it
  const origin = plans.find((o) => o.id === originId);
  if (!origin) return null;
  const label = `${origin.docNumber ? `${origin.docNumber} ` : ''}${origin.title}`;
  return (
    <div className="small muted" data-testid={`origin-${originId}`}>
      <a href={routeHref({ screen: 'plan', planId: origin.id, tab: 'overview', focus: '' })}>{t('author.originOf', { title: label })}</a>
    </div>
  );
}

/** The plan list: open a plan; 新建规划 (blank or a copy), archive/unarchive, delete (confirmed, undoable right after). */
export function PlanList() {
  const [showArchived, setShowArchived] = useState(false);
  const list = useQuery('plans.list', { includeArchived: showArchived }, ALL_DOMAINS);
  const { data } = list;
  const info = useQuery('app.info', {});
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<PlanSummary | null>(null);
  const [deleted, setDeleted] = useState<{ planId: string; title: string } | null>(null);
  const gone = usePlanGone();
  const readonly = info.data?.readonly ?? true;
  // not an empty list while it has not come (a host that does not answer is not a file without plans)
  if (!data) return <Pending query={list} />;
  const plans = data ?? [];

  const archive = (p: PlanSummary) =>
    call(p.archivedAt ? 'plans.unarchive' : 'plans.archive', { planId: p.id })
      .then((r) => notify('info', t(r.archivedAt ? 'author.archived' : 'author.unarchived', { title: r.title })))
      .catch(notifyError);
  const remove = (p: PlanSummary) =>
    // a job (plans.deleteStart): a plan of 100,000 tasks is deleted without holding the host
    runJob('plans.deleteStart', { planId: p.id })
      .then((s) => {
        setDeleting(null);
        if (s.deleted) setDeleted({ planId: s.deleted.planId, title: s.deleted.title });
      })
      .catch(notifyError);
  const undoDelete = (d: { planId: string; title: string }) =>
    // a job too (plans.undeleteStart): putting a 100,000-task plan back is as long as deleting it
    runJob('plans.undeleteStart', { planId: d.planId })
      .then(() => {
        setDeleted(null);
        notify('info', t('author.restored', { title: d.title }));
      })
      .catch(notifyError);

  // s6-auth14a: the plan's creation undone while it was on screen: redo brings it back and opens it
  const redoCreation = (g: PlanGone) =>
    call('history.redo', { planId: g.planId })
      .then(() => {
        setPlanGone(null);
        window.location.hash = routeHref({ screen: 'plan', planId: g.planId, tab: 'overview', focus: '' });
      })
      .catch(notifyError);

  return (
    <section>
      <h1>{t('plans.heading')}</h1>
      {gone && (
        <p className="notice-bar" role="status" data-testid="plan-gone-bar">
          {gone.redoLabel ? t('author.creationUndone', { label: gone.redoLabel }) : t('author.planGone')}{' '}
          {gone.redoLabel && !readonly && (
            <button type="button" onClick={() => void redoCreation(gone)} data-testid="redo-creation">
              {t('author.redoCreation')}
            </button>
          )}{' '}
          <button type="button" className="small" onClick={() => setPlanGone(null)}>
            {t('author.dismiss')}
          </button>
        </p>
      )}
      <p className="plan-list-tools">
        {!readonly && (
          <button type="button" onClick={() => setCreating(true)} data-testid="new-plan">
            {t('author.newPlan')}
          </button>
        )}{' '}
        {!readonly && <DraftFromDocument />}{' '}
        {!readonly && <PlanListImport />}{' '}
        <label className="small">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} data-testid="show-archived" /> {t('author.showArchived')}
        </label>
      </p>
      {deleted && (
        <p className="notice-bar" role="status" data-testid="deleted-bar">
          {t('author.deleted', { title: deleted.title })}{' '}
          <button type="button" onClick={() => void undoDelete(deleted)} data-testid="undo-delete">
            {t('author.undoDelete')}
          </button>{' '}
          <button type="button" className="small" onClick={() => setDeleted(null)}>
            {t('author.dismiss')}
          </button>
        </p>
      )}
      {plans.length === 0 ? (
        <p className="muted empty-state" data-testid="plans-empty">
          {showArchived ? t('plans.empty') : t('author.emptyFile')}
        </p>
      ) : (
        <table className="table plan-list" data-testid="plan-list">
          <thead>
            <tr>
              <th>{t('plans.col.docNumber')}</th>
              <th>{t('plans.col.title')}</th>
              <th>{t('plans.col.issuer')}</th>
              <th>{t('plans.col.issueDate')}</th>
              <th>{t('plans.col.period')}</th>
              <th>{t('plans.col.contents')}</th>
              {!readonly && <th>{t('author.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {plans.map((p) => (
              <tr key={p.id} data-plan={p.id} className={p.archivedAt ? 'archived' : undefined}>
                <td className="nowrap">{p.docNumber}</td>
                <td>
                  <a href={routeHref({ screen: 'plan', planId: p.id, tab: 'overview', focus: '' })}>{p.title}</a>
                  {p.archivedAt && <span className="badge archived-badge">{t('author.archivedBadge')}</span>}
                  {p.originPlanId && <PlanOrigin originId={p.originPlanId} plans={plans} />}
                </td>
                <td>{p.issuer}</td>
                <td className="nowrap">{p.issueDate}</td>
                <td className="nowrap">{t('overview.periodValue', { start: p.periodStart, end: p.periodEnd })}</td>
                <td className="muted" data-testid={`contents-${p.id}`}>
                  {planContents(p)}
                </td>
                {!readonly && (
                  <td className="nowrap">
                    <button type="button" className="small" onClick={() => void archive(p)} data-testid={`archive-${p.id}`}>
                      {p.archivedAt ? t('author.unarchive') : t('author.archive')}
                    </button>{' '}
                    <button type="button" className="small danger" onClick={() => setDeleting(p)} data-testid={`delete-${p.id}`}>
                      {t('author.delete')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating && (
        <NewPlanDialog
          plans={plans}
          onDone={(id) => {
            setCreating(false);
            if (id) window.location.hash = routeHref({ screen: 'plan', planId: id, tab: 'overview', focus: '' });
          }}
        />
      )}
      {deleting && (
        <Dialog label={t('author.deleteTitle', { title: deleting.title })} testId="delete-dialog" onEscape={() => setDeleting(null)}>
          <h2>{t('author.deleteTitle', { title: deleting.title })}</h2>
          <p>{t('author.deleteBody', { districts: deleting.districtCount, clusters: deleting.clusterCount, indicators: deleting.indicatorCount, tasks: deleting.taskCount })}</p>
          <p className="dialog-actions">
            <button type="button" onClick={() => setDeleting(null)} autoFocus data-testid="delete-cancel">
              {t('author.cancel')}
            </button>{' '}
            <button type="button" className="danger" onClick={() => void remove(deleting)} data-testid="delete-confirm">
              {t('author.deleteConfirm')}
            </button>
          </p>
        </Dialog>
      )}
    </section>
  );
}

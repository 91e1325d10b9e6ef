/** 概览's header card: the plan's header as read, and a form to edit it (plans.update). */
import './authoring.css';
import { useState } from 'react';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { t } from '../../i18n/index.ts';
import { notify, notifyError } from '../../notify.tsx';
import { routeHref } from '../../router.ts';
import type { PlanHeader } from '../../../../contract/entities.ts';
import { HeaderFields, draftOf, headerOf, problemsOf, type HeaderDraft, type Problems } from './HeaderFields.tsx';

export function PlanHeaderCard({ plan, taskCount }: { plan: PlanHeader; taskCount: number }) {
  const [draft, setDraft] = useState<HeaderDraft | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const plans = useQuery('plans.list', { includeArchived: true });
  // the origin is "deleted" only once the list has come: until then it is not known yet
  const origin = plan.originPlanId ? plans.data?.find((p) => p.id === plan.originPlanId) : undefined;

  const save = (d: HeaderDraft) => {
    const h = headerOf(d);
    if ('problems' in h) return setProblems(h.problems);
    setBusy(true);
    call('plans.update', { planId: plan.id, patch: h.header })
      .then(() => {
        notify('info', t('author.saved'));
        setDraft(null);
        setProblems({});
      })
      .catch((err: unknown) => {
        setProblems(problemsOf(err));
        notifyError(err);
      })
      .finally(() => setBusy(false));
  };

  if (draft) {
    return (
      <section className="card plan-header" data-testid="plan-header">
        <form
          data-testid="header-form"
          onSubmit={(e) => {
            e.preventDefault();
            save(draft);
          }}
        >
          <h2>{t('author.editHeader')}</h2>
          <HeaderFields draft={draft} onChange={setDraft} problems={problems} idPrefix="header" />
          <p className="dialog-actions">
            <button type="button" onClick={() => (setDraft(null), setProblems({}))} disabled={busy} data-testid="header-cancel">
              {t('author.cancel')}
            </button>{' '}
            <button type="submit" disabled={busy} data-testid="header-save">
              {t('author.save')}
            </button>
          </p>
        </form>
      </section>
    );
  }
  return (
    <section className="card plan-header" data-testid="plan-header">
      <h1>
        {plan.title}
        {plan.archivedAt && <span className="badge archived-badge">{t('author.archivedBadge')}</span>}
      </h1>
      <dl className="header-grid">
        <dt>{t('overview.docNumber')}</dt>
        <dd>{plan.docNumber}</dd>
        <dt>{t('overview.issuer')}</dt>
        <dd>{plan.issuer}</dd>
        <dt>{t('overview.issueDate')}</dt>
        <dd>{plan.issueDate}</dd>
        <dt>{t('overview.period')}</dt>
        <dd>{t('overview.periodValue', { start: plan.periodStart, end: plan.periodEnd })}</dd>
        <dt>{t('overview.taskCount')}</dt>
        <dd data-testid="task-count">{taskCount}</dd>
        <dt>{t('overview.source')}</dt>
        <dd className="muted">{plan.source}</dd>
        {plan.originPlanId && (
          <>
            <dt>{t('author.origin')}</dt>
            <dd data-testid="plan-origin">
              {origin ? <a href={routeHref({ screen: 'plan', planId: origin.id, tab: 'overview', focus: '' })}>{origin.title}</a> : plans.data ? t('author.originGone') : '…'}
            </dd>
          </>
        )}
      </dl>
      <p className="dialog-actions">
        <button type="button" onClick={() => setDraft(draftOf(plan))} data-testid="header-edit">
          {t('author.editHeader')}
        </button>
      </p>
    </section>
  );
}

/**
 * 概览's 区县 section: the plan's districts with their targets and industries, chosen from the common
 * list (one, or a whole group: "添加全部渝西"), removed after a confirmation when the core says the
 * district holds target values or tasks (plans.removeDistricts refuses with NEEDS_CONFIRMATION; the
 * dialog lists what would go, from plans.districtUse, then the confirmed call). Both undoable.
 */
import './authoring.css';
import { useMemo, useState } from 'react';
import { ApiCallError, call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { t } from '../../i18n/index.ts';
import { notify, notifyError } from '../../notify.tsx';
import { TargetList } from '../../components/TargetList.tsx';
import type { Indicator, PlanOverview } from '../../../../contract/entities.ts';
import type { DistrictUse } from '../../../../contract/ops/plans.ts';
import { Dialog } from '../../components/Dialog.tsx';

const GROUP_ORDER = ['中心城区', '主城新区', '渝西', '渝东北', '渝东南'];

export function PlanDistrictsCard({ data, indicators, readonly }: { data: PlanOverview; indicators: Map<string, Indicator>; readonly: boolean }) {
  const planId = data.plan.id;
  const all = useQuery('districts.list', {});
  const [pick, setPick] = useState('');
  const [confirming, setConfirming] = useState<DistrictUse | null>(null);
  const inPlan = useMemo(() => new Set(data.districts.map((d) => d.id)), [data.districts]);
  const choices = (all.data ?? []).filter((d) => !inPlan.has(d.id));
  const groups = useMemo(() => {
    const found = new Set((all.data ?? []).filter((d) => d.kind !== 'area').flatMap((d) => d.groups));
    return [...GROUP_ORDER.filter((g) => found.has(g)), ...[...found].filter((g) => !GROUP_ORDER.includes(g)).sort()];
  }, [all.data]);

  const add = (input: { districtIds?: string[]; groups?: string[] }) =>
    call('plans.addDistricts', { planId, ...input })
      .then((r) => {
        notify('info', r.added.length ? t('author.added', { count: r.added.length }) : t('author.addedNone'));
        setPick('');
      })
      .catch(notifyError);

  const remove = (districtId: string, name: string, confirm: boolean) =>
    call('plans.removeDistricts', { planId, districtIds: [districtId], confirm })
      .then(() => {
        setConfirming(null);
        notify('info', t('author.removed', { name }));
      })
      .catch((err: unknown) => {
        if (err instanceof ApiCallError && err.error.code === 'NEEDS_CONFIRMATION') {
          call('plans.districtUse', { planId, districtIds: [districtId] })
            .then((use) => setConfirming(use[0] ?? null))
            .catch(notifyError);
        } else notifyError(err);
      });

  return (
    <section className="card" data-testid="districts-card">
      <h2>{t('overview.districts')}</h2>
      {!readonly && (
        <div className="district-add" data-testid="district-add">
          <select value={pick} onChange={(e) => setPick(e.target.value)} aria-label={t('author.addDistrict')} data-testid="district-pick">
            <option value="">{t('author.pickDistrict')}</option>
            {choices.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} · {t(`author.kind.${d.kind}`)}
              </option>
            ))}
          </select>{' '}
          <button type="button" disabled={!pick} onClick={() => void add({ districtIds: [pick] })} data-testid="district-add-one">
            {t('author.addOne')}
          </button>
          <span className="muted small"> {t('author.addGroupHint')} </span>
          {groups.map((g) => (
            <button key={g} type="button" className="small" onClick={() => void add({ groups: [g] })} data-testid={`district-add-group-${g}`}>
              {t('author.addGroup', { group: g })}
            </button>
          ))}
        </div>
      )}
      {data.districts.length === 0 ? (
        <p className="muted" data-testid="no-districts">
          {data.areas.length > 0 ? t('overview.areasOnly', { count: data.areas.length }) : t('overview.noDistricts')}
        </p>
      ) : (
        <table className="table" data-testid="district-table">
          <thead>
            <tr>
              <th>{t('overview.col.district')}</th>
              <th>{t('author.col.groups')}</th>
              <th>{t('overview.col.target')}</th>
              <th>{t('overview.col.priority')}</th>
              <th>{t('overview.col.featured')}</th>
              {!readonly && <th>{t('author.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {data.districts.map((d) => (
              <tr key={d.id} data-district={d.id}>
                <td className="nowrap">
                  {d.name}
                  {d.kind === 'area' && <span className="badge" data-testid={`area-badge-${d.id}`}> {t('author.kind.area')}</span>}
                </td>
                <td className="small nowrap">{d.groups.join(' / ')}</td>
                <td>
                  <TargetList targets={d.targets} indicators={indicators} />
                </td>
                <td className="small">{d.priorityIndustries.join('、')}</td>
                <td className="small">{d.featuredIndustries.join('、')}</td>
                {!readonly && (
                  <td className="nowrap">
                    <button type="button" className="small" onClick={() => void remove(d.id, d.name, false)} data-testid={`district-remove-${d.id}`}>
                      {t('author.remove')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming && (
        <Dialog label={t('author.removeTitle', { name: confirming.name })} testId="district-remove-dialog" onEscape={() => setConfirming(null)}>
          <h2>{t('author.removeTitle', { name: confirming.name })}</h2>
          <p>{t('author.removeBody', { name: confirming.name, targets: confirming.targets, tasks: confirming.tasks })}</p>
          <p className="dialog-actions">
            <button type="button" onClick={() => setConfirming(null)} autoFocus data-testid="district-remove-cancel">
              {t('author.cancel')}
            </button>{' '}
            <button type="button" className="danger" onClick={() => void remove(confirming.districtId, confirming.name, true)} data-testid="district-remove-confirm">
              {t('author.removeConfirm')}
            </button>
          </p>
        </Dialog>
      )}
    </section>
  );
}

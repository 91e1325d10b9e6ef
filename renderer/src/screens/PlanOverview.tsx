import { useMemo } from 'react';
import { useQuery } from '../api/useQuery.ts';
import { ALL_DOMAINS } from '../api/changes.ts';
import { formatDecimal, t } from '../i18n/index.ts';
import { TargetList } from '../components/TargetList.tsx';
import { PlanHeaderCard } from '../features/authoring/PlanHeaderCard.tsx';
import { HistoryBar } from '../features/workbench/HistoryBar.tsx';
import { PlanDistrictsCard } from '../features/authoring/PlanDistrictsCard.tsx';
import { Pending } from '../components/Pending.tsx';

export function PlanOverview({ planId }: { planId: string }) {
  const plan = useQuery('plans.get', { planId }, ALL_DOMAINS);
  const { data } = plan;
  const info = useQuery('app.info', {});
  const readonly = info.data?.readonly ?? true;
  const indicators = useMemo(() => new Map((data?.indicators ?? []).map((i) => [i.id, i])), [data]);
  if (!data) return <Pending query={plan} />;
  const p = data.plan;
  return (
    <div className="overview">
      {!readonly && (
        <p className="overview-tools">
          <HistoryBar planId={planId} />
        </p>
      )}
      <PlanHeaderCard plan={p} taskCount={data.taskCount} />
      <PlanDistrictsCard data={data} indicators={indicators} readonly={readonly} />

      {data.areas.length > 0 && (
        // 片区 (中心城区, 主城新区, “两群”地区) are not districts: named and counted as areas (district kind 'area', from the core).
        <section className="card">
          <h2 data-testid="areas-title">{t('overview.areas', { count: data.areas.length })}</h2>
          <table className="table" data-testid="area-table">
            <thead>
              <tr>
                <th>{t('overview.col.area')}</th>
                <th>{t('overview.col.target')}</th>
              </tr>
            </thead>
            <tbody>
              {data.areas.map((a) => (
                <tr key={a.id}>
                  <td className="nowrap">{a.name}</td>
                  <td>
                    <TargetList targets={a.targets} indicators={indicators} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section className="card">
        <h2>{t('overview.clusters')}</h2>
        {data.clusters.length === 0 ? (
          <p className="muted">{t('overview.noClusters')}</p>
        ) : (
          <table className="table" data-testid="cluster-table">
            <thead>
              <tr>
                <th>{t('overview.col.cluster')}</th>
                <th>{t('overview.col.target')}</th>
              </tr>
            </thead>
            <tbody>
              {data.clusters.map((c) => (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  <td>
                    <TargetList targets={c.targets} indicators={indicators} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {data.indicators.length > 0 && (
        <section className="card">
          <h2>{t('overview.indicators')}</h2>
          <table className="table" data-testid="indicator-table">
            <thead>
              <tr>
                <th>{t('overview.col.category')}</th>
                <th>{t('overview.col.indicator')}</th>
                <th>{t('overview.col.unit')}</th>
                <th>{t('overview.col.attribute')}</th>
                <th>{t('overview.col.baseline')}</th>
                <th>{t('overview.col.targetValue')}</th>
                <th>{t('overview.col.statedGrowth')}</th>
              </tr>
            </thead>
            <tbody>
              {data.indicators.map((i) => (
                <tr key={i.id}>
                  <td className="small">{i.category}</td>
                  <td>{i.name}</td>
                  <td className="nowrap">{i.unit}</td>
                  <td className="nowrap">{i.attribute}</td>
                  <td className="num">
                    {i.baselineYear ? t('ov.yearValue', { year: i.baselineYear }) : ''}
                    {i.baselineText ?? formatDecimal(i.baselineValue)}
                  </td>
                  <td className="num">
                    {i.targetYear ? t('ov.yearValue', { year: i.targetYear }) : ''}
                    {i.targetText ?? formatDecimal(i.targetValue)}
                  </td>
                  <td className="num">{i.statedGrowthText}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

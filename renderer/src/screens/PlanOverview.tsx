import { useMemo } from 'react';
import { useQuery } from '../api/useQuery.ts';
import { ALL_DOMAINS } from '../api/changes.ts';
import { formatDecimal, t } from '../i18n/index.ts';
import { TargetList } from '../components/TargetList.tsx';

export function PlanOverview({ planId }: { planId: string }) {
  const { data } = useQuery('plans.get', { planId }, ALL_DOMAINS);
  const indicators = useMemo(() => new Map((data?.indicators ?? []).map((i) => [i.id, i])), [data]);
  if (!data) return <p className="muted">{t('app.loading')}</p>;
  const p = data.plan;
  return (
    <div className="overview">
      <section className="card plan-header" data-testid="plan-header">
        <h1>{p.title}</h1>
        <dl className="header-grid">
          <dt>{t('overview.docNumber')}</dt>
          <dd>{p.docNumber}</dd>
          <dt>{t('overview.issuer')}</dt>
          <dd>{p.issuer}</dd>
          <dt>{t('overview.issueDate')}</dt>
          <dd>{p.issueDate}</dd>
          <dt>{t('overview.period')}</dt>
          <dd>{t('overview.periodValue', { start: p.periodStart, end: p.periodEnd })}</dd>
          <dt>{t('overview.taskCount')}</dt>
          <dd data-testid="task-count">{data.taskCount}</dd>
          <dt>{t('overview.source')}</dt>
          <dd className="muted">{p.source}</dd>
        </dl>
      </section>

      <section className="card">
        <h2>{t('overview.districts')}</h2>
        {data.districts.length === 0 ? (
          <p className="muted" data-testid="no-districts">{data.areas.length > 0 ? t('overview.areasOnly', { count: data.areas.length }) : t('overview.noDistricts')}</p>
        ) : (
          <table className="table" data-testid="district-table">
            <thead>
              <tr>
                <th>{t('overview.col.district')}</th>
                <th>{t('overview.col.target')}</th>
                <th>{t('overview.col.priority')}</th>
                <th>{t('overview.col.featured')}</th>
              </tr>
            </thead>
            <tbody>
              {data.districts.map((d) => (
                <tr key={d.id}>
                  <td className="nowrap">{d.name}</td>
                  <td>
                    <TargetList targets={d.targets} indicators={indicators} />
                  </td>
                  <td className="small">{d.priorityIndustries.join('、')}</td>
                  <td className="small">{d.featuredIndustries.join('、')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {data.areas.length > 0 && (
        // 片区 (中心城区, 主城新区, “两群”地区) are not districts: named and counted as areas (districts without a code).
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

/**
 * The printable report: plan summary, district ranking, charts, overdue tasks grouped by lead
 * department, consistency findings. One layout for the screen, the browser's print and the desktop
 * app's printToPDF (print CSS in transfer.css); `data-report-ready` tells the PDF maker when to print.
 */
import { useEffect, useRef, useState } from 'react';
import * as echarts from 'echarts';
import { call } from '../../api/client.ts';
import { notifyError } from '../../notify.tsx';
import { formatDecimal, t } from '../../i18n/index.ts';
import { routeHref } from '../../router.ts';
import type { PlanOverview, Task } from '../../../../contract/entities.ts';
import { districtChart, districtSeries, statusChart, type ChartOption } from '../../../../charts/report.ts';
import { ReportAuthor } from '../identity/ReportAuthor.tsx';
import { TASK_STATUSES } from '../../../../domain/tasks.ts';
import type { RankingOut } from '../../../../contract/ops/export.ts';
import { statusLabel } from '../workbench/charts.ts';
import type { Finding } from '../../../../contract/ops/checks.ts';
import { findingMessage, findingTitle } from '../../i18n/findings.ts';
import { localizedError } from '../../i18n/errors.ts';

type Period = RankingOut['period'];
const PERIODS: readonly Period[] = ['', 'Q1', 'Q2', 'Q3', 'Q4'];
const periodWord = (p: Period) => t(`rp.period.${p}`);
/** A stored status in the reader's language. */
const statusText = (s: string) => {
  const known = TASK_STATUSES.find((x) => x === s);
  return known ? statusLabel(known) : s;
};

interface ReportData {
  plan: PlanOverview;
  counts: Record<string, number>;
  overdue: Task[];
  overdueTotal: number;
  ranking: RankingOut | null;
  findings: Finding[] | null;
}

async function load(planId: string): Promise<ReportData> {
  const plan = await call('plans.get', { planId });
  const counts: Record<string, number> = {};
  for (const s of TASK_STATUSES) counts[s] = (await call('tasks.list', { planId, filter: { status: [s] }, limit: 1 })).total;
  const overdue = await call('tasks.list', { planId, filter: { overdueOnly: true }, sort: 'deadline', limit: 5000 });
  const series = districtSeries(plan);
  // The core picks the latest period with actuals (else the last target year) and ranks by target only where the period has no actuals.
  const ranking = series ? await call('export.ranking', { indicatorId: series.indicatorId }) : null;
  let findings: ReportData['findings'] = null;
  try {
    findings = (await call('checks.run', { planId })).findings;
  } catch {
    findings = null;
  }
  return { plan, counts, overdue: overdue.rows, overdueTotal: overdue.total, ranking, findings };
}

function ReportChart({ option, testId }: { option: ChartOption; testId: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'svg', width: 640, height: 300 });
    c.setOption(option);
    return () => c.dispose();
  }, [option]);
  return <div ref={el} className="report-chart" data-testid={testId} />;
}

function groupByLead(tasks: Task[]): [string, Task[]][] {
  const groups = new Map<string, Task[]>();
  for (const task of tasks) {
    const leads = task.leadDepartments.length ? task.leadDepartments.map((u) => u.name) : [t('rp.noLead')];
    for (const lead of leads) groups.set(lead, [...(groups.get(lead) ?? []), task]);
  }
  return [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0], 'zh-CN'));
}

function rankingTitle(r: RankingOut): string {
  const vars = { year: r.year, indicator: r.indicatorName, period: periodWord(r.period) };
  return t(r.byActual ? 'rp.rankingByCompletionPeriod' : 'rp.rankingByTargetPeriod', vars);
}

/** Year and quarter of the ranking: every year of the indicator × 全年/Q1…Q4; those with actuals say so. */
function PeriodSelect({ ranking, onChange }: { ranking: RankingOut; onChange: (year: number, period: Period) => void }) {
  const has = new Set(ranking.periods.map((p) => `${p.year}|${p.period}`));
  return (
    <label className="no-print">
      {t('rp.periodChoice')}{' '}
      <select
        value={`${ranking.year}|${ranking.period}`}
        data-testid="report-period"
        onChange={(e) => {
          const [y, p] = e.target.value.split('|');
          onChange(Number(y), (PERIODS.find((x) => x === p) ?? '') satisfies Period);
        }}
      >
        {ranking.years.flatMap((year) =>
          PERIODS.map((period) => (
            <option key={`${year}|${period}`} value={`${year}|${period}`}>
              {t('rp.periodOption', { year, period: periodWord(period) })}
              {has.has(`${year}|${period}`) ? t('rp.periodHasActuals') : ''}
            </option>
          )),
        )}
      </select>
    </label>
  );
}

export function ReportPage({ planId }: { planId: string }) {
  const [data, setData] = useState<ReportData | null>(null);
  useEffect(() => {
    load(planId).then(setData).catch((e: unknown) => notifyError(localizedError(e)));
  }, [planId]);
  const choosePeriod = (year: number, period: Period) => {
    if (!data?.ranking) return;
    call('export.ranking', { indicatorId: data.ranking.indicatorId, year, period })
      .then((ranking) => setData((d) => (d ? { ...d, ranking } : d)))
      .catch((e: unknown) => notifyError(localizedError(e)));
  };
  if (!data) return <div className="report" data-testid="report" />;
  const p = data.plan.plan;
  const series = districtSeries(data.plan);
  const overdueTotal = data.overdueTotal;
  // rp.status names the statuses in TASK_STATUSES order: {a} 未开始 … {d} 滞后
  const statusCount = (i: number) => data.counts[TASK_STATUSES[i] ?? ''] ?? 0;
  const levels: Record<string, string> = { error: t('rp.error'), warning: t('rp.warning'), info: t('rp.info') };
  return (
    <div className="report" data-testid="report" data-report-ready="1">
      <div className="report-toolbar no-print">
        <a href={routeHref({ screen: 'plan', planId, tab: 'transfer', focus: '' })}>← {t('tr.back')}</a>
        <button type="button" onClick={() => window.print()} data-testid="report-print">
          {t('tr.print')}
        </button>
        <span className="muted small">{t('tr.printHint')}</span>
      </div>
      <header className="report-head">
        <h1>{p.title}</h1>
        <div className="report-sub">{t('rp.title')}</div>
        <div className="muted small">{t('rp.generated', { at: new Date().toLocaleString('zh-CN') })}</div>
        <ReportAuthor />
      </header>

      <section>
        <h2>{t('rp.summary')}</h2>
        <table className="report-kv">
          <tbody>
            <tr><th>{t('rp.docNumber')}</th><td>{p.docNumber}</td><th>{t('rp.issuer')}</th><td>{p.issuer}</td></tr>
            <tr><th>{t('rp.issueDate')}</th><td>{p.issueDate ?? ''}</td><th>{t('rp.period')}</th><td>{p.periodStart}—{p.periodEnd}</td></tr>
          </tbody>
        </table>
        <p>{t('rp.counts', { d: data.plan.districts.length, c: data.plan.clusters.length, i: data.plan.indicators.length, t: data.plan.taskCount })}</p>
        <p data-testid="report-status">
          {t('rp.status', { a: statusCount(0), b: statusCount(1), c: statusCount(2), d: statusCount(3), o: overdueTotal })}
        </p>
      </section>

      <section>
        <h2>{t('rp.ranking')}</h2>
        {data.ranking ? (
          <>
            <PeriodSelect ranking={data.ranking} onChange={choosePeriod} />
            <p className="muted" data-testid="report-ranking-title">{rankingTitle(data.ranking)}{data.ranking.unit ? t('rp.unitNote', { unit: data.ranking.unit }) : ''}</p>
            <table className="report-table" data-testid="report-ranking">
              <thead><tr><th>{t('rp.rank')}</th><th>{t('rp.district')}</th><th>{t('rp.target')}</th><th>{t('rp.actual')}</th><th>{t('rp.percent')}</th></tr></thead>
              <tbody>
                {data.ranking.entries.map((r) => (
                  <tr key={r.scopeId || r.name}>
                    <td>{r.rank ?? '—'}</td>
                    <td>{r.name}</td>
                    <td className="num">{formatDecimal(r.target)}</td>
                    <td className="num">{formatDecimal(r.actual)}{r.actual !== null && r.actualPeriod && r.actualPeriod !== data.ranking?.period ? ` ${t('rp.asOf', { period: periodWord(r.actualPeriod) })}` : ''}</td>
                    <td className="num">{r.percent ? `${r.percent}%` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <p className="muted">{t('rp.noRanking')}</p>
        )}
      </section>

      <section className="report-charts">
        <h2>{t('rp.charts')}</h2>
        {series && <ReportChart testId="report-chart-districts" option={districtChart(series, t('rp.chartTargets', { year: series.year, unit: series.unit ?? '' }))} />}
        {data.plan.taskCount > 0 && <ReportChart testId="report-chart-status" option={statusChart(data.counts, t('rp.chartStatus'), statusText, t('rp.chartLabelSeparator'))} />}
      </section>

      <section>
        <h2>{t('rp.overdue')}</h2>
        {data.overdue.length === 0 ? (
          <p className="muted">{t('rp.noOverdue')}</p>
        ) : (
          groupByLead(data.overdue).map(([lead, tasks]) => (
            <div key={lead} className="report-group" data-testid="report-overdue-group">
              <h3>{t('rp.group', { lead, count: tasks.length })}</h3>
              <table className="report-table">
                <thead><tr><th>{t('rp.number')}</th><th>{t('rp.task')}</th><th>{t('rp.deadline')}</th><th>{t('rp.statusCol')}</th></tr></thead>
                <tbody>
                  {tasks.map((task) => (
                    <tr key={task.id}><td>{task.number}</td><td>{task.title}</td><td>{task.deadlineText ?? task.deadline}</td><td>{statusText(task.status)}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))
        )}
      </section>

      <section>
        <h2>{t('rp.findings')}</h2>
        {data.findings === null ? (
          <p className="muted" data-testid="report-findings-unavailable">{t('rp.findingsUnavailable')}</p>
        ) : data.findings.length === 0 ? (
          <p className="muted">{t('rp.noFindings')}</p>
        ) : (
          <table className="report-table" data-testid="report-findings">
            <thead><tr><th>{t('rp.level')}</th><th>{t('rp.problem')}</th></tr></thead>
            <tbody>
              {data.findings.map((f, i) => (
                <tr key={i}><td>{levels[f.severity] ?? f.severity}</td><td><strong>{findingTitle(f)}</strong><div>{findingMessage(f)}</div></td></tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

/**
 * 完成情况: enter actuals per year (and per quarter, year to date) for one indicator, see completion
 * against the year's target and the path to the final target with 达标/预警/滞后, and the districts'
 * "赛马" ranking, which updates as actuals are entered.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiCallError, call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { notify, notifyError } from '../../notify.tsx';
import { t } from '../../i18n/index.ts';
import type { MessageKey } from '../../i18n/catalogue.ts';
import type { PlanTabProps } from '../../screens/planTabs.ts';
import type { CompletionTable } from '../../../../contract/ops/completion.ts';
import type { OperationOutput } from '../../../../contract/operations.ts';
import { STATUS_CLASS, num } from './shared.tsx';
import { useChanges } from '../../api/changes.ts';
import { RankingChart } from './RankingChart.tsx';
import { ActualInput } from './ActualInput.tsx';
import { IndicatorSelect } from '../../components/IndicatorSelect.tsx';
import { CompletionExportButtons } from '../transfer/ExportGridButtons.tsx';
import { Pending } from '../../components/Pending.tsx';

type Ranking = OperationOutput<'completion.ranking'>;
const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'] as const;
const pct = (v: string | null) => (v === null ? '—' : `${num(v)}%`);
const statusLabel = (s: string) => t(`cp.status.${s}` as MessageKey);

/** Keyed by plan: choices made for one plan never carry over to another. */
export function CompletionTab(props: PlanTabProps) {
  return <CompletionTabBody key={props.planId} {...props} />;
}

function CompletionTabBody({ planId, focus }: PlanTabProps) {
  const overview = useQuery('plans.get', { planId }, ['plans', 'indicators', 'districts']);
  const data = overview.data;
  const [indicatorId, setIndicatorId] = useState<string | null>(new URLSearchParams(focus).get('indicator'));
  const [year, setYear] = useState<number | null>(null);
  const [quarterly, setQuarterly] = useState(false);
  const [table, setTable] = useState<CompletionTable | null>(null);
  const [ranking, setRanking] = useState<Ranking | null>(null);
  const [ok, setOk] = useState('');
  const [warn, setWarn] = useState('');

  const indicators = (data?.indicators ?? []).filter((i) => i.unit !== null || i.targetValue !== null);
  const withDistricts = new Set((data?.districts ?? []).flatMap((d) => d.targets.map((x) => x.indicatorId)));
  const chosenId = indicatorId ?? indicators.find((i) => withDistricts.has(i.id))?.id ?? indicators[0]?.id ?? null;
  const chosen = indicators.find((i) => i.id === chosenId);
  const chosenYear = year ?? chosen?.targetYear ?? data?.plan.periodEnd ?? null;

  const load = useCallback(() => {
    if (!chosenId) return;
    call('completion.table', { indicatorId: chosenId })
      .then((tb) => {
        setTable(tb);
        setOk(tb.settings.okPercent);
        setWarn(tb.settings.warnPercent);
      })
      .catch(notifyError);
    if (chosenYear !== null) call('completion.ranking', { indicatorId: chosenId, year: chosenYear }).then(setRanking).catch(notifyError);
  }, [chosenId, chosenYear]);
  useEffect(load, [load]);
  // Completion, pace and ranking are computed by the core from targets and actuals: asked again when
  // a value of this indicator (an actual typed here, a target edited elsewhere, an undo) changed.
  useChanges(['targets', 'indicators', 'districts'], (c) => {
    const t = c.targets;
    const mine = t !== undefined && (t.truncated || t.removed.length > 0 || t.rows.some((v) => v.indicatorId === chosenId));
    if (c.everything || c.indicators !== undefined || c.districts !== undefined || mine) load();
  });

  const columnLabel = (period: string) => (period === '' ? t('cp.col.actual') : t('cp.col.quarter', { q: period }));
  const save = (row: CompletionTable['rows'][number], period: '' | (typeof QUARTERS)[number], value: string) =>
    call('targets.set', { indicatorId: chosenId ?? '', scope: row.scope, scopeId: row.scopeId, year: chosenYear ?? 0, period, kind: 'actual', value })
      .catch((e) => {
        // The refusal names the box: 江津区 · 全年实际：“5万人”的单位…
        if (e instanceof ApiCallError) notify('error', `${row.name} · ${columnLabel(period)}：${e.error.message}`);
        else notifyError(e);
        load();
      });
  // A column (or block) pasted into one box fills the boxes down and across from it, in one write (one undo step).
  const shownRows = (table?.rows ?? []).filter((r) => r.cells.some((x) => x.year === chosenYear));
  const columns: ('' | (typeof QUARTERS)[number])[] = quarterly ? ['', ...QUARTERS] : [''];
  const pasteBlock = (rowIndex: number, period: '' | (typeof QUARTERS)[number], block: string[][]) => {
    const col0 = columns.indexOf(period);
    const cells = block.flatMap((line, i) =>
      line.flatMap((value, j) => {
        const r = shownRows[rowIndex + i];
        const p = columns[col0 + j];
        if (!r || p === undefined) return [];
        return [{ indicatorId: chosenId ?? '', scope: r.scope, scopeId: r.scopeId, year: chosenYear ?? 0, period: p, kind: 'actual' as const, value, row: rowIndex + i + 1, field: p === '' ? 'annual' : p }];
      }),
    );
    const dropped = block.reduce((n, line) => n + line.length, 0) - cells.length;
    if (cells.length === 0) return;
    call('targets.setMany', { planId, cells, label: t('cp.pasteLabel', { count: cells.length }) })
      .then(() => {
        if (dropped > 0) notify('info', t('cp.pasteClipped', { count: dropped }));
      })
      .catch((e) => {
        if (!(e instanceof ApiCallError)) return notifyError(e);
        // Name each refused box: 江津区 · 一季度累计：…
        const named = e.error.issues.map((i) => {
          const r = i.row !== undefined ? shownRows[i.row - 1] : undefined;
          const field = i.field === 'annual' ? '' : (i.field ?? '');
          return `${r ? `${r.name} · ` : ''}${columnLabel(field)}：${i.message}`;
        });
        notify('error', e.error.message, named);
      });
  };
  const saveThresholds = () =>
    call('completion.settings.set', { okPercent: ok, warnPercent: warn })
      .then(() => {
        notify('info', t('an.saved'));
        load();
      })
      .catch(notifyError);

  if (!data) return <Pending query={overview} />;
  const years = table?.years ?? [];
  const unit = table?.indicator.unit ?? '';
  const bars = (ranking?.entries ?? [])
    .filter((e) => e.pacePercent !== null)
    .map((e) => ({
      name: e.name,
      percent: Number(e.pacePercent),
      status: e.status,
      label: `${num(e.pacePercent)}%${e.actualPeriod ? ` ${t('cp.asOf', { q: e.actualPeriod })}` : ''}`,
    }));
  return (
    <div className="an" data-testid="completion-panel">
      <div className="an-bar">
        <IndicatorSelect indicators={indicators} value={chosenId} onChange={setIndicatorId} testId="cp-indicator" />
        <label>
          {t('an.year')}
          <select value={chosenYear ?? ''} onChange={(e) => setYear(Number(e.target.value))} data-testid="cp-year">
            {years.map((y) => (
              <option key={y} value={y}>{y}</option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={quarterly} onChange={(e) => setQuarterly(e.target.checked)} data-testid="cp-quarterly" /> {t('cp.quarterly')}
        </label>
        <CompletionExportButtons planId={planId} />
        <span className="spacer" style={{ flex: 1 }} />
        <label>
          {t('cp.okPercent')}
          <input value={ok} onChange={(e) => setOk(e.target.value)} style={{ width: 60 }} data-testid="cp-ok" />
        </label>
        <label>
          {t('cp.warnPercent')}
          <input value={warn} onChange={(e) => setWarn(e.target.value)} style={{ width: 60 }} data-testid="cp-warn" />
        </label>
        <button type="button" onClick={() => void saveThresholds()}>
          {t('an.save')}
        </button>
      </div>

      <div className={`an-grid2${quarterly ? ' an-stacked' : ''}`} data-testid="cp-layout">
        <section className="card an-entry">
          <h2>
            {t('cp.entryTitle', { year: chosenYear ?? '' })}
            {unit ? <span className="muted small">　{t('an.unit', { unit })}</span> : null}
            {table?.direction === 'down' ? <span className="muted small"> {t('cp.down')}</span> : null}
          </h2>
          <p className="muted small">{t('cp.entryHint')}</p>
          {table && table.rows.length === 0 && <p className="muted">{t('cp.noRows')}</p>}
          <div className="an-scroll">
          <table className="table an-table" data-testid="cp-table">
            <thead>
              <tr>
                <th>{t('cp.col.row')}</th>
                <th className="num">{t('cp.col.target')}</th>
                <th className="num">{t('cp.col.actual')}</th>
                {quarterly && QUARTERS.map((q) => <th key={q} className="num">{t('cp.col.quarter', { q })}</th>)}
                <th className="num">{t('cp.col.percent')}</th>
                <th className="num">{t('cp.col.path2')}</th>
                <th>{t('cp.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {shownRows.map((r, rowIndex) => {
                const c = r.cells.find((x) => x.year === chosenYear);
                if (!c) return null;
                const annual = c.actualPeriod === '' ? c.actual : null;
                return (
                  <tr key={`${r.scope}:${r.scopeId ?? ''}`} data-testid="cp-row" data-name={r.name}>
                    <td className="nowrap">{r.name}</td>
                    <td className="num">
                      {c.target !== null ? num(c.target) : c.pathTarget !== null ? <span className="muted">{num(c.pathTarget)} {t('cp.col.path')}</span> : '—'}
                    </td>
                    <td className="num">
                      <ActualInput value={annual} text={c.actualPeriod === '' ? c.actualText : null} unit={unit || null} label={`${r.name} ${chosenYear} ${t('cp.col.actual')}`} onSave={(v) => save(r, '', v)} onPasteBlock={(b) => pasteBlock(rowIndex, '', b)} testId="cp-actual" />
                    </td>
                    {quarterly &&
                      c.quarters.map((q) => (
                        <td key={q.period} className="num">
                          <ActualInput value={q.value} text={q.text} unit={unit || null} label={`${r.name} ${chosenYear} ${q.period}`} onSave={(v) => save(r, q.period, v)} onPasteBlock={(b) => pasteBlock(rowIndex, q.period, b)} testId={`cp-${q.period}`} />
                        </td>
                      ))}
                    <td className="num">
                      {pct(c.yearPercent)}
                      {c.actualPeriod && c.pacePercent !== c.yearPercent ? <span className="muted small"> （{t('cp.col.pace')} {pct(c.pacePercent)}）</span> : null}
                    </td>
                    <td className="num">{c.pathPercent !== null ? `${pct(c.pathPercent)} / ${pct(c.timePercent)}` : '—'}</td>
                    <td className={STATUS_CLASS[c.status]} data-testid="cp-status">
                      {statusLabel(c.status)}
                      {c.actualPeriod ? <span className="muted small"> {t('cp.asOf', { q: c.actualPeriod })}</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          </div>
        </section>

        <section className="card" data-testid="ranking">
          <h2>{t('cp.ranking', { year: chosenYear ?? '' })}</h2>
          <p className="muted small">{ranking && t('cp.thresholds', { ok: num(ranking.settings.okPercent), warn: num(ranking.settings.warnPercent) })}</p>
          {bars.length === 0 ? (
            <p className="muted" data-testid="ranking-empty">{t('cp.rankingEmpty')}</p>
          ) : (
            <RankingChart bars={bars} okPercent={Number(ranking?.settings.okPercent ?? 100)} warnPercent={Number(ranking?.settings.warnPercent ?? 90)} okLabel={statusLabel('达标')} warnLabel={statusLabel('预警')} />
          )}
          <table className="table an-table" data-testid="ranking-table">
            <thead>
              <tr>
                <th className="num">{t('cp.rank')}</th>
                <th>{t('cp.col.row')}</th>
                <th className="num">{t('cp.col.target')}</th>
                <th className="num">{t('cp.col.actual')}</th>
                <th className="num">{t('cp.col.percent')}</th>
                <th>{t('cp.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {ranking?.entries.map((e) => (
                <tr key={e.scopeId} data-testid="ranking-row">
                  <td className="num">{e.rank ?? '—'}</td>
                  <td>{e.name}</td>
                  <td className="num">{num(e.target)}</td>
                  <td className="num">{num(e.actual)}{e.actualPeriod ? <span className="muted small"> {t('cp.asOf', { q: e.actualPeriod })}</span> : null}</td>
                  <td className="num">{pct(e.pacePercent)}</td>
                  <td className={STATUS_CLASS[e.status]}>{statusLabel(e.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>

      {table && (
        <section className="card">
          <h2>{t('cp.years')}</h2>
          <table className="table an-table an-years" data-testid="cp-years">
            <thead>
              <tr>
                <th>{t('cp.col.row')}</th>
                {years.map((y) => <th key={y}>{y}</th>)}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr key={`${r.scope}:${r.scopeId ?? ''}`}>
                  <td style={{ textAlign: 'left' }} className="nowrap">{r.name}</td>
                  {r.cells.map((c) => (
                    <td key={c.year} className={STATUS_CLASS[c.status]}>
                      {c.status !== '无数据' && `${pct(c.pacePercent)} ${statusLabel(c.status)}`}
                      {c.actual !== null ? (
                        <span>{num(c.actual)} / {num(c.target ?? c.pathTarget)}</span>
                      ) : c.target !== null || c.pathTarget !== null ? (
                        <span>{t('cp.col.target')} {num(c.target ?? c.pathTarget)}</span>
                      ) : null}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

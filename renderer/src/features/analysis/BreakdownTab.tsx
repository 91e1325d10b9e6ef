/**
 * 目标分解: fill the years between a baseline and a target, spread a changed total over districts
 * (some held fixed), or roll districts up into the total. Always a preview first; apply writes every
 * changed cell as one undoable step.
 */
import { useEffect, useMemo, useState } from 'react';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { notify, notifyError } from '../../notify.tsx';
import { t } from '../../i18n/index.ts';
import type { PlanTabProps } from '../../screens/planTabs.ts';
import type { BreakdownPreview, BreakdownRequest } from '../../../../contract/ops/breakdown.ts';
import { num } from './shared.tsx';
import { PreviewTable } from './PreviewTable.tsx';
import { IndicatorSelect } from '../../components/IndicatorSelect.tsx';
import { rowValue } from './rowValue.ts';
import { ValueInput } from '../workbench/ValueEditor.tsx';
import { Pending } from '../../components/Pending.tsx';

type Method = BreakdownRequest['method'];

/** Keyed by plan: choices made for one plan never carry over to another. */
export function BreakdownTab(props: PlanTabProps) {
  return <BreakdownTabBody key={props.planId} {...props} />;
}

function BreakdownTabBody({ planId, focus }: PlanTabProps) {
  // The current values the form starts from: asked again when a write changes them (here or elsewhere).
  const overview = useQuery('plans.get', { planId }, ['plans', 'indicators', 'districts', 'clusters', 'targets']);
  const data = overview.data;
  const [method, setMethod] = useState<Method>('fill');
  const [indicatorId, setIndicatorId] = useState<string | null>(new URLSearchParams(focus).get('indicator'));
  const [row, setRow] = useState('plan');
  const [fill, setFill] = useState<'growth' | 'steps'>('growth');
  const [baseYear, setBaseYear] = useState('');
  const [baseValue, setBaseValue] = useState('');
  const [targetYear, setTargetYear] = useState('');
  const [targetValue, setTargetValue] = useState('');
  const [keep, setKeep] = useState(false);
  const [decimals, setDecimals] = useState(0);
  const [over, setOver] = useState<'district' | 'cluster'>('district');
  const [year, setYear] = useState('');
  const [kind, setKind] = useState<'target' | 'actual'>('target');
  const [total, setTotal] = useState('');
  const [held, setHeld] = useState<string[]>([]);
  const [shareBlanks, setShareBlanks] = useState(false);
  const [preview, setPreview] = useState<{ request: BreakdownRequest; result: BreakdownPreview; applied?: boolean } | null>(null);
  const [applied, setApplied] = useState<string | null>(null);

  const indicators = data?.indicators ?? [];
  const withDistricts = new Set((data?.districts ?? []).flatMap((d) => d.targets.map((x) => x.indicatorId)));
  const chosenId = indicatorId ?? indicators.find((i) => withDistricts.has(i.id))?.id ?? indicators[0]?.id ?? null;
  const ind = indicators.find((i) => i.id === chosenId) ?? null;

  // Defaults from the indicator: baseline and target as the document states them; the plan's last year.
  useEffect(() => {
    if (!ind || !data) return;
    const planTarget = ind.targets.find((x) => x.kind === 'target' && x.year === (ind.targetYear ?? data.plan.periodEnd));
    setBaseYear(String(ind.baselineYear ?? data.plan.periodStart - 1));
    setBaseValue(ind.baselineValue ?? '');
    setTargetYear(String(ind.targetYear ?? data.plan.periodEnd));
    setTargetValue(ind.targetValue ?? planTarget?.value ?? '');
    setYear(String(ind.targetYear ?? data.plan.periodEnd));
    setTotal(planTarget?.value ?? ind.targetValue ?? '');
    setHeld([]);
    setRow('plan');
    setPreview(null);
    setApplied(null);
  }, [ind?.id, data?.plan.id]);

  // The values follow the chosen row and years: 荣昌区's 2027 target, not the plan's 14000, once 荣昌区 is chosen.
  useEffect(() => {
    if (!ind || !data || method !== 'fill') return;
    setBaseValue(rowValue(data, ind, row, Number(baseYear), 'baseline') ?? '');
  }, [row, baseYear]);
  useEffect(() => {
    if (!ind || !data || method !== 'fill') return;
    setTargetValue(rowValue(data, ind, row, Number(targetYear), 'target') ?? '');
  }, [row, targetYear]);
  // 新的总量 follows the year (and target/actual): the plan total of that year, blank when there is none.
  useEffect(() => {
    if (!ind || !data || year === '') return;
    setTotal(rowValue(data, ind, 'plan', Number(year), kind) ?? '');
  }, [year, kind]);

  const request = useMemo<BreakdownRequest | null>(() => {
    if (!chosenId) return null;
    if (method === 'fill')
      return {
        method, indicatorId: chosenId, scope: row === 'plan' ? 'plan' : row.startsWith('cluster:') ? 'cluster' : 'district',
        scopeId: row === 'plan' ? null : row.slice(row.indexOf(':') + 1), fill, baselineYear: Number(baseYear), baselineValue: baseValue,
        targetYear: Number(targetYear), targetValue, keepExisting: keep, decimals,
      };
    if (method === 'spread') return { method, indicatorId: chosenId, over, year: Number(year), kind, total, held, decimals, blanks: shareBlanks ? 'share' : 'keep' };
    return { method, indicatorId: chosenId, from: over, year: Number(year), kind };
  }, [method, chosenId, row, fill, baseYear, baseValue, targetYear, targetValue, keep, decimals, over, year, kind, total, held, shareBlanks]);

  const stale = preview !== null && JSON.stringify(preview.request) !== JSON.stringify(request);
  const runPreview = (req = request) => {
    if (!req) return;
    call('breakdown.preview', req)
      .then((result) => setPreview({ request: req, result }))
      .catch(notifyError);
  };
  // Toggling a held row re-previews at once: the user sees the effect of holding it.
  const toggleHeld = (id: string) => {
    const next = held.includes(id) ? held.filter((h) => h !== id) : [...held, id];
    setHeld(next);
    if (request?.method === 'spread') runPreview({ ...request, held: next });
  };
  const apply = () => {
    if (!preview) return;
    call('breakdown.apply', { request: preview.request, basis: preview.result.basis })
      .then((r) => {
        // Keep showing what was applied (old → new) until the next preview.
        setPreview({ request: preview.request, result: r, applied: true });
        setApplied(r.label);
        notify('info', t('bd.applied', { label: r.label }));
      })
      .catch(notifyError);
  };
  const undo = () =>
    call('history.undo', { planId })
      .then((r) => {
        notify('info', t('bd.undone', { label: r.undone ?? '' }));
        setApplied(null);
        if (preview) return call('breakdown.preview', preview.request).then((result) => setPreview({ request: preview.request, result }));
      })
      .catch(notifyError);


  if (!data) return <Pending query={overview} />;
  const years: number[] = [];
  for (let y = data.plan.periodStart - 1; y <= Math.max(data.plan.periodEnd, ind?.targetYear ?? 0); y++) years.push(y);
  const yearSelect = (value: string, set: (v: string) => void, testId: string) => (
    <select value={value} onChange={(e) => set(e.target.value)} data-testid={testId}>
      {years.map((y) => (
        <option key={y} value={y}>
          {t('bd.yearValue', { year: y })}
        </option>
      ))}
    </select>
  );

  return (
    <div className="an" data-testid="breakdown-panel">
      <div className="an-bar">
        <IndicatorSelect indicators={indicators} value={chosenId} onChange={setIndicatorId} testId="bd-indicator" />
        <span className="an-seg" role="group" aria-label={t('bd.method')}>
          {(['fill', 'spread', 'rollup'] as const).map((m) => (
            <button key={m} type="button" className={method === m ? 'active' : ''} onClick={() => { setMethod(m); setPreview(null); }} data-testid={`bd-method-${m}`}>
              {t(`bd.method.${m}`)}
            </button>
          ))}
        </span>
      </div>
      <p className="muted small">{t(`bd.help.${method}`)}</p>

      <div className="card an-form">
        {method === 'fill' && (
          <>
            <span>{t('bd.row')}</span>
            <select value={row} onChange={(e) => setRow(e.target.value)} data-testid="bd-row">
              <option value="plan">{t('bd.row.plan')}</option>
              {data.districts.map((d) => (
                <option key={d.id} value={`district:${d.id}`}>{d.name}</option>
              ))}
              {data.clusters.map((c) => (
                <option key={c.id} value={`cluster:${c.id}`}>{c.name}</option>
              ))}
            </select>
            <span>{t('bd.fillBy')}</span>
            <span className="an-seg">
              {(['growth', 'steps'] as const).map((f) => (
                <button key={f} type="button" className={fill === f ? 'active' : ''} onClick={() => setFill(f)} data-testid={`bd-fill-${f}`}>
                  {t(`bd.fill.${f}`)}
                </button>
              ))}
            </span>
            <span>{t('bd.baseline')}</span>
            <span className="an-bar">
              {yearSelect(baseYear, setBaseYear, 'bd-base-year')}
              <ValueInput value={baseValue} onChange={setBaseValue} unit={ind?.unit ?? null} placeholder={t('bd.value')} data-testid="bd-base-value" /> {ind?.unit}
            </span>
            <span>{t('bd.target')}</span>
            <span className="an-bar">
              {yearSelect(targetYear, setTargetYear, 'bd-target-year')}
              <ValueInput value={targetValue} onChange={setTargetValue} unit={ind?.unit ?? null} placeholder={t('bd.value')} data-testid="bd-target-value" previewTestId="bd-target-preview" /> {ind?.unit}
            </span>
            <span />
            <label>
              <input type="checkbox" checked={keep} onChange={(e) => setKeep(e.target.checked)} style={{ width: 'auto' }} /> {t('bd.keep')}
            </label>
          </>
        )}
        {method !== 'fill' && (
          <>
            <span>{t('bd.over')}</span>
            <span className="an-seg">
              {(['district', 'cluster'] as const).map((o) => (
                <button key={o} type="button" className={over === o ? 'active' : ''} onClick={() => { setOver(o); setHeld([]); }} data-testid={`bd-over-${o}`}>
                  {t(`bd.over.${o}`)}
                </button>
              ))}
            </span>
            <span>{t('an.year')}</span>
            <span className="an-bar">
              {yearSelect(year, setYear, 'bd-year')}
              <span className="an-seg">
                {(['target', 'actual'] as const).map((k) => (
                  <button key={k} type="button" className={kind === k ? 'active' : ''} onClick={() => setKind(k)}>
                    {t(`an.kind.${k}`)}
                  </button>
                ))}
              </span>
            </span>
          </>
        )}
        {method === 'spread' && (
          <>
            <span>{t('bd.total')}</span>
            <span>
              <ValueInput value={total} onChange={setTotal} unit={ind?.unit ?? null} data-testid="bd-total" previewTestId="bd-total-preview" /> {ind?.unit}
            </span>
            <span />
            <label>
              <input type="checkbox" checked={shareBlanks} onChange={(e) => setShareBlanks(e.target.checked)} style={{ width: 'auto' }} data-testid="bd-share-blanks" /> {t('bd.shareBlanks')}
            </label>
          </>
        )}
        {method !== 'rollup' && (
          <>
            <span>{t('bd.decimals')}</span>
            <select value={decimals} onChange={(e) => setDecimals(Number(e.target.value))} style={{ width: 80 }}>
              {[0, 1, 2, 3, 4].map((d) => (
                <option key={d} value={d}>{d}</option>
              ))}
            </select>
          </>
        )}
      </div>

      <div className="an-bar">
        <button type="button" className={preview && !stale ? '' : 'primary'} onClick={() => runPreview()} data-testid="bd-preview">
          {t('bd.preview')}
        </button>
        {preview && (
          <button type="button" className="primary" disabled={stale || preview.applied === true || preview.result.changedCount === 0} onClick={apply} data-testid="bd-apply">
            {t(preview.applied ? 'bd.appliedButton' : 'bd.apply', { count: preview.result.changedCount })}
          </button>
        )}
        {applied && (
          <button type="button" onClick={() => void undo()} data-testid="bd-undo">
            {t('bd.undo')}
          </button>
        )}
        <span className="muted small">{preview?.applied && applied ? t('bd.applied', { label: applied }) : stale ? t('bd.stale') : t('bd.previewHint')}</span>
      </div>

      {preview && (
        <section className="card" data-testid="bd-preview-table">
          <h2>
            {preview.result.label}
            {ind?.unit ? <span className="muted small">　{t('an.unit', { unit: ind.unit })}</span> : null}
          </h2>
          {preview.result.impliedCagrPercent !== null && <p data-testid="bd-cagr">{t('bd.cagr', { rate: num(preview.result.impliedCagrPercent) })}</p>}
          {preview.result.notes.length > 0 && (
            <ul className="an-notes">
              {preview.result.notes.map((n, i) => <li key={i}>{n}</li>)}
            </ul>
          )}
          {preview.result.changedCount === 0 && !preview.applied && <p className="muted">{t('bd.nothing')}</p>}
          <PreviewTable preview={preview.result} method={preview.request.method} held={held} onToggleHeld={toggleHeld} />
        </section>
      )}
    </div>
  );
}

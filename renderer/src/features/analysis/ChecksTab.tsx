/** 一致性检查: the findings of the core's checks for this plan, each naming and linking to the cells involved. */
import { useCallback, useEffect, useState } from 'react';
import { call } from '../../api/client.ts';
import { notify, notifyError } from '../../notify.tsx';
import { t } from '../../i18n/index.ts';
import type { MessageKey } from '../../i18n/catalogue.ts';
import type { PlanTabProps } from '../../screens/planTabs.ts';
import type { Finding } from '../../../../contract/ops/checks.ts';
import { cellHref, num } from './shared.tsx';
import { ALL_DOMAINS, useChanges } from '../../api/changes.ts';
import { cellLabel, findingMessage, findingTitle, numberLabel, numberUnit } from '../../i18n/findings.ts';

type Result = { findings: Finding[]; settings: { growthTolerancePoints: string } };
const KINDS = ['sum', 'growth', 'cross_plan', 'deadline', 'lead', 'priority'] as const;

function FindingCard({ f, planId }: { f: Finding; planId: string }) {
  return (
    <li className={`an-finding sev-${f.severity}`} data-testid="finding" data-kind={f.kind}>
      <h3>
        <span className={`an-badge sev-${f.severity}`}>{t(`checks.severity.${f.severity}` as MessageKey)}</span>
        <span className="an-badge kind">{t(`checks.kind.${f.kind}` as MessageKey)}</span>
        {findingTitle(f)}
      </h3>
      <p className="an-message">{findingMessage(f)}</p>
      {f.numbers.length > 0 && (
        <div className="an-numbers" data-testid="finding-numbers">
          {f.numbers.map((n, i) => (
            <span className="an-number" key={i}>
              <span className="label">{numberLabel(n)}</span>
              <span className="value">{num(n.value)}</span> {numberUnit(f, n)}
            </span>
          ))}
          {f.difference && (
            <span className="an-number diff" data-testid="finding-difference">
              <span className="label">{numberLabel(f.difference)}</span>
              <span className="value">{num(f.difference.value, true)}</span> {numberUnit(f, f.difference)}
            </span>
          )}
        </div>
      )}
      <ul className="an-cells">
        {f.cells.map((c, i) => (
          <li key={i}>
            <a href={cellHref(c)} data-testid="finding-cell">
              {cellLabel(c)}
            </a>
            {c.planId !== planId && <span className="muted small"> {t('checks.otherPlan')}</span>}
          </li>
        ))}
      </ul>
    </li>
  );
}

export function ChecksTab({ planId }: PlanTabProps) {
  const [result, setResult] = useState<Result | null>(null);
  const [kind, setKind] = useState<string>('');
  const [tolerance, setTolerance] = useState('');
  const run = useCallback(() => {
    call('checks.run', { planId })
      .then((r) => {
        setResult(r);
        setTolerance(r.settings.growthTolerancePoints);
      })
      .catch(notifyError);
  }, [planId]);
  useEffect(run, [run]);
  // Findings compare figures across the plan (and across plans): run again after any write.
  useChanges(ALL_DOMAINS, run);

  const saveTolerance = () =>
    call('checks.settings.set', { growthTolerancePoints: tolerance })
      .then(() => {
        notify('info', t('an.saved'));
        run();
      })
      .catch(notifyError);

  const findings = result?.findings.filter((f) => !kind || f.kind === kind) ?? [];
  const count = (s: Finding['severity']) => result?.findings.filter((f) => f.severity === s).length ?? 0;
  return (
    <div className="an" data-testid="checks-panel">
      <p className="muted">{t('checks.intro')}</p>
      <div className="an-bar">
        <button type="button" className="primary" onClick={run} data-testid="checks-run">
          {t('checks.run')}
        </button>
        <label>
          {t('checks.filter')}
          <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="checks-kind">
            <option value="">{t('checks.filter.all')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`checks.kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('checks.tolerance')}
          <input value={tolerance} onChange={(e) => setTolerance(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void saveTolerance()} data-testid="checks-tolerance" />
        </label>
        <button type="button" onClick={() => void saveTolerance()}>
          {t('an.save')}
        </button>
        {result && (
          <span className="muted" data-testid="checks-summary">
            {t('checks.summary', { count: result.findings.length, error: count('error'), warning: count('warning'), info: count('info') })}
          </span>
        )}
      </div>
      {result && findings.length === 0 && <p className="muted">{t('checks.empty')}</p>}
      <ul className="an-findings">
        {findings.map((f) => (
          <FindingCard key={f.id} f={f} planId={planId} />
        ))}
      </ul>
    </div>
  );
}

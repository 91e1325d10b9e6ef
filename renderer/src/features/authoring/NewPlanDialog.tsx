/**
 * 新建规划: a blank plan, or a copy of another plan for a new period (targets kept or cleared, tasks
 * carried or not). The core checks the header (plans.create); its issues are shown beside their fields.
 */
import './authoring.css';
import { useState } from 'react';
import { call } from '../../api/client.ts';
import { t } from '../../i18n/index.ts';
import { notify, notifyError } from '../../notify.tsx';
import type { PlanSummary } from '../../../../contract/entities.ts';
import { HeaderFields, headerOf, problemsOf, type HeaderDraft, type Problems } from './HeaderFields.tsx';
import { Dialog } from '../../components/Dialog.tsx';

const BLANK: HeaderDraft = { title: '', docNumber: '', issuer: '', issueDate: '', periodStart: '', periodEnd: '', source: '' };

/** The copy's header to start from: the origin's issuer, the period after the origin's, of the same length. */
function nextPeriod(p: PlanSummary, d: HeaderDraft): HeaderDraft {
  const start = p.periodEnd + 1;
  return { ...d, issuer: d.issuer || p.issuer, periodStart: String(start), periodEnd: String(start + (p.periodEnd - p.periodStart)) };
}

export function NewPlanDialog({ plans, onDone }: { plans: PlanSummary[]; onDone: (createdId: string | null) => void }) {
  const [mode, setMode] = useState<'blank' | 'copy'>('blank');
  const [from, setFrom] = useState('');
  const [targets, setTargets] = useState<'keep' | 'clear'>('keep');
  const [tasks, setTasks] = useState(true);
  const [draft, setDraft] = useState<HeaderDraft>(BLANK);
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);

  const choose = (id: string) => {
    setFrom(id);
    const p = plans.find((x) => x.id === id);
    if (p) setDraft((d) => nextPeriod(p, d));
  };
  const create = () => {
    const h = headerOf(draft);
    if ('problems' in h) return setProblems(h.problems);
    setBusy(true);
    call('plans.create', { header: h.header, ...(mode === 'copy' && from ? { copyFrom: { planId: from, targets, tasks } } : {}) })
      .then((p) => {
        notify('info', t('author.created', { title: p.title }));
        onDone(p.id);
      })
      .catch((err: unknown) => {
        setProblems(problemsOf(err));
        notifyError(err);
      })
      .finally(() => setBusy(false));
  };

  return (
    <Dialog label={t('author.dialogTitle')} testId="new-plan-dialog" onEscape={() => onDone(null)} onSubmit={create}>
      <h2>{t('author.dialogTitle')}</h2>
      <fieldset className="plain">
        <legend className="small muted">{t('author.mode')}</legend>
        <label>
          <input type="radio" name="mode" checked={mode === 'blank'} onChange={() => setMode('blank')} data-testid="new-plan-blank" /> {t('author.modeBlank')}
        </label>{' '}
        <label>
          <input type="radio" name="mode" checked={mode === 'copy'} onChange={() => setMode('copy')} disabled={plans.length === 0} data-testid="new-plan-copy" /> {t('author.modeCopy')}
        </label>
      </fieldset>
      {mode === 'copy' && (
        <fieldset className="plain copy-options">
          <label className="header-field wide">
            <span>{t('author.copyFrom')}</span>
            <select value={from} onChange={(e) => choose(e.target.value)} required data-testid="new-plan-from">
              <option value="" />
              {plans.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.docNumber ? `${p.docNumber} ` : ''}
                  {p.title}
                </option>
              ))}
            </select>
          </label>
          <span className="small">{t('author.copyTargets')} </span>
          <label>
            <input type="radio" name="targets" checked={targets === 'keep'} onChange={() => setTargets('keep')} data-testid="new-plan-targets-keep" /> {t('author.copyTargetsKeep')}
          </label>{' '}
          <label>
            <input type="radio" name="targets" checked={targets === 'clear'} onChange={() => setTargets('clear')} data-testid="new-plan-targets-clear" /> {t('author.copyTargetsClear')}
          </label>
          <br />
          <label>
            <input type="checkbox" checked={tasks} onChange={(e) => setTasks(e.target.checked)} data-testid="new-plan-tasks" /> {t('author.copyTasks')}
          </label>
          <p className="muted small">{t('author.copyNote')}</p>
        </fieldset>
      )}
      <HeaderFields draft={draft} onChange={setDraft} problems={problems} idPrefix="new-plan" />
      <p className="dialog-actions">
        <button type="button" onClick={() => onDone(null)} disabled={busy} data-testid="new-plan-cancel">
          {t('author.cancel')}
        </button>{' '}
        <button type="submit" disabled={busy || (mode === 'copy' && !from)} data-testid="new-plan-create">
          {t('author.create')}
        </button>
      </p>
    </Dialog>
  );
}

/**
 * 导出报送包: choose the recipient (a district user sends to 市级; the city to one of the plan's
 * districts), see what the package will carry (packagefiles.planStart, a job: the whole plan for a first package, else
 * the count of changes), then a real download of the .pdpkg (packagefiles.exportStart: made in a job).
 */
import { useEffect, useState } from 'react';
import { useQuery } from '../../api/useQuery.ts';
import { t } from '../../i18n/index.ts';
import { notify, notifyError } from '../../notify.tsx';
import type { OperationOutput } from '../../../../contract/operations.ts';
import { downloadBytes } from './shared.ts';
import { runJob } from '../transfer/jobs.ts';
import { Dialog } from '../../components/Dialog.tsx';

export function ExportDialog({ planId, onDone }: { planId: string; onDone: (exported: boolean) => void }) {
  const me = useQuery('identity.get', {});
  const plan = useQuery('plans.get', { planId });
  const districtUser = Boolean(me.data?.identity?.district);
  // no recipient is offered before the user is known: a district user must never see (or start a trial for) a district
  const options = !me.data ? [] : districtUser ? [{ id: 'city', name: t('pkg.toCity') }] : (plan.data?.districts ?? []).map((d) => ({ id: d.name, name: d.name }));
  const [to, setTo] = useState('');
  const [plan2, setPlan2] = useState<OperationOutput<'packagefiles.plan'> | null>(null);
  const [busy, setBusy] = useState(false);
  // the trial runs in the host's one worker slot for packages: another (a new recipient, the export) waits for it
  const [planning, setPlanning] = useState(false);
  const first = options[0]?.id ?? '';
  useEffect(() => {
    if (!to && first) setTo(first);
  }, [to, first]);
  useEffect(() => {
    if (!to) return;
    setPlan2(null);
    let live = true;
    // a job: the trial export costs what the export costs (seconds for a large plan)
    setPlanning(true);
    runJob('packagefiles.planStart', { planId, to })
      .then((s) => live && setPlan2(s.packagePlan ?? null))
      .catch(notifyError)
      .finally(() => setPlanning(false));
    return () => {
      live = false;
    };
  }, [planId, to]);

  const go = () => {
    setBusy(true);
    // a job: a large package takes seconds to make, and the host answers other calls meanwhile
    runJob('packagefiles.exportStart', { planId, to })
      .then((s) => {
        const r = s.package;
        if (!r) throw new Error('export job gave no package');
        downloadBytes(r);
        const vars = { seq: r.seq, n: r.changeCount, to: r.recipient === '市' ? t('pkg.toCity') : r.recipient, file: r.fileName, version: r.versionName };
        notify('info', t(r.full ? 'pkg.exportedFull' : 'pkg.exported', vars));
        onDone(true);
      })
      .catch(notifyError)
      .finally(() => setBusy(false));
  };
  const toName = options.find((o) => o.id === to)?.name ?? to;

  return (
    <Dialog label={t('pkg.exportTitle')} testId="pkg-export-dialog" className="pkg-dialog" onEscape={() => onDone(false)}>
      <h2>{t('pkg.exportTitle')}</h2>
      {me.data && plan.data && options.length === 0 && <p className="error">{t('pkg.noDistricts')}</p>}
      {options.length > 0 && (
        <p>
          <label>
            {t('pkg.exportTo')}{' '}
            <select value={to} onChange={(e) => setTo(e.target.value)} disabled={planning} data-testid="pkg-export-to">
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
        </p>
      )}
      <p data-testid="pkg-export-carries">
        {plan2 === null
          ? '…'
          : plan2.full
            ? t('pkg.carriesFull', { to: toName })
            : plan2.changeCount === 0
              ? t('pkg.carriesNone', { seq: plan2.seq })
              : t('pkg.carriesChanges', { n: plan2.changeCount, seq: plan2.seq })}
      </p>
      <p className="dialog-actions">
        <button type="button" onClick={go} disabled={busy || planning || !plan2} data-testid="pkg-export-go">
          {t('pkg.exportGo')}
        </button>{' '}
        <button type="button" onClick={() => onDone(false)} data-testid="pkg-export-cancel">
          {t('pkg.cancel')}
        </button>
      </p>
    </Dialog>
  );
}

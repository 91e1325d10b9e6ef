/**
 * The user's identity: a form (name, department from the departments list or typed, district from the
 * districts list or none for a city user), shown on first start when none is set (skippable: "later",
 * then the header keeps a hint) and from the header button. Saved through identity.set (the core
 * checks it and keeps it in the user's data folder).
 */
import { useState } from 'react';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { t } from '../../i18n/index.ts';
import { notify, notifyError } from '../../notify.tsx';
import type { OperationOutput } from '../../../../contract/operations.ts';
import { localizedError } from '../../i18n/errors.ts';
import { KeysSection } from './KeysSection.tsx';
import { Dialog } from '../../components/Dialog.tsx';

export type IdentityState = OperationOutput<'identity.get'>;

export function IdentityDialog({ state, firstRun, onDone }: { state: IdentityState; firstRun: boolean; onDone: (saved: IdentityState | null) => void }) {
  const departments = useQuery('departments.list', {});
  const districts = useQuery('districts.list', {});
  const current = state.identity;
  const [name, setName] = useState(current?.name ?? (state.author.source === 'plan' ? state.author.name : ''));
  const [department, setDepartment] = useState(current?.department ?? '');
  const [district, setDistrict] = useState(current?.district ?? '');
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const save = () => {
    setBusy(true);
    call('identity.set', { name, department, district: district || null })
      .then((r) => {
        notify('info', t('identity.saved', { name: r.author.name }));
        onDone(r);
      })
      .catch((raw: unknown) => {
        const err = localizedError(raw);
        const issues = typeof err === 'object' && err !== null && 'error' in err ? (err as { error: { issues: { field?: string; message: string }[] } }).error.issues : [];
        setProblems(Object.fromEntries(issues.filter((i) => i.field).map((i) => [i.field, i.message])));
        notifyError(err);
      })
      .finally(() => setBusy(false));
  };
  return (
    <Dialog label={t('identity.title')} testId="identity-dialog" className="identity-dialog" onEscape={firstRun ? null : () => onDone(null)} onSubmit={save}>
      <h2>{firstRun ? t('identity.firstRunTitle') : t('identity.title')}</h2>
      <p className="muted small">{t('identity.intro')}</p>
      <label className="identity-field">
        <span>{t('identity.name')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={500} data-testid="identity-name" aria-invalid={!!problems.name} />
        {problems.name && <em className="identity-problem">{problems.name}</em>}
      </label>
      <label className="identity-field">
        <span>{t('identity.department')}</span>
        <input value={department} onChange={(e) => setDepartment(e.target.value)} list="identity-departments" maxLength={500} placeholder={t('identity.departmentHint')} data-testid="identity-department" aria-invalid={!!problems.department} />
        <datalist id="identity-departments">
          {departments.data?.map((d) => <option key={d.id} value={d.name} />)}
        </datalist>
        {problems.department && <em className="identity-problem">{problems.department}</em>}
      </label>
      <label className="identity-field">
        <span>{t('identity.district')}</span>
        <select value={district} onChange={(e) => setDistrict(e.target.value)} data-testid="identity-district">
          <option value="">{t('identity.districtNone')}</option>
          {districts.data?.map((d) => (
            <option key={d.id} value={d.name}>
              {d.name}
            </option>
          ))}
        </select>
        {problems.district && <em className="identity-problem">{problems.district}</em>}
      </label>
      {state.folder && <p className="muted small">{t('identity.folder', { folder: state.folder })}</p>}
      {!firstRun && state.folder && <KeysSection />}
      <p className="dialog-actions">
        <button type="button" onClick={() => onDone(null)} disabled={busy} data-testid="identity-later">
          {firstRun ? t('identity.later') : t('identity.cancel')}
        </button>{' '}
        <button type="submit" disabled={busy} data-testid="identity-save">
          {t('identity.save')}
        </button>
      </p>
    </Dialog>
  );
}

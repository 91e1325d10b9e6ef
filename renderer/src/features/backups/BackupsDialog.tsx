/**
 * 备份与恢复: the plan file's backups, a manual backup, and restoring one (the current file is kept aside).
 * Both run as jobs (runJob polls jobs.status), so the page stays live; the dialog closes on Esc and
 * when the user navigates elsewhere (a job already started finishes and still reports).
 */
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { useQuery } from '../../api/useQuery.ts';
import { runJob } from '../transfer/jobs.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { t } from '../../i18n/index.ts';
import { notify, notifyError } from '../../notify.tsx';
import type { MessageKey } from '../../i18n/catalogue.ts';
import { localizedError } from '../../i18n/errors.ts';

const reasonKey = (reason: string): MessageKey =>
  reason === 'open' || reason === 'auto' || reason === 'manual' || reason === 'before-restore' ? `backups.reason.${reason}` : 'backups.reason.manual';

export function BackupsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="topbar-button" onClick={() => setOpen(true)} data-testid="backups-button">
        {t('backups.button')}
      </button>
      {open && createPortal(<BackupsDialog onClose={() => setOpen(false)} />, document.body)}
    </>
  );
}

export function BackupsDialog({ onClose }: { onClose: () => void }) {
  const { data, reload } = useQuery('backups.list', {});
  const [busy, setBusy] = useState<'create' | 'restore' | null>(null);
  const create = () => {
    setBusy('create');
    runJob('backups.create', {})
      .then((s) => {
        if (s.backup) notify('info', t('backups.created', { name: s.backup.name }));
        reload();
      })
      .catch((e: unknown) => notifyError(localizedError(e)))
      .finally(() => setBusy(null));
  };
  const restore = (name: string, at: string) => {
    if (!window.confirm(t('backups.confirmRestore', { at }))) return;
    setBusy('restore');
    runJob('backups.restore', { name })
      .then((s) => {
        const r = s.restore;
        if (r) notify('info', t('backups.restored', { at: r.restored.at, aside: r.movedAside ?? '—' }));
        window.setTimeout(() => window.location.reload(), 1500);
      })
      .catch((e: unknown) => notifyError(localizedError(e)))
      .finally(() => setBusy(null));
  };
  return (
    <Dialog label={t('backups.title')} testId="backups-dialog" title={t('backups.title')} onEscape={onClose} global close={{ label: t('backups.close'), onClick: onClose }}>
      <p className="muted small">{t('backups.intro')}</p>
      <p>
        <button type="button" onClick={create} disabled={busy !== null}>
          {t('backups.create')}
        </button>
        {busy && (
          <span className="muted small" role="status" data-testid="backups-working">
            {' '}
            {t(busy === 'create' ? 'backups.working.create' : 'backups.working.restore')}
          </span>
        )}
      </p>
      {data && data.length === 0 && <p className="muted">{t('backups.empty')}</p>}
      {data && data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('backups.col.at')}</th>
              <th>{t('backups.col.reason')}</th>
              <th>{t('backups.col.size')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.map((b) => (
              <tr key={b.name}>
                <td className="nowrap">{b.at}</td>
                <td>{t(reasonKey(b.reason))}</td>
                <td className="num">{(b.size / 1024).toFixed(0)} KB</td>
                <td>
                  {b.complete ? (
                    <button type="button" disabled={busy !== null} onClick={() => restore(b.name, b.at)}>
                      {t('backups.restore')}
                    </button>
                  ) : (
                    <span className="muted small" data-testid="backup-incomplete">
                      {t('backups.incomplete')}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}

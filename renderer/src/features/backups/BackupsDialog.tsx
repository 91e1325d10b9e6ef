/** 备份与恢复: the plan file's backups, a manual backup, and restoring one (the current file is kept aside). */
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { call } from '../../api/client.ts';
import { useQuery } from '../../api/useQuery.ts';
import { t } from '../../i18n/index.ts';
import { notify, notifyError } from '../../notify.tsx';
import type { MessageKey } from '../../i18n/catalogue.ts';

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

function BackupsDialog({ onClose }: { onClose: () => void }) {
  const { data, reload } = useQuery('backups.list', {});
  const [busy, setBusy] = useState(false);
  const create = () => {
    setBusy(true);
    call('backups.create', {})
      .then((b) => {
        notify('info', t('backups.created', { name: b.name }));
        reload();
      })
      .catch(notifyError)
      .finally(() => setBusy(false));
  };
  const restore = (name: string, at: string) => {
    if (!window.confirm(t('backups.confirmRestore', { at }))) return;
    setBusy(true);
    call('backups.restore', { name })
      .then((r) => {
        notify('info', t('backups.restored', { at: r.restored.at, aside: r.movedAside ?? '—' }));
        window.setTimeout(() => window.location.reload(), 1500);
      })
      .catch(notifyError)
      .finally(() => setBusy(false));
  };
  return (
    <div className="dialog-backdrop" role="dialog" aria-modal="true" aria-label={t('backups.title')} data-testid="backups-dialog">
      <div className="dialog">
        <h2>{t('backups.title')}</h2>
        <p className="muted small">{t('backups.intro')}</p>
        <p>
          <button type="button" onClick={create} disabled={busy}>
            {t('backups.create')}
          </button>
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
                      <button type="button" disabled={busy} onClick={() => restore(b.name, b.at)}>
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
        <p className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('backups.close')}
          </button>
        </p>
      </div>
    </div>
  );
}

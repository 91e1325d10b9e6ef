/**
 * 报送包 (issue 15): 导出报送包 (ExportDialog), 导入报送包 (ImportPreview) and 报送情况 (StatusPanel) of the
 * plan open. The exchange itself is the core's (db/exchange); this tab only shows and asks.
 */
import { useEffect, useState } from 'react';
import { call } from '../../api/client.ts';
import { ALL_DOMAINS } from '../../api/changes.ts';
import { useQuery } from '../../api/useQuery.ts';
import { t } from '../../i18n/index.ts';
import { notify, notifyError } from '../../notify.tsx';
import type { PlanTabProps } from '../../screens/planTabs.ts';
import { ExportDialog } from './ExportDialog.tsx';
import { ImportButton, ImportPreview, type Applied } from './ImportPreview.tsx';
import { StatusPanel } from './StatusPanel.tsx';
import { keepPreview, keptPreview, type Preview } from './shared.ts';
import { packageCommandOf, type PackageCommand } from './command.ts';
import { routeHref } from '../../router.ts';
import './packages.css';

export function PackagesTab({ planId, focus }: PlanTabProps) {
  const info = useQuery('app.info', {});
  const readonly = info.data?.readonly ?? true;
  const status = useQuery('packages.status', { planId }, ALL_DOMAINS);
  const [exporting, setExporting] = useState(false);
  const [preview, setShown] = useState<Preview | null>(() => keptPreview(planId));
  const setPreview = (p: Preview | null) => {
    keepPreview(planId, p);
    setShown(p);
  };
  const [applied, setApplied] = useState<Applied | null>(null);
  // the menu's 导出报送包… / 导入报送包… (command.ts): done once, the route's focus cleared so a reload does not repeat it
  const command = packageCommandOf(focus);
  const [called, setCalled] = useState<PackageCommand | null>(null);
  useEffect(() => {
    if (!command || !info.data) return;
    window.location.hash = routeHref({ screen: 'plan', planId, tab: 'packages', focus: '' });
    if (info.data.readonly) notify('error', t('pkg.commandReadonly'));
    else if (command === 'export') setExporting(true);
    else setCalled('import');
  }, [command, info.data, planId]);

  const onApplied = (a: Applied) => {
    setPreview(null);
    setApplied(a);
    notify('info', t('pkg.applied', { version: a.versionName, n: a.applied }));
    status.reload();
  };
  const undo = () => {
    if (!applied) return;
    call('history.undo', { planId: applied.planId })
      .then(() => {
        setApplied(null);
        notify('info', t('pkg.undone'));
        status.reload();
      })
      .catch(notifyError);
  };

  return (
    <div className="transfer pkg" data-testid="packages-tab">
      <p className="muted small">{t('pkg.intro')}</p>
      {!readonly && (
        <p className="transfer-actions">
          <button type="button" onClick={() => setExporting(true)} data-testid="pkg-export">
            {t('pkg.export')}
          </button>
          <ImportButton
            called={called === 'import'}
            onPreview={(p) => {
              setApplied(null);
              setPreview(p);
              status.reload();
            }}
          />
        </p>
      )}
      {applied && (
        <p className="pkg-applied" data-testid="pkg-applied">
          {t('pkg.applied', { version: applied.versionName, n: applied.applied })}{' '}
          <button type="button" className="small" onClick={undo} data-testid="pkg-undo">
            {t('pkg.undo')}
          </button>
        </p>
      )}
      {preview && (
        <ImportPreview
          key={preview.packageId}
          preview={preview}
          onClose={() => {
            setPreview(null);
            status.reload();
          }}
          onConflicts={(p) => {
            keepPreview(planId, p);
            status.reload();
          }}
          onApplied={onApplied}
        />
      )}
      <section>
        <h2>{t('pkg.statusTitle')}</h2>
        <StatusPanel
          status={status.data}
          onReopen={
            readonly
              ? undefined
              : (packageId) =>
                  call('packagefiles.reopen', { packageId })
                    .then((p) => {
                      setApplied(null);
                      setPreview(p);
                    })
                    .catch(notifyError)
          }
        />
      </section>
      {exporting && (
        <ExportDialog
          planId={planId}
          onDone={() => {
            setExporting(false);
            status.reload();
          }}
        />
      )}
    </div>
  );
}

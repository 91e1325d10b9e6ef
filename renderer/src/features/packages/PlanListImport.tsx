/**
 * 导入报送包 on the plan list: a district's first package carries the whole plan, and the plan does not
 * exist in the file yet, so it is imported from here; once applied, 打开规划 opens it.
 */
import { useState } from 'react';
import { t } from '../../i18n/index.ts';
import { notify } from '../../notify.tsx';
import { routeHref } from '../../router.ts';
import { ImportButton, ImportPreview, type Applied } from './ImportPreview.tsx';
import { keepPreview, keptPreview, type Preview } from './shared.ts';
import './packages.css';
import { Dialog } from '../../components/Dialog.tsx';

export function PlanListImport() {
  const [preview, setShown] = useState<Preview | null>(() => keptPreview('list'));
  const setPreview = (p: Preview | null) => {
    keepPreview('list', p);
    setShown(p);
  };
  const [applied, setApplied] = useState<Applied | null>(null);
  return (
    <>
      <ImportButton onPreview={(p) => { setApplied(null); setPreview(p); }} />
      {(preview || applied) && (
        <Dialog label={t('pkg.importTitle')} className="pkg transfer pkg-on-list" onEscape={null}>
          {applied && (
            <p className="pkg-applied" data-testid="pkg-applied">
              {t('pkg.applied', { version: applied.versionName, n: applied.applied })}{' '}
              <a href={routeHref({ screen: 'plan', planId: applied.planId, tab: 'packages', focus: '' })} data-testid="pkg-open-plan">
                {t('pkg.openPlan')}
              </a>
            </p>
          )}
          {preview && (
            <ImportPreview
              key={preview.packageId}
              preview={preview}
              onClose={() => setPreview(null)}
              onConflicts={(p) => keepPreview('list', p)}
              onApplied={(a) => {
                setPreview(null);
                setApplied(a);
                notify('info', t('pkg.applied', { version: a.versionName, n: a.applied }));
              }}
            />
          )}
          {applied && (
            <p className="dialog-actions">
              <button type="button" onClick={() => setApplied(null)} data-testid="pkg-list-close">
                {t('pkg.close')}
              </button>
            </p>
          )}
        </Dialog>
      )}
    </>
  );
}

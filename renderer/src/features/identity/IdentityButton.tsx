/**
 * The header's identity: who the audit log names now, as a button that opens the identity dialog.
 * On first start (no identity, not answered "later" in this browser) the dialog opens by itself.
 * Without an identity the button stays a hint ("未署名 · 设置身份").
 */
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useQuery } from '../../api/useQuery.ts';
import { t } from '../../i18n/index.ts';
import { IdentityDialog, type IdentityState } from './IdentityDialog.tsx';

/** localStorage: the first-run dialog was answered "later" */
export const LATER_KEY = 'plandesk.identity.later';

function askedBefore(): boolean {
  try {
    return localStorage.getItem(LATER_KEY) === '1';
  } catch {
    return false;
  }
}

export function IdentityButton({ onChanged }: { onChanged: () => void }) {
  const q = useQuery('identity.get', {});
  const [open, setOpen] = useState<'first' | 'settings' | null>(null);
  const state: IdentityState | null = q.data;
  useEffect(() => {
    if (state && !state.identity && state.folder && !askedBefore()) setOpen('first');
  }, [state]);
  // Set elsewhere meanwhile (another tab, `plandesk identity set`): shown when the window is used again.
  const reload = q.reload;
  useEffect(() => {
    window.addEventListener('focus', reload);
    return () => window.removeEventListener('focus', reload);
  }, [reload]);
  if (!state) return null;
  const a = state.author;
  const where = [a.department, a.district].filter(Boolean).join(' · ');
  const unset = a.source !== 'identity';
  const done = (saved: IdentityState | null) => {
    if (!saved && open === 'first') {
      try {
        localStorage.setItem(LATER_KEY, '1');
      } catch {
        /* a browser without storage asks again next time */
      }
    }
    setOpen(null);
    if (saved) {
      q.reload();
      onChanged();
    }
  };
  return (
    <>
      <button
        type="button"
        className={`topbar-button${unset ? ' identity-unset' : ''}`}
        onClick={() => setOpen('settings')}
        title={unset ? (a.source === 'plan' ? t('identity.fromPlan', { name: a.name }) : t('identity.laterHint')) : where}
        data-testid="identity-button"
      >
        {unset && a.source === 'none' ? t('identity.buttonUnset') : t('identity.button', { name: where ? `${a.name}（${where}）` : a.name })}
      </button>
      {open && createPortal(<IdentityDialog state={state} firstRun={open === 'first'} onDone={done} />, document.body)}
    </>
  );
}

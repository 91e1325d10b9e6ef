/** Undo / redo of whole actions (edits, pastes, inserts, deletes) from the plan file's audit log: survives restarts. */
import { useCallback, useEffect, useState } from 'react';
import { call, writesSettled } from '../../api/client.ts';
import { notify, notifyError } from '../../notify.tsx';
import { t } from '../../i18n/index.ts';
import { ALL_DOMAINS, useChanges } from '../../api/changes.ts';
import { listenUndoState, undoStateKnown, type UndoState } from '../../api/history.ts';

type Status = UndoState;
const sameStatus = (a: Status, b: Status) => a.canUndo === b.canUndo && a.canRedo === b.canRedo && a.undoLabel === b.undoLabel && a.redoLabel === b.redoLabel;

export function useHistory(planId: string) {
  const [status, setStatus] = useState<Status>({ canUndo: false, canRedo: false, undoLabel: null, redoLabel: null });
  // The same state again renders nothing (the toolbar is beside the grid being edited).
  const show = useCallback((s: Status) => setStatus((prev) => (sameStatus(prev, s) ? prev : s)), []);
  const load = useCallback(() => {
    call('history.status', { planId }).then(show).catch(notifyError);
  }, [planId, show]);
  useEffect(load, [load]);
  // A write's answer carries the plan's undo state after it (api/history.ts): shown as it comes, no call.
  useEffect(() => listenUndoState((p, s) => p === planId && show(s)), [planId, show]);
  // Any write of this plan moves the undo stack: asked only when its change set came without the state.
  useChanges(ALL_DOMAINS, (c) => {
    if (c.everything) load();
    else if (c.planId === planId && (c.changeSetId === null || !undoStateKnown(planId, c.changeSetId))) load();
  });
  const undo = useCallback(async () => {
    try {
      // After the edits already sent (shown at once, maybe not yet answered): undo undoes the last of them.
      await writesSettled();
      // Its change set is published by the client: the views refresh what the undo put back.
      const r = await call('history.undo', { planId });
      if (r.undone) notify('info', t('wb.undone', { label: r.undone }));
    } catch (err) {
      notifyError(err);
    }
  }, [planId]);
  const redo = useCallback(async () => {
    try {
      await writesSettled();
      const r = await call('history.redo', { planId });
      if (r.redone) notify('info', t('wb.redone', { label: r.redone }));
    } catch (err) {
      notifyError(err);
    }
  }, [planId]);
  // Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z) anywhere but inside a text field being edited.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void undo();
      } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
        e.preventDefault();
        void redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);
  return { status, undo, redo };
}

const LABEL_BOX = { display: 'inline-block', width: 300, flex: '0 0 300px' } as const;

export function HistoryBar({ planId }: { planId: string }) {
  const { status, undo, redo } = useHistory(planId);
  return (
    <span className="history-bar">
      <button type="button" onClick={() => void undo()} disabled={!status.canUndo} title={status.undoLabel ? t('wb.undoWhat', { label: status.undoLabel }) : ''} data-testid="undo">
        ↶ {t('wb.undo')}
      </button>
      <button type="button" onClick={() => void redo()} disabled={!status.canRedo} title={status.redoLabel ? t('wb.redoWhat', { label: status.redoLabel }) : ''} data-testid="redo">
        ↷ {t('wb.redo')}
      </button>
      {/* Always there and of one width: a label appearing or growing (最近修改 …) never re-wraps the toolbar, so the grid below stays put mid-edit. */}
      <span className="muted small history-label" style={LABEL_BOX} title={status.undoLabel ? t('wb.lastChange', { label: status.undoLabel }) : undefined} data-testid="history-label">
        {status.undoLabel ? t('wb.lastChange', { label: status.undoLabel }) : ''}
      </span>
    </span>
  );
}

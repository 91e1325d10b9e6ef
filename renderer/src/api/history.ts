/**
 * The plan's undo/redo state as the last write answered it (contract/op.ts writeOp `history`, added by
 * db/dispatch.ts; the web host pushes it to the other tabs beside the change set). The toolbar
 * (features/workbench/HistoryBar.tsx) shows it, and asks history.status only for a change set that came
 * without it. api/client.ts publishes it here before the change set itself, so a view listening to
 * both knows, when the change set arrives, that the state is already current.
 */
import { undoState, type UndoState } from '../../../contract/op.ts';
import { afterNextFrame } from './frame.ts';

export type { UndoState };

const latest = new Map<string, { changeSetId: number; state: UndoState }>();
const listeners = new Set<(planId: string, state: UndoState) => void>();

// Plans whose new state the listeners have not been told yet (see publishUndoState).
const untold = new Set<string>();
let telling = false;

/**
 * The state after change set `changeSetId` of `planId`; an older one arriving after a newer is ignored.
 * Known at once (undoStateKnown), told to the listeners (the toolbar) after the next frame: an edit's
 * answer then draws the stored cell first and the toolbar's undo/redo a frame later.
 */
export function publishUndoState(planId: string, changeSetId: number, state: UndoState): void {
  const prev = latest.get(planId);
  if (prev && prev.changeSetId > changeSetId) return;
  latest.set(planId, { changeSetId, state });
  untold.add(planId);
  if (telling) return;
  telling = true;
  afterNextFrame(() => {
    telling = false;
    const plans = [...untold];
    untold.clear();
    for (const p of plans) {
      const known = latest.get(p);
      if (known) for (const l of [...listeners]) l(p, known.state);
    }
  });
}

/** True when the state after change set `changeSetId` (or a later one) of `planId` has been published. */
export function undoStateKnown(planId: string, changeSetId: number): boolean {
  const known = latest.get(planId);
  return known !== undefined && known.changeSetId >= changeSetId;
}

/** A backup put in place of the file: its change set ids start again, so what was known says nothing. */
export function forgetUndoStates(): void {
  latest.clear();
  untold.clear();
}

export function listenUndoState(listener: (planId: string, state: UndoState) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The `history` a write's answer carries, when it is well formed. */
export function undoStateIn(value: unknown): UndoState | null {
  if (value === null || typeof value !== 'object' || !('history' in value)) return null;
  const parsed = undoState.safeParse(value.history);
  return parsed.success ? parsed.data : null;
}

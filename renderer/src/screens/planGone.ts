/**
 * The plan on screen taken away (issue 14): undoing the creation of a plan (plans.create / copy /
 * a draft created) while the planner is on it removes the plan. The plan screen then goes back to the
 * plan list, which says so, with a redo that brings the plan back (PlanList's notice bar). Kept here
 * between the two screens (the plan screen unmounts as the list mounts).
 */
import { useSyncExternalStore } from 'react';

export interface PlanGone {
  planId: string;
  /** the undone step's label ("新建规划“…”") when the plan's redo can bring it back, else null */
  redoLabel: string | null;
}

let gone: PlanGone | null = null;
const listeners = new Set<() => void>();

export function setPlanGone(next: PlanGone | null): void {
  gone = next;
  listeners.forEach((l) => l());
}

export function usePlanGone(): PlanGone | null {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => gone,
  );
}

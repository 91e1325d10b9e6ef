/**
 * One counter that every workbench view follows: any saved edit, paste, insert, delete, undo or redo
 * bumps it, so grids, totals and charts reload together and always show what is in the file.
 */
import { useSyncExternalStore } from 'react';

let version = 0;
const listeners = new Set<() => void>();

export function bumpData(): void {
  version++;
  listeners.forEach((l) => l());
}

export function useDataVersion(): number {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => version,
  );
}

/** Reads a focus parameter (see router.ts) such as `indicator=ID&row=district:d-500116&year=2027`. */
export function parseFocus(focus: string): URLSearchParams {
  return new URLSearchParams(focus);
}

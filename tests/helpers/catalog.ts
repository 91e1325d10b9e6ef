/** Shared by the authoring tests of clusters, indicators and departments: the plan's content without the history tables. */
import type { PlanStore } from '../../db/store.ts';
import { dumpTables } from './store.ts';

export function content(s: PlanStore): Record<string, unknown[]> {
  const { change_sets: _c, audit_log: _a, ...rest } = dumpTables(s);
  return rest;
}

/** The refusal of a call (throws when it was accepted). */
export function refusal(s: PlanStore, name: string, input: unknown): { code: string; message: string; issues: { field?: string; row?: number; message: string }[] } {
  const r = s.call(name, input);
  if (r.ok) throw new Error(`${name} was accepted`);
  return r.error;
}

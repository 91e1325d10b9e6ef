/**
 * What the workbench views share about their data. Refreshing after a write is not here: every write
 * answers with the change set it made and the views listen to the domains they show (api/changes.ts).
 */
import type { TargetMatrix } from '../../../../contract/ops/targets.ts';
import { applyTargetChanges, type MatrixUpdate } from '../../../../domain/target-matrix.ts';

/** Reads a focus parameter (see router.ts) such as `indicator=ID&row=district:d-500116&year=2027`. */
export function parseFocus(focus: string): URLSearchParams {
  return new URLSearchParams(focus);
}

type TargetsChange = Parameters<typeof applyTargetChanges>[1];
let lastApplied: { matrix: TargetMatrix; change: TargetsChange; update: MatrixUpdate } | null = null;

/**
 * applyTargetChanges, once per matrix and change set: an edit's answer is applied by the grid at once
 * (MatrixGrid, straight into its rows) and by the tab (its matrix state) from the same published change
 * set; the growth figures (Decimal logarithms) cost a few ms each time.
 */
export function appliedTargets(matrix: TargetMatrix, change: TargetsChange): MatrixUpdate {
  if (lastApplied && lastApplied.matrix === matrix && lastApplied.change === change) return lastApplied.update;
  const update = applyTargetChanges(matrix, change);
  lastApplied = { matrix, change, update };
  return update;
}

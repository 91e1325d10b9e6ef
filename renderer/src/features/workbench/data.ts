/**
 * What the workbench views share about their data. Refreshing after a write is not here: every write
 * answers with the change set it made and the views listen to the domains they show (api/changes.ts).
 */

/** Reads a focus parameter (see router.ts) such as `indicator=ID&row=district:d-500116&year=2027`. */
export function parseFocus(focus: string): URLSearchParams {
  return new URLSearchParams(focus);
}

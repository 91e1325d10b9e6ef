/**
 * Positions in a plan's list of clusters or indicators (and the departments' list): pure, no database.
 * A list is stored as sort_order 1..n; an insert or a move renumbers the rows whose place changes, each
 * renumbering recorded by the caller (rec.update … 'sort_order'), so undo puts every row back.
 */

export interface Placed {
  id: string;
  sort_order: number | null;
}

/** `position` clamped to 0..length (past the end: last). */
export function clampPosition(position: number | undefined, length: number): number {
  if (position === undefined) return length;
  return Math.max(0, Math.min(position, length));
}

/** The rows whose sort_order must change for the list to read `ids` in order, numbered from 1 (null: a place left free). */
export function renumber(rows: readonly Placed[], ids: readonly (string | null)[]): { id: string; from: number | null; to: number }[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: { id: string; from: number | null; to: number }[] = [];
  ids.forEach((id, i) => {
    if (id === null) return; // a free place (where a new row goes)
    const from = byId.get(id)?.sort_order ?? null;
    if (from !== i + 1) out.push({ id, from, to: i + 1 });
  });
  return out;
}

/** `ids` with `id` taken out and put back at `position` (0-based, clamped). */
export function moved(ids: readonly string[], id: string, position: number): string[] {
  const rest = ids.filter((x) => x !== id);
  const at = clampPosition(position, rest.length);
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}

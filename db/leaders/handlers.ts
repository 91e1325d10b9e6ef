import type { StoreContext } from '../context.ts';
import type { HandlersFor } from '../../contract/operations.ts';
import type { leaderOps, Leader } from '../../contract/ops/leaders.ts';
import { leaderQueries, type LeaderDutyRow } from './queries.ts';
import { departmentNamed } from './rules.ts';

/**
 * The leaders with their duties, in the document's order. A duty whose department was deleted (or
 * merged away) after the seed was written is matched again by its text against today's names and aliases.
 */
export function listLeaders(ctx: StoreContext): Leader[] {
  const q = leaderQueries(ctx.db);
  const names = q.departmentNames.all();
  const byName = new Map(names.map((r) => [r.name, r.id]));
  const nameOf = new Map(names.filter((r) => r.name === r.canonical).map((r) => [r.id, r.name]));
  const duties = new Map<string, LeaderDutyRow[]>();
  for (const d of q.duties.all()) duties.set(d.leader_id, [...(duties.get(d.leader_id) ?? []), d]);
  return q.all.all().map((l) => ({
    id: l.id,
    name: l.name,
    title: l.title,
    docNumber: l.doc_number,
    source: l.source,
    duties: (duties.get(l.id) ?? []).map((d) => {
      const departmentId = d.department_id ?? departmentNamed(d.text, byName);
      return {
        kind: d.kind,
        verb: d.verb,
        text: d.text,
        departmentId,
        departmentName: d.department_name ?? (departmentId ? (nameOf.get(departmentId) ?? null) : null),
        sourceLine: d.source_line,
        sourceText: d.source_text,
      };
    }),
  }));
}

export const leaderHandlers = {
  'leaders.list': (ctx) => listLeaders(ctx),
} satisfies HandlersFor<typeof leaderOps, StoreContext>;

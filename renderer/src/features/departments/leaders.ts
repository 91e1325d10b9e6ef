/** The leaders' 分工 as the department views use it: which leader 分管 (or, for the 市长, 主管) a department. */
import type { Leader } from '../../../../contract/ops/leaders.ts';

export interface DepartmentLeader {
  leaderId: string;
  name: string;
  title: string;
  /** the document's word: 分管 or 主管 */
  verb: string;
  /** the body as the document writes it (市金融监管局（市金融工作局）) */
  text: string;
}

export function leadersByDepartment(leaders: readonly Leader[]): Map<string, DepartmentLeader[]> {
  const out = new Map<string, DepartmentLeader[]>();
  for (const l of leaders)
    for (const d of l.duties)
      if (d.kind === '分管' && d.departmentId)
        out.set(d.departmentId, [...(out.get(d.departmentId) ?? []), { leaderId: l.id, name: l.name, title: l.title, verb: d.verb, text: d.text }]);
  return out;
}

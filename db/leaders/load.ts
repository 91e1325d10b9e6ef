/** Writes the leaders' seed (seeds/leaders.json, validated) into a new file: the seed loader calls it in its transaction. */
import type { StoreContext } from '../context.ts';
import { invalid } from '../errors.ts';
import { seedLeaders } from './format.ts';
import { leaderQueries } from './queries.ts';
import { departmentNamed } from './rules.ts';

export function loadLeaderSeed(ctx: StoreContext, data: unknown): void {
  const parsed = seedLeaders.safeParse(data);
  if (!parsed.success) throw invalid('种子数据格式错误', [{ field: 'leaders.json', message: parsed.error.message }]);
  const q = leaderQueries(ctx.db);
  const byName = new Map(q.departmentNames.all().map((r) => [r.name, r.id]));
  const { document, leaders } = parsed.data;
  leaders.forEach((l, i) => {
    q.insert.run({ id: l.id, name: l.name, title: l.title, sort_order: i, doc_number: document.docNumber, source: `${document.docNumber}《${document.title}》，${document.issuer} ${document.issueDate}，${document.source}` });
    l.duties.forEach((d, position) =>
      q.insertDuty.run({
        leader_id: l.id, kind: d.kind, verb: d.verb, text: d.text, department_id: departmentNamed(d.text, byName),
        position, source_line: d.line, source_text: d.sourceText,
      }),
    );
  });
}

/**
 * A file made before migration 010 has the leaders' tables empty after the upgrade: the leaders are
 * reference data every file should hold, so the host that upgraded it adds them (once: only while the table
 * is empty), in one transaction. Called by openStore right after a migration from a version below 10.
 */
export function addLeadersAfterUpgrade(ctx: StoreContext, data: unknown): void {
  const empty = ctx.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM leaders').get()?.n === 0;
  if (empty) ctx.db.transaction(() => loadLeaderSeed(ctx, data))();
}

/**
 * `versions.diff`: every change between two sides of one plan as one document, the shape
 * `plandesk diff --json` prints (docs/diff-json.md). Each cell also carries its field's name and both
 * values as people read them (ids named), so a client prints text without knowing the core's labels.
 */
import type { StoreContext } from '../context.ts';
import type { DiffDocument } from '../../contract/ops/versions.ts';
import { compareRows, type Side } from './diff.ts';
import { Namer } from './present.ts';
import { toVersion } from './queries.ts';
import { VERSIONED } from './rows.ts';
import { fieldLabel } from './labels.ts';
import { comparisonSides } from './export.ts';
import { getPlanRow } from '../plans/handlers.ts';

const sideInfo = (s: Side): DiffDocument['from'] => (s === 'current' ? { current: true } : { current: false, ...toVersion(s) });

export function diffDocument(ctx: StoreContext, input: { planId: string; from: number | 'current'; to: number | 'current' }): DiffDocument {
  const { planId, from, to } = comparisonSides(ctx, input);
  const plan = getPlanRow(ctx, planId);
  const namer = new Namer(ctx, planId);
  const summary = new Map(VERSIONED.map((e) => [e, { table: e, added: 0, removed: 0, changed: 0, cells: 0 }]));
  const changes: DiffDocument['changes'] = [];
  for (const c of compareRows(ctx, planId, from, to)) {
    const s = summary.get(c.entity);
    if (s) {
      s[c.kind]++;
      s.cells += c.cells.length;
    }
    changes.push({
      table: c.entity,
      id: c.rowId,
      kind: c.kind,
      label: namer.label(c),
      cells: c.cells.map((x) => ({
        field: x.field,
        old: x.old,
        new: x.new,
        ...(x.delta !== undefined ? { delta: x.delta, pct: x.pct ?? null } : {}),
        fieldLabel: fieldLabel(x.field),
        oldText: namer.text(c.entity, x.field, x.old, c.old),
        newText: namer.text(c.entity, x.field, x.new, c.new),
      })),
      ...(c.kind === 'changed' ? {} : { row: c.new ?? c.old ?? {} }),
    });
  }
  return {
    format: 'plandesk-diff',
    formatVersion: 1,
    plan: { id: plan.id, title: plan.title, docNumber: plan.doc_number },
    from: sideInfo(from),
    to: sideInfo(to),
    changes,
    summary: [...summary.values()],
  };
}

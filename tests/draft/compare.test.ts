/** draft.compare: a draft against a plan already in the file, in versions.compare's shape. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtStore, ok, seededStore } from '../helpers/store.ts';
import type { DraftPlan } from '../../contract/ops/draft.ts';
import type { Comparison } from '../../contract/ops/versions.ts';
import type { SeedCommon } from '../../db/seed/format.ts';
import { gazetteFile } from '../helpers/gazette.ts';

const common = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../seeds/common.json'), 'utf8')) as SeedCommon;
const file000 = () => gazetteFile('000');
const changed = (c: Comparison) => c.summary.reduce((n, s) => n + s.added + s.removed + s.changed, 0);

describe('draft.compare', () => {
  it('a draft of the plan it created compares equal; one changed district target shows as one change, with its difference', () => {
    const store = builtStore((b) => {
      b.common = structuredClone(common);
    });
    const read = ok<{ drafts: DraftPlan[] }>(store, 'draft.read', file000());
    const draft = read.drafts[0];
    if (!draft) throw new Error('no draft');
    const made = ok<{ planIds: string[] }>(store, 'draft.create', { drafts: [draft] });
    const planId = made.planIds[0] ?? '';
    const same = ok<Comparison>(store, 'draft.compare', { draft, planId });
    expect(same.summary.map((s) => [s.table, s.added, s.removed, s.changed])).toEqual([
      ['plan', 0, 0, 0], ['plan_district', 0, 0, 0], ['cluster', 0, 0, 0], ['indicator', 0, 0, 0], ['target', 0, 0, 0], ['task', 0, 0, 0],
    ]);
    expect(same.total).toBe(0);

    const edited = structuredClone(draft);
    const jiangjin = edited.districts.find((d) => d.name === '江津区');
    const t = jiangjin?.targets[0];
    if (!t) throw new Error('no 江津区 target');
    expect(t.value).toBe('3000');
    t.value = '3200';
    const one = ok<Comparison>(store, 'draft.compare', { draft: edited, planId });
    expect(one.total).toBe(1);
    expect(changed(one)).toBe(1);
    const row = one.rows[0];
    expect(row).toMatchObject({ table: 'target', kind: 'changed' });
    expect(row?.label).toContain('江津区');
    expect(row?.cells).toEqual([expect.objectContaining({ field: 'value', old: '3000', new: '3200', delta: '200' })]);
    expect(one.byDistrict).toEqual([expect.objectContaining({ name: '江津区', changed: 1, deltas: [expect.objectContaining({ delta: '200' })] })]);

    // a task dropped from the draft and an indicator added to it: removed and added
    const more = structuredClone(draft);
    const dropped = more.tasks.splice(3, 1)[0];
    more.indicators.push({ ...structuredClone(more.indicators[0]!), id: `${more.plan.id}/i/new`, name: '新指标', targets: [] });
    const two = ok<Comparison>(store, 'draft.compare', { draft: more, planId });
    expect(two.rows.map((r) => [r.table, r.kind, r.label])).toEqual([
      ['indicator', 'added', '新指标'],
      ['task', 'removed', `${dropped?.number ?? ''} ${dropped?.title ?? ''}`.trim()],
    ]);
  });

  it('compares a draft with the curated seed of its 文号 without calling every record new', () => {
    const store = seededStore();
    const draft = ok<{ drafts: DraftPlan[] }>(store, 'draft.read', file000()).drafts[0];
    if (!draft) throw new Error('no draft');
    const plan = ok<{ id: string; docNumber: string }[]>(store, 'plans.list', {}).find((p) => p.docNumber === draft.plan.docNumber);
    if (!plan) throw new Error('13号 not seeded');
    const c = ok<Comparison>(store, 'draft.compare', { draft, planId: plan.id, limit: 5 });
    expect(c.planId).toBe(plan.id);
    const added = c.summary.reduce((n, s) => n + s.added, 0);
    const size = draft.tasks.length + draft.indicators.length + draft.districts.length + draft.clusters.length;
    console.log(`draft.compare 13号 against its seed: ${added} added, ${c.total} changed rows in all, of ${size} records (+ targets)`);
    // the records are matched by content (the drafter's ids are not the seed's): the header, districts and
    // clusters are the seed's; what differs is wording (“分别提高至87%” against the seed's “87%”)
    expect(c.summary.filter((s) => ['plan', 'plan_district', 'cluster'].includes(s.table)).every((s) => s.added + s.removed + s.changed === 0)).toBe(true);
    expect(added).toBeLessThanOrEqual(2);
    expect(c.total).toBeLessThan(size);
    expect(c.rows.length).toBeLessThanOrEqual(5);
  });

  it('refuses an unknown plan', () => {
    const store = seededStore();
    const draft = ok<{ drafts: DraftPlan[] }>(store, 'draft.read', file000()).drafts[0];
    const r = store.call('draft.compare', { draft, planId: 'p-none' });
    expect(r.ok).toBe(false);
  });
});

/** clusters.create / move / delete (db/clusters/authoring.ts): checked, one step, undone whole. */
import { describe, expect, it } from 'vitest';
import { ok, seededStore } from '../helpers/store.ts';
import { content, refusal } from '../helpers/catalog.ts';
import type { PlanOverview } from '../../contract/entities.ts';

const PLAN = 'p-yufu-2023-13';
const names = (s: ReturnType<typeof seededStore>) => ok<PlanOverview>(s, 'plans.get', { planId: PLAN }).clusters.map((c) => c.name);

describe('cluster authoring', () => {
  it('adds a cluster at a position, renames and moves it; undo takes each step back', () => {
    const s = seededStore();
    const before = names(s);
    const start = content(s);
    const made = ok<{ id: string; position: number }>(s, 'clusters.create', { planId: PLAN, name: '  低空经济  ', position: 1 });
    expect(made.position).toBe(1);
    expect(names(s)).toEqual([before[0], '低空经济', ...before.slice(1)]);
    ok(s, 'clusters.update', { planId: PLAN, updates: [{ clusterId: made.id, patch: { name: '低空经济产业集群' } }] });
    ok(s, 'clusters.move', { planId: PLAN, clusterId: made.id, position: 99 });
    expect(names(s).at(-1)).toBe('低空经济产业集群');
    ok(s, 'history.undo', { planId: PLAN });
    expect(names(s)[1]).toBe('低空经济产业集群');
    ok(s, 'history.undo', { planId: PLAN });
    ok(s, 'history.undo', { planId: PLAN });
    expect(names(s)).toEqual(before);
    expect(content(s)).toEqual(start);
    ok(s, 'history.redo', { planId: PLAN });
    expect(names(s)[1]).toBe('低空经济');
  });

  it('refuses a blank or duplicate name, naming the field and row, writing nothing', () => {
    const s = seededStore();
    const start = content(s);
    const first = names(s)[0] ?? '';
    const dup = refusal(s, 'clusters.create', { planId: PLAN, name: first, position: 0 });
    expect(dup.code).toBe('INVALID_INPUT');
    expect(dup.message).toContain(`产业集群名称“${first}”已存在`);
    expect(dup.issues[0]).toMatchObject({ field: 'name', row: 1 });
    expect(refusal(s, 'clusters.create', { planId: PLAN, name: '  ' }).message).toBe('产业集群名称不能为空');
    expect(content(s)).toEqual(start);
  });

  it('a delete first refuses, naming the target values and comments that would go; confirmed, it deletes them; undo puts all back', () => {
    const s = seededStore();
    const doc = ok<PlanOverview>(s, 'plans.get', { planId: PLAN });
    const c = doc.clusters[0]!;
    expect(c.targets.length).toBeGreaterThan(0);
    const t = c.targets[0]!;
    ok(s, 'comments.add', { planId: PLAN, on: { target: 'cell', cell: { indicatorId: t.indicatorId, scope: 'cluster', scopeId: c.id, year: t.year, period: '', kind: t.kind } }, body: '核实口径' });
    const start = content(s);
    const r = refusal(s, 'clusters.delete', { planId: PLAN, clusterId: c.id });
    expect(r.code).toBe('CONFLICT');
    expect(r.message).toContain(`删除产业集群“${c.name}”将同时删除${c.targets.length} 个目标值、1 条批注`);
    expect(content(s)).toEqual(start);
    const d = ok<{ targetValues: number; comments: number }>(s, 'clusters.delete', { planId: PLAN, clusterId: c.id, confirm: true });
    expect(d).toMatchObject({ targetValues: c.targets.length, comments: 1 });
    expect(names(s)).not.toContain(c.name);
    expect(s.db.prepare("SELECT count(*) AS n FROM target_values WHERE scope = 'cluster' AND scope_id = ?").get(c.id)).toEqual({ n: 0 });
    expect(s.db.prepare('SELECT count(*) AS n FROM comments WHERE scope_id = ?').get(c.id)).toEqual({ n: 0 });
    ok(s, 'history.undo', { planId: PLAN });
    expect(content(s)).toEqual(start);
  });
});

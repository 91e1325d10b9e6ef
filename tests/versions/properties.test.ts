/**
 * Property tests of the comparison and of saved versions (fast-check), on real plan files — in memory-backed
 * /dev/shm where there is one: about a hundred small files, each with a few dozen committed change sets, whose
 * fsyncs are not what these properties are about (durability: tests/safety).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { builtStore, type SeedBuilder } from '../helpers/store.ts';
import { createVersion, getVersionRow } from '../../db/versions/store.ts';
import { compareRows } from '../../db/versions/diff.ts';
import { VERSIONED, type VersionedEntity } from '../../db/versions/rows.ts';
import { applyChanges, comparedPart } from '../../db/versions/rules.ts';
import type { PlanStore } from '../../db/store.ts';
import { applyEdits, currentRows, versionRows, type Edit, type Rows } from './helpers.ts';

const PLAN = 'p-prop';
const IDS = Array.from({ length: 12 }, (_, i) => `t-${i}`);
const text = fc.oneof(fc.constantFrom('甲', '乙', '丙', '', ' x ', '->', 'NULL'), fc.string({ maxLength: 6 }));
const nullableText = fc.option(text, { nil: null });

const taskArb = fc.record({
  title: fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim().length > 0),
  description: nullableText,
  lead: fc.subarray(['单位甲', '单位乙', '单位丙']),
  districts: fc.subarray(['甲区', '乙区']),
});
type TaskGen = typeof taskArb extends fc.Arbitrary<infer T> ? T : never;
const planArb = fc.uniqueArray(fc.record({ id: fc.constantFrom(...IDS), task: taskArb }), { selector: (r) => r.id, minLength: 1, maxLength: 8 });

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), entity: fc.constant('task' as const), id: fc.constantFrom(...IDS), field: fc.constantFrom('progress', 'description', 'section'), value: nullableText }),
  fc.record({ op: fc.constant('set' as const), entity: fc.constant('task' as const), id: fc.constantFrom(...IDS), field: fc.constantFrom('title', 'number'), value: text.filter((s) => s.trim() !== '') }),
  fc.record({ op: fc.constant('set' as const), entity: fc.constant('task' as const), id: fc.constantFrom(...IDS), field: fc.constant('status'), value: fc.constantFrom('未开始', '进行中', '已完成', '滞后') }),
  fc.record({ op: fc.constant('set' as const), entity: fc.constant('task' as const), id: fc.constantFrom(...IDS), field: fc.constant('sort_order'), value: fc.integer({ min: 0, max: 20 }) }),
  fc.record({ op: fc.constant('set' as const), entity: fc.constant('task' as const), id: fc.constantFrom(...IDS), field: fc.constant('lead_departments'), value: fc.subarray(['u-1', 'u-2', 'u-3']) }),
  fc.record({ op: fc.constant('set' as const), entity: fc.constant('target' as const), id: fc.constantFrom('ind/district/d-1/2024/target', 'ind/plan//2025/target'), field: fc.constant('value'), value: fc.option(fc.integer({ min: -50, max: 5000 }).map(String), { nil: null }) }),
  fc.record({ op: fc.constant('delete' as const), entity: fc.constantFrom('task' as const, 'target' as const), id: fc.constantFrom(...IDS, 'ind/district/d-1/2024/target') }),
  fc.record({ op: fc.constant('insertTask' as const), planId: fc.constant(PLAN), title: fc.constantFrom('新任务', '另一项'), sortOrder: fc.integer({ min: 0, max: 30 }), id: fc.constantFrom(...IDS) }),
);

const FILES = fs.mkdtempSync(path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'plandesk-prop-'));
afterAll(() => fs.rmSync(FILES, { recursive: true, force: true }));
let built = 0;

function build(plan: { id: string; task: TaskGen }[]): PlanStore {
  // the run before this one is over: its file goes (a /dev/shm may be small), even if a failing run left it open
  for (const f of fs.readdirSync(FILES)) fs.rmSync(path.join(FILES, f), { force: true });
  const file = path.join(FILES, `p${++built}.plandesk`);
  return builtStore((b: SeedBuilder) => {
    b.district('甲区', { id: 'd-1' });
    b.district('乙区', { id: 'd-2' });
    b.department('单位甲');
    b.department('单位乙');
    b.department('单位丙');
    const p = b.plan({ id: PLAN, periodStart: 2023, periodEnd: 2027 });
    p.districts.push({ districtId: 'd-1', priorityIndustries: [], featuredIndustries: [], note: null, source: 'test' });
    p.indicators.push({ id: 'ind', category: null, name: '营业收入', unit: '亿元', attribute: null, baselineYear: 2022, baselineValue: '100', baselineText: null, targetYear: 2027, targetValue: '200', targetText: null, statedGrowthText: null, note: null, source: 'test' });
    p.targets.push({ indicatorId: 'ind', scope: 'district', scopeId: 'd-1', year: 2024, kind: 'target', value: '120', text: null, source: 'test' });
    p.targets.push({ indicatorId: 'ind', scope: 'plan', scopeId: null, year: 2025, kind: 'target', value: '150', text: null, source: 'test' });
    for (const { id, task } of plan) {
      p.tasks.push({ id, number: id, section: null, title: task.title, description: task.description, leadDepartments: task.lead, participatingDepartments: [], districts: task.districts, deadline: null, deadlineText: null, quantitativeGoal: null, source: 'test' });
    }
  }, file);
}

/** Each edit on its own change set (an insert of an existing id is skipped); returns the change sets written. */
function edit(s: PlanStore, edits: Edit[]): number {
  let n = 0;
  for (const e of edits) {
    const exists = (id: string) => !!s.db.prepare('SELECT 1 FROM tasks WHERE id = ?').get(id);
    if (e.op === 'insertTask' && e.id && exists(e.id)) continue;
    applyEdits(s, PLAN, [e]);
    n++;
  }
  return n;
}

const compared = (entity: VersionedEntity, rows: Rows) => new Map([...rows].map(([id, r]) => [id, comparedPart(entity, r)]));

describe('comparison properties', () => {
  it('applying the comparison of A → B to A gives B (every table, version → version and version → current)', () => {
    fc.assert(
      fc.property(planArb, fc.array(editArb, { maxLength: 15 }), (plan, edits) => {
        const s = build(plan);
        const v1 = createVersion(s.ctx, { planId: PLAN, name: 'A' });
        const a = Object.fromEntries(VERSIONED.map((e) => [e, currentRows(s, PLAN, e)]));
        edit(s, edits);
        const toCurrent = [...compareRows(s.ctx, PLAN, getVersionRow(s.ctx, v1.id), 'current')];
        const v2 = createVersion(s.ctx, { planId: PLAN, name: 'B' });
        const between = [...compareRows(s.ctx, PLAN, getVersionRow(s.ctx, v1.id), getVersionRow(s.ctx, v2.id))];
        expect(between).toEqual(toCurrent);
        for (const e of VERSIONED) {
          const b = compared(e, currentRows(s, PLAN, e));
          expect(compared(e, applyChanges(a[e]!, between.filter((c) => c.entity === e)))).toEqual(b);
        }
        s.close();
      }),
      { numRuns: 40 },
    );
  });

  it('comparing a version with itself, or with the unchanged plan, gives nothing', () => {
    fc.assert(
      fc.property(planArb, fc.array(editArb, { maxLength: 8 }), (plan, edits) => {
        const s = build(plan);
        edit(s, edits);
        const v = getVersionRow(s.ctx, createVersion(s.ctx, { planId: PLAN, name: 'A' }).id);
        expect([...compareRows(s.ctx, PLAN, v, v)]).toEqual([]);
        expect([...compareRows(s.ctx, PLAN, v, 'current')]).toEqual([]);
        expect([...compareRows(s.ctx, PLAN, 'current', v)]).toEqual([]);
        // edits that are then undone leave nothing either
        const steps = edit(s, edits);
        for (let i = 0; i < steps; i++) s.call('history.undo', { planId: PLAN });
        const w = getVersionRow(s.ctx, createVersion(s.ctx, { planId: PLAN, name: 'B' }).id);
        expect([...compareRows(s.ctx, PLAN, v, w)]).toEqual([]);
        s.close();
      }),
      { numRuns: 30 },
    );
  });

  it('versions are immutable once saved: editing (and restoring) the current plan never changes a saved version', () => {
    fc.assert(
      fc.property(planArb, fc.array(fc.array(editArb, { maxLength: 5 }), { minLength: 1, maxLength: 5 }), fc.nat(), (plan, rounds, pickRestore) => {
        const s = build(plan);
        const saved: { seq: number; id: number; rows: Record<string, Rows> }[] = [];
        for (const r of rounds) {
          const v = createVersion(s.ctx, { planId: PLAN, name: `v${saved.length + 1}` });
          saved.push({ seq: v.seq, id: v.id, rows: Object.fromEntries(VERSIONED.map((e) => [e, currentRows(s, PLAN, e)])) });
          edit(s, r);
        }
        const back = saved[pickRestore % saved.length]!;
        expect(s.call('versions.restore', { versionId: back.id }).ok).toBe(true);
        for (const e of VERSIONED) expect(currentRows(s, PLAN, e)).toEqual(back.rows[e]);
        createVersion(s.ctx, { planId: PLAN, name: 'after' });
        for (const v of saved) for (const e of VERSIONED) expect(versionRows(s, PLAN, v.seq, e)).toEqual(v.rows[e]);
        s.close();
      }),
      { numRuns: 30 },
    );
  });
});

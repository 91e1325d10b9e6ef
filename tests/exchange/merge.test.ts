import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyActions, diffTables, merge, resolveConflict, tablesView, type Tables } from '../../domain/exchange/merge.ts';
import { outOfScope } from '../../domain/exchange/scope.ts';
import { MERGED_FIELDS, type Change, type Row } from '../../domain/exchange/types.ts';
import { specs, VERSIONED } from '../../db/versions/rows.ts';

const target = (id: string, value: string | null, o: Partial<Row> = {}): [string, Row] => [
  id,
  { indicator_id: 'i1', scope: 'district', scope_id: id, year: 2025, period: '', kind: 'actual', value, text: null, source: null, ...o },
];

function tables(rows: [string, Row][]): Tables {
  return new Map([['target', new Map(rows)]]);
}

const upd = (rowId: string, field: string, base: Row[string], value: Row[string]): Change => ({ op: 'update', entity: 'target', rowId, field, base, value, author: '张三', at: 't' });

describe('three-way merge, cell by cell', () => {
  it('compares the same fields as the versions comparison', () => {
    for (const e of VERSIONED) expect(MERGED_FIELDS[e]).toEqual(specs[e].fields);
  });

  it('takes a change made on their side only, keeps one made on mine only, and sees the same value as nothing', () => {
    const mine = tables([target('a', '1'), target('b', '20'), target('c', '3')]);
    // base: a=1 b=2 c=3; mine changed b to 20; theirs changed a to 10 and c to 3→3 (nothing), b 2→20 (same as mine)
    const r = merge([upd('a', 'value', '1', '10'), upd('b', 'value', '2', '20')], tablesView(mine));
    expect(r.conflicts).toEqual([]);
    expect(r.unchanged).toBe(1);
    expect(r.actions).toEqual([{ op: 'set', entity: 'target', rowId: 'a', field: 'value', from: '1', to: '10' }]);
  });

  it('finds a conflict when both changed a cell differently, and resolves it either way or with a typed value', () => {
    const mine = tables([target('a', '5')]);
    const r = merge([upd('a', 'value', '1', '10')], tablesView(mine));
    expect(r.actions).toEqual([]);
    expect(r.conflicts).toHaveLength(1);
    const c = r.conflicts[0]!;
    expect([c.kind, c.base, c.mine, c.theirs]).toEqual(['cell', '1', '5', '10']);
    const none = () => null;
    expect(resolveConflict(c, { take: 'mine' }, none)).toEqual([]);
    expect(resolveConflict(c, { take: 'theirs' }, none)).toEqual([{ op: 'set', entity: 'target', rowId: 'a', field: 'value', from: '5', to: '10' }]);
    expect(resolveConflict(c, { value: '7' }, none)).toEqual([{ op: 'set', entity: 'target', rowId: 'a', field: 'value', from: '5', to: '7' }]);
  });

  it('an edit against a delete is a conflict both ways', () => {
    const base = target('a', '1')[1];
    const deleted = merge([upd('a', 'value', '1', '2')], tablesView(tables([])));
    expect(deleted.conflicts.map((c) => c.kind)).toEqual(['editedDeleted']);
    expect(resolveConflict(deleted.conflicts[0]!, { take: 'theirs' }, () => base)).toEqual([{ op: 'insert', entity: 'target', rowId: 'a', row: { ...base, value: '2' } }]);
    const edited = merge([{ op: 'delete', entity: 'target', rowId: 'a', row: base, author: '', at: '' }], tablesView(tables([target('a', '9')])));
    expect(edited.conflicts.map((c) => c.kind)).toEqual(['deletedEdited']);
    const clean = merge([{ op: 'delete', entity: 'target', rowId: 'a', row: base, author: '', at: '' }], tablesView(tables([target('a', '1')])));
    expect(clean.actions.map((a) => a.op)).toEqual(['delete']);
  });

  it('two new rows with the same natural key are a conflict; taking theirs writes into my row', () => {
    const mine = tables([target('mine-id', '5', { scope_id: 'd1' })]);
    const theirs = target('their-id', '6', { scope_id: 'd1' })[1];
    const r = merge([{ op: 'insert', entity: 'target', rowId: 'their-id', row: theirs, author: '', at: '' }], tablesView(mine));
    expect(r.conflicts.map((c) => [c.kind, c.mineRowId])).toEqual([['sameKey', 'mine-id']]);
    expect(resolveConflict(r.conflicts[0]!, { take: 'theirs' }, () => null)).toEqual([{ op: 'set', entity: 'target', rowId: 'mine-id', field: 'value', from: '5', to: '6' }]);
    const same = merge([{ op: 'insert', entity: 'target', rowId: 'their-id', row: { ...theirs, value: '5' }, author: '', at: '' }], tablesView(mine));
    expect([same.conflicts.length, same.actions.length, same.unchanged]).toEqual([0, 0, 1]);
  });
});

it('a new row taking the natural key of a row the same package deletes is no conflict', () => {
  const mine = tables([target('old-id', '5', { scope_id: 'd1' })]);
  const r = merge(
    [
      { op: 'insert', entity: 'target', rowId: 'new-id', row: target('new-id', '5', { scope_id: 'd1' })[1], author: '', at: '' },
      { op: 'delete', entity: 'target', rowId: 'old-id', row: target('old-id', '5', { scope_id: 'd1' })[1], author: '', at: '' },
    ],
    tablesView(mine),
  );
  expect(r.conflicts).toEqual([]);
  expect([...applyActions(mine, r.actions).get('target')!.keys()]).toEqual(['new-id']);
});

describe('merge properties (fast-check)', () => {
  const ids = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5'];
  const value = fc.constantFrom<string | null>(null, '0', '1', '2.5', '100', '7');
  const baseArb = fc.array(value, { minLength: ids.length, maxLength: ids.length }).map((vs) => tables(ids.map((id, i) => target(id, vs[i] ?? null))));
  // each package: for some rows, a new value, text, or a delete; packages touch disjoint rows so they never conflict
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('value' as const), v: value }),
    fc.record({ kind: fc.constant('text' as const), v: fc.constantFrom('约', '左右', null) }),
    fc.record({ kind: fc.constant('delete' as const) }),
  );
  const packagesArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), edit), { minLength: ids.length, maxLength: ids.length });

  function packagesFrom(base: Tables, plan: [number, { kind: 'value' | 'text' | 'delete'; v?: string | null }][], inserts: number[]): Change[][] {
    const pkgs: Tables[] = [0, 1, 2, 3].map(() => applyActions(base, []));
    plan.forEach(([p, e], i) => {
      const id = ids[i]!;
      const t = pkgs[p]!.get('target')!;
      if (e.kind === 'delete') t.delete(id);
      else t.set(id, { ...t.get(id)!, [e.kind]: e.v ?? null });
    });
    inserts.forEach((p, k) => {
      const [id, row] = target(`new${k}`, String(k), { scope_id: `n${k}` });
      pkgs[p]!.get('target')!.set(id, row);
    });
    return pkgs.map((t) => diffTables(base, t, 'x', 't'));
  }

  function applyAll(base: Tables, order: Change[][]): Tables {
    let now = base;
    for (const pkg of order) {
      const r = merge(pkg, tablesView(now));
      expect(r.conflicts).toEqual([]);
      now = applyActions(now, r.actions);
    }
    return now;
  }

  it('packages that do not conflict give the same result in any order', () => {
    fc.assert(
      fc.property(baseArb, packagesArb, fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }), fc.array(fc.nat(), { minLength: 4, maxLength: 4 }), (base, plan, inserts, keys) => {
        const pkgs = packagesFrom(base, plan, inserts);
        const order = pkgs.map((p, i) => ({ p, k: keys[i] ?? 0 })).sort((a, b) => a.k - b.k).map((x) => x.p);
        expect(applyAll(base, order)).toEqual(applyAll(base, pkgs));
      }),
      { numRuns: 300 },
    );
  });

  it('applying a package twice changes nothing the second time', () => {
    fc.assert(
      fc.property(baseArb, packagesArb, fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }), (base, plan, inserts) => {
        const [pkg] = packagesFrom(base, plan, inserts);
        const once = applyAll(base, [pkg!]);
        const again = merge(pkg!, tablesView(once));
        expect(again.conflicts).toEqual([]);
        expect(again.actions).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('a local edit survives a merged package (the district keeps its unsent edits)', () => {
    fc.assert(
      fc.property(baseArb, packagesArb, value, (base, plan, mineValue) => {
        const [pkg] = packagesFrom(base, plan.map(([, e]) => [0, e] as [number, typeof e]), []);
        // mine: a value only I changed, on a row the package does not touch
        const mine = applyActions(base, [{ op: 'insert', entity: 'target', rowId: 'local', row: target('local', mineValue, { scope_id: 'L' })[1] }]);
        const r = merge(pkg!, tablesView(mine));
        expect(applyActions(mine, r.actions).get('target')!.get('local')?.value).toBe(mineValue);
      }),
      { numRuns: 100 },
    );
  });
});

describe('what a district may change', () => {
  const base: Record<string, Row> = {
    own: target('own', '1', { scope_id: 'd-jj' })[1],
    other: target('other', '1', { scope_id: 'd-yc' })[1],
    goal: target('goal', '1', { scope_id: 'd-jj', kind: 'target' })[1],
    t1: { districts: ['d-jj'], status: '未开始', title: 'x' },
    t2: { districts: ['d-yc'], status: '未开始', title: 'y' },
  };
  const view = { baseRow: (_e: string, id: string) => base[id] ?? null };
  const task = (rowId: string, field: string): Change => ({ op: 'update', entity: 'task', rowId, field, base: null, value: '1', author: '', at: '' });

  it('allows its own actual values and the progress of its tasks, and lists everything else', () => {
    expect(outOfScope([upd('own', 'value', '1', '2'), upd('own', 'text', null, '约2'), task('t1', 'progress'), task('t1', 'status')], 'd-jj', view)).toEqual([]);
    const out = outOfScope([upd('other', 'value', '1', '2'), upd('goal', 'value', '1', '2'), upd('own', 'year', 2025, 2026), task('t2', 'progress'), task('t1', 'title'),
      { op: 'insert', entity: 'indicator', rowId: 'i9', row: {}, author: '', at: '' }], 'd-jj', view);
    expect(out.map((o) => `${o.rowId}.${o.field ?? '*'}`)).toEqual(['other.value', 'goal.value', 'own.year', 't2.progress', 't1.title', 'i9.*']);
    expect(out[0]!.message).toContain('本区县的实际值');
  });
});

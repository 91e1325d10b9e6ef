/** Same-cell conflicts between the city and a district, found and resolved both ways (issue 15). */
import { describe, expect, it } from 'vitest';
import { ok } from '../helpers/store.ts';
import { DISTRICTS, PLAN, actual, citySide, districtSide, exportTo, importInto, preview, reopenSide, setActual, taskOf, trustBoth } from './helpers.ts';

const [JJ, JJ_ID] = DISTRICTS[0]!;

function pair() {
  const city = citySide();
  const d = districtSide(JJ);
  trustBoth(city, d, JJ, JJ_ID);
  importInto(d, exportTo(city, JJ_ID));
  setActual(d, JJ_ID, 2025, '100');
  importInto(city, exportTo(d, 'city'));
  // both change the same cell after the first report
  setActual(city, JJ_ID, 2025, '111');
  setActual(d, JJ_ID, 2025, '122');
  return { city, d };
}

describe('conflicts', () => {
  it('finds a same-cell conflict with base / mine / theirs and applies nothing while it is open', () => {
    const { city, d } = pair();
    const p = preview(city, exportTo(d, 'city'));
    expect(p.status).toBe('conflicts');
    expect(p.conflicts.map((c) => [c.kind, c.field, c.base, c.mine, c.theirs])).toEqual([['cell', 'value', '100', '111', '122']]);
    const r = city.store.call('packages.apply', { packageId: p.packageId });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('1 处冲突没有解决');
    expect(actual(city, JJ_ID, 2025)).toBe('111');
    const status = ok<{ counterparts: { name: string; pending: { unresolved: number } | null }[] }>(city.store, 'packages.status', { planId: PLAN });
    expect(status.counterparts.find((c) => c.name === JJ)?.pending?.unresolved).toBe(1);
  });

  it('resolves it with the district value (theirs), or keeps the city value (mine)', () => {
    for (const take of ['theirs', 'mine'] as const) {
      const { city, d } = pair();
      const p = preview(city, exportTo(d, 'city'));
      ok(city.store, 'packages.resolve', { packageId: p.packageId, resolutions: [{ conflictId: p.conflicts[0]!.id, take }] });
      ok(city.store, 'packages.apply', { packageId: p.packageId });
      expect(actual(city, JJ_ID, 2025)).toBe(take === 'theirs' ? '122' : '111');
    }
  });

  it('takes a typed value, validated like the grid edit, and the bulk "district values for district fields"', () => {
    const { city, d } = pair();
    ok(d.store, 'tasks.update', { taskId: taskOf(d, JJ_ID), patch: { progress: '区县写的进展' } });
    ok(city.store, 'tasks.update', { taskId: taskOf(city, JJ_ID), patch: { progress: '市里写的进展' } });
    const p = preview(city, exportTo(d, 'city'));
    expect(p.conflicts).toHaveLength(2);
    const cell = p.conflicts.find((c) => c.field === 'value')!;
    const bad = city.store.call('packages.resolve', { packageId: p.packageId, resolutions: [{ conflictId: cell.id, value: '很多' }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(JSON.stringify(bad.error.issues)).toContain('应为数字');
    ok(city.store, 'packages.resolve', { packageId: p.packageId, resolutions: [{ conflictId: cell.id, value: '115.5' }] });
    const all = ok<{ unresolved: number }>(city.store, 'packages.resolve', { packageId: p.packageId, all: 'district' });
    expect(all.unresolved).toBe(0);
    ok(city.store, 'packages.apply', { packageId: p.packageId });
    expect(actual(city, JJ_ID, 2025)).toBe('115.5');
    expect(city.store.db.prepare<[string], { progress: string }>('SELECT progress FROM tasks WHERE id = ?').get(taskOf(city, JJ_ID))?.progress).toBe('区县写的进展');
  });

  it('a district applying the city state back finds the same conflict (the same merge, run locally)', () => {
    const { city, d } = pair();
    const p = preview(d, exportTo(city, JJ_ID, 'back'));
    expect(p.conflicts.map((c) => [c.base, c.mine, c.theirs])).toEqual([['100', '122', '111']]);
    ok(d.store, 'packages.resolve', { packageId: p.packageId, resolutions: [], all: 'district' });
    ok(d.store, 'packages.apply', { packageId: p.packageId });
    expect(actual(d, JJ_ID, 2025)).toBe('122');
  });
});

describe('several packages previewed at once', () => {
  it('keeps each district package pending with its choices, also when previewed again, and applies them in any order', () => {
    const { city, d } = pair();
    const [YC, YC_ID] = DISTRICTS[2]!;
    const yc = districtSide(YC);
    trustBoth(city, yc, YC, YC_ID);
    importInto(yc, exportTo(city, YC_ID));
    setActual(yc, YC_ID, 2025, '655');
    const jjFile = exportTo(d, 'city');
    const jj = preview(city, jjFile);
    const ycp = preview(city, exportTo(yc, 'city'));
    expect([jj.status, ycp.status]).toEqual(['conflicts', 'ready']);
    ok(city.store, 'packages.resolve', { packageId: jj.packageId, resolutions: [{ conflictId: jj.conflicts[0]!.id, take: 'theirs' }] });
    const status = ok<{ counterparts: { name: string; pending: { unresolved: number } | null }[] }>(city.store, 'packages.status', { planId: PLAN });
    expect(status.counterparts.filter((c) => c.pending).map((c) => [c.name, c.pending?.unresolved])).toEqual([[JJ, 0], [YC, 0]]);
    const again = ok<{ conflicts: { resolution: unknown }[]; counts: { unresolved: number } }>(city.store, 'packages.preview', { file: jjFile });
    expect([again.conflicts.map((c) => c.resolution), again.counts.unresolved]).toEqual([[{ take: 'theirs' }], 0]);
    expect(ok<{ unresolved: number }>(city.store, 'packages.resolve', { packageId: jj.packageId, resolutions: [] }).unresolved).toBe(0);
    ok(city.store, 'packages.apply', { packageId: ycp.packageId });
    ok(city.store, 'packages.apply', { packageId: jj.packageId });
    expect([actual(city, JJ_ID, 2025), actual(city, YC_ID, 2025)]).toEqual(['122', '655']);
  });
});

describe('a pending package reopened after a reload (报送情况 → 继续处理)', () => {
  it('is previewed again from the plan file, with the choices made kept, and applies', () => {
    const { city, d } = pair();
    const p = preview(city, exportTo(d, 'city'));
    ok(city.store, 'packages.resolve', { packageId: p.packageId, resolutions: [{ conflictId: p.conflicts[0]!.id, take: 'theirs' }] });
    const again = reopenSide(city);
    const status = ok<{ counterparts: { name: string; pending: { packageId: string; unresolved: number } | null }[] }>(again.store, 'packages.status', { planId: PLAN });
    const pending = status.counterparts.find((c) => c.name === JJ)?.pending;
    expect(pending).toMatchObject({ packageId: p.packageId, unresolved: 0 });
    const r = ok<{ status: string; packageId: string; senderLabel: string; senderCode: string; conflicts: { resolution: unknown; base: unknown; mine: unknown; theirs: unknown }[]; labels: Record<string, { name: string }> }>(
      again.store, 'packagefiles.reopen', { packageId: pending!.packageId },
    );
    expect([r.status, r.packageId, r.senderLabel]).toEqual(['conflicts', p.packageId, JJ]);
    expect(r.conflicts.map((c) => [c.base, c.mine, c.theirs, c.resolution])).toEqual([['100', '111', '122', { take: 'theirs' }]]);
    expect(Object.values(r.labels).map((l) => l.name).join(' ')).toContain(JJ);
    ok(again.store, 'packages.apply', { packageId: p.packageId });
    expect(actual(again, JJ_ID, 2025)).toBe('122');
    // applied: nothing pending any more, and reopening it is refused with a reason
    const gone = again.store.call('packagefiles.reopen', { packageId: p.packageId });
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(gone.error.reason).toBe('exchange.pendingGone');
  });
});

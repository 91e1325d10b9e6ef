/**
 * The whole loop on real files (issue 15): the city issues 13号 to its eight districts (full packages),
 * each district reports actual values and task progress, the city merges the eight packages, totals
 * and checks are right, and the merged state goes back to a district that keeps its unsent edits.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../db/store.ts';
import { ok, dumpTables } from '../helpers/store.ts';
import { DISTRICTS, PLAN, now, actual, citySide, districtSide, exportTo, importInto, preview, setActual, taskOf, trustBoth, type Side } from './helpers.ts';

function issue(city: Side): Side[] {
  return DISTRICTS.map(([name, id]) => {
    const d = districtSide(name);
    trustBoth(city, d, name, id);
    const p = importInto(d, exportTo(city, id, `to-${id}`));
    expect(p.status).toBe('ready');
    return d;
  });
}

describe('city → 8 districts → 8 packages back → merged', () => {
  it('creates each district plan from the full package, merges the eight reports, and keeps the totals and checks right', { timeout: 120_000 }, () => {
    const city = citySide();
    const findingsBefore = ok<{ findings: unknown[] }>(city.store, 'checks.run', { planId: PLAN }).findings.length;
    const districts = issue(city);
    // each district has the whole plan, with the same content
    for (const d of districts) {
      expect(d.store.db.prepare('SELECT count(*) AS n FROM tasks WHERE plan_id = ?').get(PLAN)).toEqual(city.store.db.prepare('SELECT count(*) AS n FROM tasks WHERE plan_id = ?').get(PLAN));
      expect(ok<unknown[]>(d.store, 'versions.list', { planId: PLAN })).toHaveLength(1);
    }
    const values = ['612.5', '301', '655', '288.25', '410', '333', '250', '377'];
    const packages = districts.map((d, i) => {
      const [, id] = DISTRICTS[i]!;
      setActual(d, id, 2025, values[i]!);
      ok(d.store, 'tasks.update', { taskId: taskOf(d, id), patch: { progress: `${DISTRICTS[i]![0]}已完成年度任务的八成`, status: '进行中' } });
      return exportTo(d, 'city', `from-${id}`);
    });
    // a copy of the city file takes the same eight packages in reverse order
    const copyFile = path.join(city.dir, 'city-copy.plandesk');
    city.store.db.exec(`VACUUM INTO '${copyFile}'`);
    const copy: Side = { ...city, file: copyFile, store: openStore(copyFile, { userDir: city.home, now }) };
    for (const file of [...packages].reverse()) expect(importInto(copy, file).status).toBe('ready');
    for (const file of packages) {
      const p = importInto(city, file);
      expect([p.status, p.counts.conflicts, p.counts.toApply]).toEqual(['ready', 0, 3]);
    }
    for (const [i, [, id]] of DISTRICTS.entries()) {
      expect(actual(city, id, 2025)).toBe(values[i]);
      const t = city.store.db.prepare<[string], { progress: string; status: string }>('SELECT progress, status FROM tasks WHERE id = ?').get(taskOf(city, id));
      expect(t).toEqual({ progress: `${DISTRICTS[i]![0]}已完成年度任务的八成`, status: '进行中' });
    }
    const total = city.store.db
      .prepare<[string], { total: string }>("SELECT printf('%.2f', sum(CAST(value AS REAL))) AS total FROM target_values WHERE indicator_id = ? AND kind = 'actual' AND scope = 'district' AND year = 2025")
      .get(`${PLAN}/i/revenue`)?.total;
    expect(total).toBe('3226.75');
    const content = (s: Side) => ['target_values', 'tasks', 'task_districts', 'indicators', 'plan_districts'].map((t) => dumpTables(s.store)[t]);
    expect(content(copy)).toEqual(content(city));
    copy.store.close();
    expect(ok<{ findings: unknown[] }>(city.store, 'checks.run', { planId: PLAN }).findings.length).toBe(findingsBefore);
    // one named version per merge, each one undo step
    const names = ok<{ name: string }[]>(city.store, 'versions.list', { planId: PLAN }).map((v) => v.name);
    expect(names).toContain('合并 江津区 报送 #1');
    expect(names).toContain('合并 荣昌区 报送 #1');
    const status = ok<{ counterparts: { name: string; state: string; lastIn: { seq: number; author: string } | null }[] }>(city.store, 'packages.status', { planId: PLAN });
    expect(status.counterparts.filter((c) => DISTRICTS.some(([n]) => n === c.name)).map((c) => [c.state, c.lastIn?.seq, c.lastIn?.author])).toEqual(
      DISTRICTS.map(([n]) => ['reported', 1, `${n}联络员`]),
    );

    // the merged state goes back to 江津区, which meanwhile changed its own task's status (not sent yet)
    const jj = districts[0]!;
    const [, jjId] = DISTRICTS[0]!;
    ok(jj.store, 'tasks.update', { taskId: taskOf(jj, jjId), patch: { status: '已完成' } });
    const back = preview(jj, exportTo(city, jjId, 'back'));
    expect(back.counts.conflicts).toBe(0);
    ok(jj.store, 'packages.apply', { packageId: back.packageId });
    expect(actual(jj, DISTRICTS[2]![1], 2025)).toBe('655');
    expect(jj.store.db.prepare<[string], { status: string }>('SELECT status FROM tasks WHERE id = ?').get(taskOf(jj, jjId))?.status).toBe('已完成');
    // and its next package (against the city's state it just received) carries only that edit
    const next = importInto(city, exportTo(jj, 'city', 'jj-2'));
    expect([next.status, next.counts.toApply]).toEqual(['ready', 1]);
    expect(city.store.db.prepare<[string], { status: string }>('SELECT status FROM tasks WHERE id = ?').get(taskOf(city, jjId))?.status).toBe('已完成');
  });

  it('undoes a whole merge in one step, and a package applied twice changes nothing', { timeout: 120_000 }, () => {
    const city = citySide();
    const [d] = issue(city).slice(0, 1);
    const [, id] = DISTRICTS[0]!;
    setActual(d!, id, 2024, '500');
    setActual(d!, id, 2025, '600');
    const file = exportTo(d!, 'city', 'twice');
    const before = dumpTables(city.store);
    importInto(city, file);
    expect(actual(city, id, 2025)).toBe('600');
    const undone = ok<{ undone: string }>(city.store, 'history.undo', { planId: PLAN });
    expect(undone.undone).toContain('合并 江津区 报送 #1');
    expect(actual(city, id, 2024)).toBeNull();
    expect(actual(city, id, 2025)).toBeNull();
    const after = dumpTables(city.store);
    for (const t of ['target_values', 'tasks', 'indicators', 'plans']) expect(after[t]).toEqual(before[t]);
    ok(city.store, 'history.redo', { planId: PLAN });
    expect(actual(city, id, 2025)).toBe('600');
    // undone, the package may be imported again; redone, it counts as applied
    ok(city.store, 'history.undo', { planId: PLAN });
    const reimported = importInto(city, file);
    expect([reimported.status, actual(city, id, 2025)]).toEqual(['ready', '600']);
    const snapshot = dumpTables(city.store);
    const again = preview(city, file);
    expect(again.status).toBe('already');
    expect(again.message).toContain('已于');
    expect(dumpTables(city.store)).toEqual(snapshot);
  });
});

describe('packages as bytes (the workbench downloads and uploads them)', () => {
  it('exports without a file and previews from base64', () => {
    const city = citySide();
    const [name, id] = DISTRICTS[3]!;
    const d = districtSide(name);
    trustBoth(city, d, name, id);
    const r = ok<{ fileName: string; dataBase64: string }>(city.store, 'packagefiles.export', { planId: PLAN, to: name });
    expect(r.fileName).toMatch(/^报送包-.*-大足区-#1\.pdpkg$/);
    const p = ok<{ status: string; packageId: string; full: boolean; senderCode: string }>(d.store, 'packagefiles.preview', { fileName: r.fileName, dataBase64: r.dataBase64 });
    expect([p.status, p.full]).toEqual(['ready', true]);
    expect(p.senderCode).toMatch(/\S/);
    // one way for bytes: the exchange's own operations take paths only
    expect(city.store.call('packages.export', { planId: PLAN, to: name }).ok).toBe(false);
    expect(d.store.call('packages.preview', { fileName: r.fileName, dataBase64: r.dataBase64 }).ok).toBe(false);
    ok(d.store, 'packages.apply', { packageId: p.packageId });
    expect(d.store.db.prepare('SELECT title FROM plans WHERE id = ?').get(PLAN)).toEqual({ title: '重庆市先进制造业发展“渝西跨越计划”（2023—2027年）' });
  });
});

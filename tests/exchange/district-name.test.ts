/**
 * A plan district's name travels with its row (s8-rounds16): the desktop's plan_district version rows carry
 * district_name (db/versions/rows.ts), a presentation field (domain/exchange/types.ts PRESENTATION_FIELDS), so
 * every package names every district of the plan — the city hub shows one no package went to by its name —
 * and the name is never a change, a conflict or a written column: not when a version stored before it was
 * added is compared, not when a package is applied, not in the report that comes back.
 */
import { describe, expect, it } from 'vitest';
import { readPackageFile } from '../../db/exchange/file.ts';
import { compareRows } from '../../db/versions/diff.ts';
import { latestVersion } from '../../db/versions/store.ts';
import { rowQueries } from '../../db/versions/rows.ts';
import { diffRow, parseRow } from '../../db/versions/rules.ts';
import { ok } from '../helpers/store.ts';
import { DISTRICTS, PLAN, citySide, districtSide, exportTo, importInto, setActual, trustBoth } from './helpers.ts';

const JJ = 'd-500116';

describe('a plan district’s name in its version row', () => {
  it('travels in the whole-plan package, in Chinese, for every district of the plan', () => {
    const city = citySide();
    const full = readPackageFile(exportTo(city, '江津区', 'full'));
    const rows = full.lines.filter((l) => l.entity === 'plan_district' && l.op === 'insert');
    const named = rows.map((l) => (l.value as Record<string, unknown>).district_name);
    expect(named.sort()).toEqual(DISTRICTS.map(([name]) => name).sort());
  });

  it('is never a change: a version stored without it compares equal, the district takes the package, its report and the next package carry no plan_district change', () => {
    const city = citySide();
    const jj = districtSide('江津区');
    trustBoth(city, jj, '江津区', JJ);
    const full = exportTo(city, '江津区', 'full');
    // the version the city saved with it, as a file made before district_name existed would hold it
    city.store.db.prepare("UPDATE version_rows SET data = json_remove(data, '$.district_name') WHERE entity = 'plan_district'").run();
    expect(importInto(jj, full).status).toBe('ready');
    expect(jj.store.db.prepare('SELECT count(*) AS n FROM plan_districts WHERE plan_id = ?').get(PLAN)).toEqual({ n: DISTRICTS.length });

    // the versions' comparison of every plan_district row, stored without the name and read now with it
    const v = latestVersion(city.store.ctx, PLAN)!;
    const rows = city.store.db.prepare<[string], { row_id: string; data: string }>("SELECT row_id, data FROM version_rows WHERE plan_id = ? AND entity = 'plan_district'").all(PLAN);
    expect(rows.length).toBe(DISTRICTS.length);
    expect(rows.every((r) => !('district_name' in (JSON.parse(r.data) as object)))).toBe(true);
    // each pair as the comparison engine meets it (its text differs, db/versions/diff.ts comparePairs): no change
    const live = rowQueries(city.store.db);
    for (const r of rows) {
      const now = live.read('plan_district', PLAN, r.row_id)!;
      expect([now === r.data, (JSON.parse(now) as Record<string, unknown>).district_name]).toEqual([false, expect.stringMatching(/区$/)]);
      expect(diffRow('plan_district', r.row_id, parseRow(r.data), parseRow(now))).toBeNull();
    }
    expect([...compareRows(city.store.ctx, PLAN, v, 'current')]).toEqual([]);

    setActual(jj, JJ, 2025, '612.5');
    const file = exportTo(jj, 'city', 'report');
    expect(readPackageFile(file).lines.map((l) => l.entity)).toEqual(['target']);
    const back = importInto(city, file);
    expect([back.status, back.counts.conflicts]).toEqual(['ready', 0]);
    const down = readPackageFile(exportTo(city, '江津区', 'down'));
    expect(down.lines.filter((l) => l.entity === 'plan_district')).toEqual([]);
    ok(jj.store, 'versions.list', { planId: PLAN });
  });
});

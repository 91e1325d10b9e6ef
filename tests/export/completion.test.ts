/**
 * Actuals, completion and the 赛马 ranking leave the app (issue 13): the workbook's 完成情况 sheet and
 * the CSV (export.completion, a job) list indicator × district × year with target, actual, completion
 * and rank; the report's ranking (export.ranking) takes a year or quarter and ranks by that period's
 * actuals, by target only where the period has none. Read back with openpyxl and Python's csv.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ok, seededStore, tempDir } from '../helpers/store.ts';
import { PYTHON, openpyxlSummary, runJob } from '../helpers/transfer.ts';
import type { RankingOut } from '../../contract/ops/export.ts';

const PLAN = 'p-yufu-2023-13';
const REVENUE = 'p-yufu-2023-13/i/revenue';

function withActuals() {
  const store = seededStore();
  const ov = ok<{ districts: { id: string; name: string }[] }>(store, 'plans.get', { planId: PLAN });
  const [a, b, c] = ov.districts;
  const set = (d: { id: string }, kind: 'target' | 'actual', value: string, period = '') =>
    ok(store, 'targets.set', { indicatorId: REVENUE, scope: 'district', scopeId: d.id, year: 2023, kind, value, ...(period ? { period } : {}) });
  set(a!, 'target', '1000');
  set(b!, 'target', '800');
  set(c!, 'target', '500');
  set(a!, 'actual', '900'); // 90 %
  set(b!, 'actual', '880'); // 110 %
  set(c!, 'actual', '500'); // 100 %
  set(a!, 'actual', '600', 'Q2'); // 60 % of the year by mid-year: 120 % of the pace
  set(b!, 'actual', '200', 'Q2'); // 25 %: 50 % of the pace
  return { store, a: a!, b: b!, c: c! };
}

describe('the report ranking (export.ranking)', () => {
  it('without a year: the latest period with actuals, ranked by completion, not by the 2027 targets', () => {
    const { store, a, b, c } = withActuals();
    const r = ok<RankingOut>(store, 'export.ranking', { indicatorId: REVENUE });
    expect({ year: r.year, period: r.period, byActual: r.byActual }).toEqual({ year: 2023, period: '', byActual: true });
    expect(r.entries.slice(0, 3).map((e) => [e.rank, e.name, e.actual, e.percent])).toEqual([
      [1, b.name, '880', '110'],
      [2, c.name, '500', '100'],
      [3, a.name, '900', '90'],
    ]);
    expect(r.periods).toEqual([{ year: 2023, period: 'Q2' }, { year: 2023, period: '' }]);
  });

  it('a quarter: ranked by that quarter’s year-to-date actuals against the time elapsed', () => {
    const { store, a, b } = withActuals();
    const r = ok<RankingOut>(store, 'export.ranking', { indicatorId: REVENUE, year: 2023, period: 'Q2' });
    expect(r.byActual).toBe(true);
    expect(r.entries.filter((e) => e.rank !== null).map((e) => [e.rank, e.name, e.actual, e.actualPeriod])).toEqual([
      [1, a.name, '600', 'Q2'],
      [2, b.name, '200', 'Q2'],
    ]);
  });

  it('a year without actuals is ranked by target and says so', () => {
    const { store } = withActuals();
    const r = ok<RankingOut>(store, 'export.ranking', { indicatorId: REVENUE, year: 2027 });
    expect(r.byActual).toBe(false);
    const targets = r.entries.map((e) => Number(e.target ?? 0));
    expect(targets).toEqual([...targets].sort((x, y) => y - x));
    expect(r.entries[0]!.rank).toBe(1);
    expect(store.call('export.ranking', { indicatorId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('完成情况 exported', () => {
  const HEADER = ['指标', '单位', '范围', '区县/集群', '年份', '目标', '实际', '实际为', '完成率（%）', '序时完成率（%）', '状态', '赛马排名'];

  it('CSV (a job): indicator × district × year with target, actual, completion and rank', async () => {
    const { store, b } = withActuals();
    const job = await runJob(store, 'export.completion', { planId: PLAN, format: 'csv' });
    expect(job).toMatchObject({ kind: 'export', state: 'done', error: null });
    expect(job.file!.fileName).toMatch(/完成情况\.csv$/);
    const file = path.join(tempDir(), 'c.csv');
    fs.writeFileSync(file, Buffer.from(job.file!.dataBase64, 'base64'));
    const r = spawnSync(PYTHON, ['-c', 'import csv,json,sys;print(json.dumps(list(csv.reader(open(sys.argv[1],encoding="utf-8-sig",newline=""))),ensure_ascii=False))', file], { encoding: 'utf8' });
    const rows = JSON.parse(r.stdout) as string[][];
    expect(rows[0]![0]).toMatch(/完成情况$/);
    expect(rows[1]![0]).toMatch(/导出人 .+导出时间 /);
    expect(rows[2]).toEqual(HEADER);
    const best = rows.find((x) => x[3] === b.name && x[4] === '2023')!;
    expect(best).toEqual(['规模以上工业企业营业收入', '亿元', '分区县', b.name, '2023', '800', '880', '全年', '110', '110', '达标', '1']);
    // the 2027 targets are there too, without actuals and without rank
    expect(rows.some((x) => x[2] === '分区县' && x[4] === '2027' && x[5] !== '' && x[6] === '' && x[11] === '')).toBe(true);
  });

  it('the workbook has a 完成情况 sheet with the same rows, printed like the others', async () => {
    const { store, a } = withActuals();
    const job = await runJob(store, 'export.planXlsx', { planId: PLAN });
    const file = path.join(tempDir(), 'p.xlsx');
    fs.writeFileSync(file, Buffer.from(job.file!.dataBase64, 'base64'));
    const py = openpyxlSummary(file);
    const sheet = py['完成情况']!;
    expect(sheet).toBeDefined();
    expect(sheet.values[2]).toEqual(HEADER);
    expect(sheet.values.find((x) => x[3] === a.name && x[4] === 2023)).toEqual(['规模以上工业企业营业收入', '亿元', '分区县', a.name, 2023, 1000, 900, '全年', 90, 90, '预警', 3]);
    expect(sheet.printTitles).toBe('$3:$3');
    expect(sheet.orientation).toBe('landscape');
  });
});

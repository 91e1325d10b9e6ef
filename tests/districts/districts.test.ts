/** districts.list (db/districts/handlers.ts): the common list of districts every plan refers to. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ok, reopen, SEEDED_PLANS, seededStore, tempFile } from '../helpers/store.ts';
import { downgrade } from '../helpers/downgrade.ts';
import type { District } from '../../contract/entities.ts';

/** GB/T 2260 (民政部 县级以上行政区划代码) for 重庆市, written out here independently of seeds/common.json. */
const GB2260: [string, string][] = [
  ['500101', '万州区'], ['500102', '涪陵区'], ['500103', '渝中区'], ['500104', '大渡口区'], ['500105', '江北区'], ['500106', '沙坪坝区'],
  ['500107', '九龙坡区'], ['500108', '南岸区'], ['500109', '北碚区'], ['500110', '綦江区'], ['500111', '大足区'], ['500112', '渝北区'],
  ['500113', '巴南区'], ['500114', '黔江区'], ['500115', '长寿区'], ['500116', '江津区'], ['500117', '合川区'], ['500118', '永川区'],
  ['500119', '南川区'], ['500120', '璧山区'], ['500151', '铜梁区'], ['500152', '潼南区'], ['500153', '荣昌区'], ['500154', '开州区'],
  ['500155', '梁平区'], ['500156', '武隆区'],
  ['500229', '城口县'], ['500230', '丰都县'], ['500231', '垫江县'], ['500233', '忠县'], ['500235', '云阳县'], ['500236', '奉节县'],
  ['500237', '巫山县'], ['500238', '巫溪县'],
  ['500240', '石柱土家族自治县'], ['500241', '秀山土家族苗族自治县'], ['500242', '酉阳土家族苗族自治县'], ['500243', '彭水苗族土家族自治县'],
];
const YUXI = ['江津区', '合川区', '永川区', '大足区', '璧山区', '铜梁区', '潼南区', '荣昌区'];
const CENTRAL = ['渝中区', '大渡口区', '江北区', '沙坪坝区', '九龙坡区', '南岸区', '北碚区', '渝北区', '巴南区'];
const NORTHEAST = ['万州区', '开州区', '梁平区', '城口县', '丰都县', '垫江县', '忠县', '云阳县', '奉节县', '巫山县', '巫溪县'];
const SOUTHEAST = ['黔江区', '武隆区', '石柱土家族自治县', '秀山土家族苗族自治县', '酉阳土家族苗族自治县', '彭水苗族土家族自治县'];

const inGroup = (list: District[], g: string) => list.filter((d) => d.kind !== 'area' && d.groups.includes(g)).map((d) => d.name).sort();

describe('districts', () => {
  it('lists the 38 district-level divisions of 重庆 with their GB/T 2260 codes: 26 区, 8 县, 4 自治县, and 8 areas', () => {
    const list = ok<District[]>(seededStore(), 'districts.list', {});
    expect(list).toHaveLength(46);
    expect(new Set(list.map((d) => d.id)).size).toBe(46);
    const counties = list.filter((d) => d.kind !== 'area');
    expect(counties.map((d) => [d.code, d.name]).sort()).toEqual([...GB2260].sort());
    expect(counties.every((d) => d.id === `d-${d.code}`)).toBe(true);
    expect(list.filter((d) => d.kind === 'district')).toHaveLength(26);
    expect(list.filter((d) => d.kind === 'county')).toHaveLength(8);
    expect(list.filter((d) => d.kind === 'autonomous_county')).toHaveLength(4);
    expect(list.filter((d) => d.kind === 'area').map((d) => d.name)).toEqual(
      expect.arrayContaining(['中心城区', '主城新区', '主城都市区', '“两群”地区', '两江新区', '西部科学城重庆高新区', '重庆经开区', '万盛经开区']),
    );
    expect(list.filter((d) => d.kind === 'area').every((d) => d.code === null)).toBe(true);
    expect(list.find((d) => d.name === '江津区')).toMatchObject({ id: 'd-500116', code: '500116', kind: 'district', group: '主城新区', groups: ['主城新区', '渝西'] });
    expect(list.find((d) => d.name === '铜梁区')).toMatchObject({ code: '500151' });
  });

  it('puts every district in its groups: 中心城区 9, 主城新区 12 (渝西 8 among them), 渝东北 11, 渝东南 6', () => {
    const list = ok<District[]>(seededStore(), 'districts.list', {});
    expect(inGroup(list, '中心城区')).toEqual([...CENTRAL].sort());
    expect(inGroup(list, '渝西')).toEqual([...YUXI].sort());
    expect(inGroup(list, '主城新区')).toEqual([...YUXI, '涪陵区', '长寿区', '南川区', '綦江区'].sort());
    expect(inGroup(list, '渝东北')).toEqual([...NORTHEAST].sort());
    expect(inGroup(list, '渝东南')).toEqual([...SOUTHEAST].sort());
    expect(9 + 12 + 11 + 6).toBe(38);
  });

  it('migration 006 gives an older file the kinds and the 主城新区 group of the 渝西 districts', () => {
    const file = tempFile();
    seededStore(file).close();
    const db = new Database(file);
    downgrade(db, 5);
    db.prepare("UPDATE districts SET area_group = '渝西' WHERE area_group = '主城新区' AND id IN ('d-500116', 'd-500117')").run();
    db.close();
    const m = reopen(file);
    const list = ok<District[]>(m, 'districts.list', {});
    expect(list.find((d) => d.id === 'd-500116')).toMatchObject({ kind: 'district', groups: ['主城新区', '渝西'] });
    expect(list.find((d) => d.id === 'd-500240')).toMatchObject({ kind: 'autonomous_county', groups: ['渝东南'] });
    expect(list.find((d) => d.id === 'd-500229')).toMatchObject({ kind: 'county' });
    expect(list.find((d) => d.name === '中心城区')).toMatchObject({ kind: 'area', groups: [] });
    expect(list.find((d) => d.name === '两江新区')).toMatchObject({ kind: 'area', groups: ['中心城区'] });
    expect(m.db.prepare('SELECT count(*) AS n FROM plans WHERE archived_at IS NULL AND origin_plan_id IS NULL').get()).toEqual({ n: SEEDED_PLANS });
  });
});

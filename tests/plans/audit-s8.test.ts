/**
 * Gaps found by the session-8 audit of issue 14 §1 (authoring), each a refusal that names the field and
 * row and writes nothing: a rename onto a name the list already has (clusters, indicators), and names
 * carrying control or bidi characters (plan header, clusters, indicators, departments).
 */
import { describe, expect, it } from 'vitest';
import { ok, seededStore, tempFile } from '../helpers/store.ts';
import { content, refusal } from '../helpers/catalog.ts';
import type { PlanHeader, PlanOverview, PlanSummary } from '../../contract/entities.ts';
import { main } from '../../cli/main.ts';
import { nameCharacterProblem } from '../../domain/name-text.ts';

const PLAN = 'p-yufu-2023-13';

describe('renames onto a name the list already has', () => {
  it('are refused for a cluster, naming the row and field; a swap of two names in one paste is accepted', () => {
    const s = seededStore();
    const [a, b] = ok<PlanOverview>(s, 'plans.get', { planId: PLAN }).clusters;
    if (!a || !b) throw new Error('13号 has clusters');
    const start = content(s);
    const r = refusal(s, 'clusters.update', { planId: PLAN, updates: [{ clusterId: a.id, patch: { name: ` ${b.name} ` } }] });
    expect(r.code).toBe('INVALID_INPUT');
    expect(r.message).toBe(`产业集群名称“${b.name}”已存在，请换一个名称`);
    expect(r.issues).toEqual([{ row: 1, field: 'name', message: r.message }]);
    // two rows of a pasted block given the same new name
    const twice = refusal(s, 'clusters.update', { planId: PLAN, updates: [{ clusterId: a.id, patch: { name: '低空经济' }, row: 3 }, { clusterId: b.id, patch: { name: '低空经济' }, row: 4 }] });
    expect(twice.issues.map((i) => i.row)).toEqual([3, 4]);
    expect(content(s)).toEqual(start);
    ok(s, 'clusters.update', { planId: PLAN, updates: [{ clusterId: a.id, patch: { name: b.name } }, { clusterId: b.id, patch: { name: a.name } }] });
    const after = ok<PlanOverview>(s, 'plans.get', { planId: PLAN }).clusters;
    expect(after.slice(0, 2).map((c) => c.name)).toEqual([b.name, a.name]);
  });

  it('are refused for an indicator; editing another field of the row is not', () => {
    const s = seededStore();
    const [a, b] = ok<PlanOverview>(s, 'plans.get', { planId: PLAN }).indicators;
    if (!a || !b) throw new Error('13号 has indicators');
    const start = content(s);
    const r = refusal(s, 'indicators.update', { planId: PLAN, updates: [{ indicatorId: b.id, patch: { name: a.name }, row: 2 }] });
    expect(r.issues).toEqual([{ row: 2, field: 'name', message: `指标名称“${a.name}”已存在，请换一个名称` }]);
    expect(content(s)).toEqual(start);
    ok(s, 'indicators.update', { planId: PLAN, updates: [{ indicatorId: b.id, patch: { name: b.name, note: '备注' } }] });
  });
});

describe('names carrying control or bidi characters', () => {
  it('are refused in every kind of name, naming the field, writing nothing', () => {
    const s = seededStore();
    const ov = ok<PlanOverview>(s, 'plans.get', { planId: PLAN });
    const dep = ok<{ id: string; name: string }[]>(s, 'departments.list', {})[0];
    if (!dep || !ov.clusters[0] || !ov.indicators[0]) throw new Error('seeded');
    const start = content(s);
    const rlo = '市\u202E局务商';
    expect(refusal(s, 'plans.update', { planId: PLAN, patch: { title: 'a\u0007b' } }).issues).toEqual([{ field: 'title', message: '规划标题：含有不可见的控制字符（U+0007）' }]);
    expect(refusal(s, 'plans.update', { planId: PLAN, patch: { issuer: rlo } }).issues[0]?.field).toBe('issuer');
    expect(refusal(s, 'plans.create', { header: { title: '新规划', docNumber: '渝府\n〔2028〕1号', issuer: '重庆市人民政府', periodStart: 2028, periodEnd: 2030 } }).issues)
      .toEqual([{ field: 'docNumber', message: '文号：不能含有换行或制表符，应写在一行内' }]);
    expect(refusal(s, 'clusters.create', { planId: PLAN, name: rlo }).message).toBe('产业集群名称含有改变文字方向的控制字符（U+202E），显示的文字会与保存的不同');
    expect(refusal(s, 'clusters.update', { planId: PLAN, updates: [{ clusterId: ov.clusters[0].id, patch: { name: 'x\u001by' } }] }).issues[0]?.field).toBe('name');
    expect(refusal(s, 'indicators.create', { planId: PLAN, patch: { name: rlo } }).issues[0]?.field).toBe('name');
    expect(refusal(s, 'indicators.update', { planId: PLAN, updates: [{ indicatorId: ov.indicators[0].id, patch: { name: 'a\u2066b' } }] }).issues[0]?.field).toBe('name');
    expect(refusal(s, 'departments.create', { planId: PLAN, name: rlo }).issues[0]?.field).toBe('name');
    expect(refusal(s, 'departments.rename', { planId: PLAN, departmentId: dep.id, name: 'a\u0085b' }).code).toBe('INVALID_INPUT');
    expect(refusal(s, 'departments.setAliases', { planId: PLAN, departmentId: dep.id, aliases: ['简称', rlo] }).issues[0]?.field).toBe('aliases[1]');
    expect(content(s)).toEqual(start);
  });

  it('leave ordinary Chinese names, full-width punctuation and the source text alone', () => {
    for (const n of ['重庆市先进制造业发展“渝西跨越计划”（2023—2027年）', '渝府办发〔2023〕26号', '市经济信息委', 'R&D 经费', '“两群”地区'])
      expect(nameCharacterProblem(n)).toBeNull();
    const s = seededStore();
    ok(s, 'plans.update', { planId: PLAN, patch: { source: '第一行\n第二行' } });
  });
});

describe('片区 are counted as their own kind, never as “0 个区县”', () => {
  it('in plans.list (an area the planner chose, and 26号’s areas with targets) and in the CLI list', async () => {
    const s = seededStore();
    const p26 = ok<PlanSummary[]>(s, 'plans.list', {}).find((p) => p.id === 'p-yufubanfa-2023-26');
    expect(p26).toMatchObject({ districtCount: 0, areaCount: 3 });
    const made = ok<PlanHeader>(s, 'plans.create', { header: { title: '按片区分解的规划', issuer: '重庆市人民政府', periodStart: 2028, periodEnd: 2030 }, districtIds: ['d-500116', 'a-liangjiang-xinqu', 'a-zhongxin-chengqu'] });
    expect(ok<PlanSummary[]>(s, 'plans.list', {}).find((p) => p.id === made.id)).toMatchObject({ districtCount: 1, areaCount: 2 });
    s.close();

    const f = tempFile();
    let out = '';
    const io = { out: (t: string) => (out += t), err: () => undefined };
    await main(['init', '--db', f], io);
    out = '';
    expect(await main(['plans', '--db', f], io)).toBe(0);
    const line26 = out.split('\n').find((l) => l.includes('渝府办发〔2023〕26号')) ?? '';
    expect(line26).toMatch(/\t片区 3，指标 6，任务 21$/);
    expect(out).not.toMatch(/区县 0/);
  });
});

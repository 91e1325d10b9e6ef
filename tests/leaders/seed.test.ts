/**
 * The city leaders' 分工 (渝府办发〔2023〕27号, 001 lines 413—487): the seed is what the builder reads from the
 * shared text, and what it reads was counted by hand against the text (per leader: 负责 clauses / 分管 bodies
 * (the 市长's 主管 included) / 联系 bodies or areas).
 */
import { describe, expect, it } from 'vitest';
import { parseLeaderDocument, splitList } from '../../db/leaders/parse.ts';
import { leaderSeedOf } from '../../db/leaders/build.ts';
import { departmentNamed } from '../../db/leaders/rules.ts';
import leadersJson from '../../seeds/leaders.json' with { type: 'json' };
import { ok, seededStore, SEEDED_PLANS, tempFile } from '../helpers/store.ts';
import { openStore } from '../../db/store.ts';
import type { Leader } from '../../contract/ops/leaders.ts';
import { gazetteText } from '../helpers/gazette.ts';

const lines = () => gazetteText('001').split(/\r?\n/);

/** counted by hand from the text: title, name, 负责 / 分管 / 联系 */
const BY_HAND: [string, string, number, number, number][] = [
  ['市长', '胡衡华', 2, 3, 1], // 主持…；负责审计工作 / 主管 办公厅、审计局、研究室 / 联系人大、政协、民主党派和工商联工作
  ['常务副市长', '陈鸣波', 3, 9, 6],
  ['副市长', '胡明朗', 1, 6, 6],
  ['副市长', '郑向东', 1, 6, 4],
  ['副市长', '但彦铮', 1, 5, 2],
  ['副市长', '江敦涛', 2, 5, 6], // 负责…；具体负责应急管理和安全生产工作
  ['副市长', '商奎', 1, 5, 3],
  ['副市长', '张安疆', 1, 3, 1],
  ['副市长', '张国智', 1, 13, 7],
  ['秘书长', '罗清泉', 4, 1, 2], // one paragraph: 负责…，主持…，负责组织…，负责协调…。协助市长联系…，联系市政府研究室，分管市政府驻外办事处
];

describe('leaders seed (渝府办发〔2023〕27号)', () => {
  it('the shipped seeds/leaders.json is what the builder reads from the shared text', () => {
    const doc = parseLeaderDocument(lines());
    expect(doc).not.toBeNull();
    expect(leaderSeedOf(doc!, '001_948a518f9fdda671.txt')).toEqual(leadersJson);
  });

  it('reads the header and every leader with the counts made by hand', () => {
    const doc = parseLeaderDocument(lines())!;
    expect(doc).toMatchObject({ docNumber: '渝府办发〔2023〕27号', issuer: '重庆市人民政府办公厅', issueDate: '2023-03-30', line: 413 });
    const counted = doc.leaders.map((l) => [l.title, l.name, ...(['负责', '分管', '联系'] as const).map((k) => l.duties.filter((d) => d.kind === k).length)]);
    expect(counted).toEqual(BY_HAND);
    const all = doc.leaders.flatMap((l) => l.duties);
    expect([all.length, all.filter((d) => d.kind === '分管').length, all.filter((d) => d.kind === '联系').length]).toEqual([111, 56, 38]);
  });

  it('keeps the words and the source lines as written, contradictions included', () => {
    const doc = parseLeaderDocument(lines())!;
    const [mayor, executive] = doc.leaders;
    expect(mayor!.duties.filter((d) => d.kind === '分管').map((d) => [d.verb, d.text])).toEqual([
      ['主管', '市政府办公厅'], ['主管', '市审计局'], ['主管', '市政府研究室'],
    ]);
    // the line that wrapped (437—439) is one list; the source keeps both lines verbatim
    const fenguan = executive!.duties.filter((d) => d.kind === '分管');
    expect(fenguan.map((d) => d.text)).toContain('市国动办（市人民防空办）');
    expect(fenguan[0]).toMatchObject({ text: '市发展改革委（市粮食局）', line: 437 });
    expect(fenguan[0]!.sourceText.split('\n')).toEqual([lines()[436], lines()[438]]);
    // the extraction's English “and” is written 和 in the text, kept in the source line
    const area = executive!.duties[1]!;
    expect(area.text).toContain('应急管理和安全生产');
    expect(area.sourceText).toContain('应急管理 and 安全生产');
    expect(executive!.duties[2]).toMatchObject({ verb: '协助负责', text: '审计工作' });
    // 市政府研究室: 主管 by the 市长 and 联系 by the 秘书长 — both kept
    const secretary = doc.leaders.at(-1)!;
    expect(secretary.duties.map((d) => `${d.verb}:${d.text}`)).toEqual([
      '负责:协助市政府领导同志处理市政府日常工作', '主持:市政府办公厅全面工作',
      '负责:组织市政府全体会议、市政府常务会议、市长办公会议', '负责:协调市长、副市长的日常活动安排及市政府的全市性重大活动安排',
      '协助市长联系:人大、政协、民主党派和工商联工作', '联系:市政府研究室', '分管:市政府驻外办事处',
    ]);
  });

  it('splits lists outside brackets and matches departments by name, alias or bracket', () => {
    expect(splitList('市发展改革委（市粮食局）、市财政局、市国动办（市人民防空办）')).toEqual(['市发展改革委（市粮食局）', '市财政局', '市国动办（市人民防空办）']);
    const byName = new Map([['市金融监管局', 'a'], ['市金融工作局', 'a'], ['市发展改革委', 'b']]);
    expect(departmentNamed('市金融监管局（市金融工作局）', byName)).toBe('a');
    expect(departmentNamed('市发展改革委（市粮食局）', byName)).toBe('b');
    expect(departmentNamed('市审计局', byName)).toBeNull();
    expect(departmentNamed('西部科学城重庆高新区', byName)).toBeNull();
  });
});

describe('leaders.list', () => {
  it('a seeded file holds the ten leaders, linked where the catalogue knows the body, and still the seeded plans only', () => {
    const s = seededStore();
    const leaders = ok<Leader[]>(s, 'leaders.list', {});
    expect(leaders.map((l) => l.name)).toEqual(BY_HAND.map((b) => b[1]));
    expect(leaders[0]).toMatchObject({ title: '市长', docNumber: '渝府办发〔2023〕27号' });
    const departments = ok<{ id: string; name: string }[]>(s, 'departments.list', {});
    const idOf = (n: string) => departments.find((d) => d.name === n)?.id;
    const duty = (text: string) => leaders.flatMap((l) => l.duties.map((d) => ({ ...d, leader: l.name }))).find((d) => d.text === text);
    expect(duty('市金融监管局（市金融工作局）')).toMatchObject({ leader: '商奎', kind: '分管', departmentId: idOf('市金融监管局'), departmentName: '市金融监管局' });
    expect(duty('市发展改革委（市粮食局）')).toMatchObject({ leader: '陈鸣波', departmentId: idOf('市发展改革委') });
    expect(duty('市政府办公厅')).toMatchObject({ leader: '胡衡华', verb: '主管', departmentId: idOf('市政府办公厅') });
    // bodies the catalogue lacks are shown as written, unlinked
    expect(duty('市审计局')).toMatchObject({ departmentId: null, departmentName: null });
    expect(duty('西部科学城重庆高新区')).toMatchObject({ departmentId: null });
    expect(ok<unknown[]>(s, 'plans.list', {})).toHaveLength(SEEDED_PLANS);
  });

  it('a file made before migration 010 gets the leaders when it is upgraded, once', async () => {
    const file = tempFile();
    seededStore(file).close();
    const { default: Database } = await import('better-sqlite3');
    const { downgrade } = await import('../helpers/downgrade.ts');
    const raw = new Database(file);
    downgrade(raw, 9);
    raw.close();
    const s = openStore(file);
    try {
      expect(ok<Leader[]>(s, 'leaders.list', {})).toHaveLength(10);
      const departments = ok<{ id: string; name: string }[]>(s, 'departments.list', {});
      const known = ok<Leader[]>(s, 'leaders.list', {}).flatMap((l) => l.duties).find((d) => d.text === '市财政局');
      expect(known?.departmentId).toBe(departments.find((d) => d.name === '市财政局')?.id);
    } finally {
      s.close();
    }
    const again = openStore(file);
    try {
      expect(again.db.prepare('SELECT count(*) AS n FROM leaders').get()).toEqual({ n: 10 });
    } finally {
      again.close();
    }
  });

  it('a new file with no plans has the leaders too (reference data)', () => {
    const s = openStore(tempFile(), { create: 'reference' });
    try {
      expect(ok<Leader[]>(s, 'leaders.list', {})).toHaveLength(10);
      expect(ok<unknown[]>(s, 'plans.list', {})).toHaveLength(0);
    } finally {
      s.close();
    }
  });
});

/** draft.read → draft.create: new plans in one undoable change set, after the seed loader's checks. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtStore, dumpTables, ok, seededStore } from '../helpers/store.ts';
import { gazetteFile, gazetteText } from '../helpers/gazette.ts';
import type { DraftPlan } from '../../contract/ops/draft.ts';
import type { SeedCommon } from '../../db/seed/format.ts';

const seedCommonFile = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../seeds/common.json'), 'utf8')) as SeedCommon;
// the reference lists without the departments 57号 brought into the seeds (session 5), so that drafting 000 proposes them
const common: SeedCommon = { ...seedCommonFile, departments: seedCommonFile.departments.filter((u) => !['团市委', '市工商联', '市残联', '市就业工作领导小组成员单位', '万盛经开区管委会'].includes(u.name)) };
const file000 = () => gazetteFile('000');
const emptyWithReferences = () =>
  builtStore((b) => {
    b.common = structuredClone(common);
  });
const withoutAudit = (t: Record<string, unknown[]>) => Object.fromEntries(Object.entries(t).filter(([k]) => !/change|audit/.test(k)));
const refusal = (store: ReturnType<typeof seededStore>, name: string, input: unknown) => {
  const r = store.call(name, input);
  if (r.ok) throw new Error(`${name} was not refused`);
  return r.error;
};

describe('draft.create', () => {
  it('creates the drafts of an issue as plans in one change set; undo removes them all, redo brings them back', () => {
    const store = emptyWithReferences();
    const before = withoutAudit(dumpTables(store));
    const read = ok<{ drafts: DraftPlan[] }>(store, 'draft.read', file000());
    expect(read.drafts.map((d) => d.plan.docNumber)).toEqual(['渝府〔2023〕13号', '渝府办发〔2023〕57号', '']);
    const made = ok<{ planIds: string[]; newDepartments: string[]; changes: { changeSetId: number } }>(store, 'draft.create', { drafts: read.drafts });
    expect(made.planIds).toHaveLength(3);
    expect(made.newDepartments).toEqual(expect.arrayContaining(['团市委', '市工商联', '市残联']));
    const doc = ok<{ districts: { name: string; targets: { value: string }[] }[]; clusters: unknown[]; indicators: unknown[]; tasks: { number: string; leadDepartments: { name: string }[]; deadline: string | null }[] }>(store, 'plans.document', { planId: made.planIds[0] });
    expect(doc.districts.map((d) => [d.name, d.targets[0]?.value])).toEqual([
      ['江津区', '3000'], ['合川区', '1600'], ['永川区', '3300'], ['大足区', '1000'], ['璧山区', '1500'], ['铜梁区', '1600'], ['潼南区', '1000'], ['荣昌区', '1000'],
    ]);
    expect(doc.clusters).toHaveLength(9);
    expect(doc.tasks).toHaveLength(21);
    expect(doc.tasks[20]).toMatchObject({ number: '七（三）', leadDepartments: [{ name: '市政府办公厅' }, { name: '市经济信息委' }], deadline: null });
    const departments = ok<{ name: string }[]>(store, 'departments.list', {});
    expect(departments.map((d) => d.name)).toContain('团市委');

    ok(store, 'history.undo', { planId: made.planIds[0] });
    expect(ok<unknown[]>(store, 'plans.list', {})).toHaveLength(0);
    expect(withoutAudit(dumpTables(store))).toEqual(before);
    ok(store, 'history.redo', { planId: made.planIds[0] });
    expect(ok<unknown[]>(store, 'plans.list', {})).toHaveLength(3);
    expect(ok<{ tasks: unknown[] }>(store, 'plans.document', { planId: made.planIds[1] }).tasks).toHaveLength(19);
  });

  it('refuses a document whose 文号 is already in the file (compare it instead), writing nothing', () => {
    const store = seededStore();
    const before = dumpTables(store);
    const read = ok<{ drafts: DraftPlan[] }>(store, 'draft.read', file000());
    const err = refusal(store, 'draft.create', { drafts: read.drafts });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('渝府〔2023〕13号');
    expect(dumpTables(store)).toEqual(before);
  });

  it('refuses a draft that misses what a plan needs, naming it, and writes nothing', () => {
    const store = emptyWithReferences();
    const before = dumpTables(store);
    const [d] = ok<{ drafts: DraftPlan[] }>(store, 'draft.read', file000()).drafts;
    if (!d) throw new Error('no draft');
    const broken = { ...d, plan: { ...d.plan, periodStart: null }, districts: [{ ...d.districts[0]!, id: null, name: '不存在区' }] };
    const err = refusal(store, 'draft.create', { drafts: [broken] });
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.issues.map((i) => i.message).join(' ')).toContain('规划期');
    expect(err.issues.map((i) => i.message).join(' ')).toContain('不存在区');
    expect(dumpTables(store)).toEqual(before);
  });
});

describe('draft.read refuses what it cannot read', () => {
  it('binary bytes, a PDF (until the reader is merged) and an oversized input', () => {
    const store = seededStore();
    expect(refusal(store, 'draft.read', { fileName: 'a.txt', bytes: Buffer.from([0, 1, 2, 0]).toString('base64') }).code).toBe('INVALID_INPUT');
    expect(refusal(store, 'draft.read', { fileName: 'a.pdf', bytes: Buffer.from('%PDF-1.4').toString('base64') }).message).toContain('PDF');
    expect(refusal(store, 'draft.read', { fileName: 'a.txt', bytes: 'A'.repeat(12 * 1024 * 1024) }).code).toBe('INVALID_INPUT');
    expect(ok<{ drafts: unknown[] }>(store, 'draft.read', { fileName: 'a.txt', bytes: Buffer.from('没有规划的文字').toString('base64') }).drafts).toEqual([]);
  });
});

describe('draft.create refuses hostile input at the boundary', () => {
  it('garbage, deep nesting and oversized lists are refused as invalid input; nothing is written', () => {
    const store = seededStore();
    const before = dumpTables(store);
    let deep: unknown = 'x';
    for (let i = 0; i < 5000; i++) deep = { drafts: [deep] };
    const huge = { format: 'plandesk.draft/1', tasks: Array.from({ length: 6000 }, () => ({})) };
    for (const input of [null, 'drafts', { drafts: 'x' }, { drafts: [] }, deep, { drafts: [huge] }, { drafts: [{ format: 'plandesk.draft/1', __proto__: { x: 1 } }] }]) {
      const r = store.call('draft.create', input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('INVALID_INPUT');
    }
    expect(dumpTables(store)).toEqual(before);
  });
});

describe('draft.create: sources and the plans.create path', () => {
  type Doc = {
    plan: { source: string | null };
    districts: { name: string; targets: { text: string | null; source: string }[] }[];
    indicators: { name: string; source: string; targets: { source: string }[] }[];
    clusters: { source: string; targets: { source: string }[] }[];
    tasks: { number: string; title: string; source: string }[];
  };
  it('the created plan keeps where each value was read: the file and 文号 in plans.source, the line and the words in every record', () => {
    const store = emptyWithReferences();
    const file = file000();
    const read = ok<{ drafts: DraftPlan[] }>(store, 'draft.read', file);
    const made = ok<{ planIds: string[] }>(store, 'draft.create', { drafts: read.drafts });
    const doc = ok<Doc>(store, 'plans.document', { planId: made.planIds[0] });
    expect(doc.plan.source).toBe(`${file.fileName}（渝府〔2023〕13号）`);
    expect(ok<Doc>(store, 'plans.document', { planId: made.planIds[2] }).plan.source).toBe(`${file.fileName}（重庆市开展政务服务码利企便民应用试点工作实施方案）`);
    const jiangjin = doc.districts.find((d) => d.name === '江津区');
    expect(jiangjin?.targets[0]?.source).toMatch(/^渝府〔2023〕13号 四、空间布局 （一） · 第\d+行：“规模以上工业企业实现营业收入3000亿元”$/);
    expect(doc.indicators[0]?.source).toMatch(/ · 第\d+行：“渝西地区规模以上工业企业实现营业收入1\.4万亿元”$/);
    expect(doc.clusters[0]?.targets[0]?.source).toMatch(/ · 第\d+行：“渝西地区智能网联新能源汽车零部件产业集群实现营业收入4000亿元”$/);
    // every record of the plan says its line and quotes the document
    const all = [...doc.districts.flatMap((d) => d.targets), ...doc.indicators, ...doc.indicators.flatMap((i) => i.targets), ...doc.clusters.flatMap((c) => c.targets), ...doc.tasks];
    expect(all.filter((r) => !/第\d+行：“.+”$/.test(r.source))).toEqual([]);
    const task = doc.tasks.find((t) => t.number === '七（三）');
    expect(task?.source).toContain('（三）严格工作考核。');
    // the quote is the document's text: it is in the file as written (lines joined)
    const text = gazetteText('000').replace(/\s+/g, '');
    for (const r of all) expect(text, r.source).toContain(/：“(.*)”$/.exec(r.source)![1]!.replace(/……$/, '').replace(/\s+/g, '').slice(0, 40));
  });

  it('goes through plans.create: its header checks (named by field), its label, undone as a plan created by hand', () => {
    const store = emptyWithReferences();
    const [d] = ok<{ drafts: DraftPlan[] }>(store, 'draft.read', file000()).drafts;
    if (!d) throw new Error('no draft');
    const before = dumpTables(store);
    // a date the calendar does not have and a blank issuer: plans.create refuses both, and so does draft.create
    const err = refusal(store, 'draft.create', { drafts: [{ ...d, plan: { ...d.plan, issueDate: '2023-02-30', issuer: ' ' } }] });
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.issues.map((i) => i.message)).toEqual(expect.arrayContaining(['发布日期“2023-02-30”格式不对，应为 2023-07-14 这样的日期', '发文机关不能为空']));
    expect(err.issues.every((i) => String(i.field).startsWith('草稿 1（渝府〔2023〕13号）'))).toBe(true);
    expect(dumpTables(store)).toEqual(before);

    const made = ok<{ planIds: string[]; history: { undoLabel: string } }>(store, 'draft.create', { drafts: [d] });
    expect(made.history.undoLabel).toBe(`新建规划“${d.plan.title}”`);
    // recorded as plans.create records a plan: the header first, then its records
    const first = store.db.prepare("SELECT entity, entity_id FROM audit_log WHERE change_set_id = (SELECT max(id) FROM change_sets) AND entity <> 'department' ORDER BY id LIMIT 1").get();
    expect(first).toEqual({ entity: 'plan', entity_id: made.planIds[0] });
    const order = ok<{ id: string; sortOrder?: number }[]>(store, 'plans.list', {});
    expect(order.map((p) => p.id)).toEqual([made.planIds[0]]);
    const undone = ok<{ undone: string }>(store, 'history.undo', { planId: made.planIds[0] });
    expect(undone.undone).toBe(`新建规划“${d.plan.title}”`);
    expect(ok<unknown[]>(store, 'plans.list', {})).toHaveLength(0);
  });
});

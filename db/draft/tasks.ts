/** Tasks of a document: the rows of its task tables, and its numbered items with a responsibility clause. */
import { normalizeDeadlineText } from '../../domain/deadlines.ts';
import type { DraftBuilder, DraftTask } from './build.ts';
import { confidence } from './build.ts';
import { findClauses, type Clause } from './clauses.ts';
import { splitList, type Matcher, type Reference } from './names.ts';
import { proseDeadline } from './prose.ts';
import { firstSentence, type Block } from './structure.ts';
import type { TaskTable } from './tables.ts';

type Ref = { id: string | null; name: string };

const ORG_END = /(部门|政府|局|委|办|办公厅|管委会|单位|院|会|部|处|中心)$/;

/**
 * The names of a clause as departments: "各区县（自治县）政府和两江新区、西部科学城重庆高新区、万盛经开区管委会"
 * → 各区县政府, 两江新区管委会, 西部科学城重庆高新区管委会, 万盛经开区管委会 (a trailing 管委会 goes with every
 * area before it; "A和B" of two bodies is two names; "（自治县）" is dropped where the shorter name is known).
 */
export function expandNames(names: string[], m: Matcher): string[] {
  const split: string[] = [];
  for (const raw of names) {
    const n = raw.trim();
    const parts = n.split(/和|及/);
    if (!m.isDepartment(n) && parts.length > 1 && parts.every((x) => x.length >= 2) && parts.slice(0, -1).every((x) => m.isDepartment(x) || ORG_END.test(x) || m.districtIn(x)))
      split.push(...parts);
    else split.push(n);
  }
  const out = split.map((n) => {
    const short = n.replace(/（自治县）|\(自治县\)/g, '');
    return short !== n && m.isDepartment(short) ? short : n;
  });
  const last = out[out.length - 1] ?? '';
  if (/管委会$/.test(last)) {
    for (let i = out.length - 2; i >= 0; i--) {
      const n = out[i] ?? '';
      if (ORG_END.test(n) || !m.districtIn(n)) break;
      out[i] = `${n}管委会`;
    }
  }
  return out;
}

function departments(b: DraftBuilder, names: string[]): { refs: Ref[]; unknown: string[] } {
  const refs: Ref[] = [];
  const unknown: string[] = [];
  for (const raw of expandNames(names, b.names)) {
    let n = raw.trim().replace(/等$/, '');
    if (!n) continue;
    // an extraction that displaced a character: "市经济信息委市" / "招商投资局"
    if (!b.names.isDepartment(n)) {
      if (b.names.isDepartment(`市${n}`)) n = `市${n}`;
      else if (n.endsWith('市') && b.names.isDepartment(n.slice(0, -1))) n = n.slice(0, -1);
    }
    const d = b.department(n);
    if (!d) continue;
    if (d.id === null) unknown.push(d.name);
    if (!refs.some((r) => r.name === d.name)) refs.push(d);
  }
  return { refs, unknown };
}

/** Districts a department stands for: 江津区政府 → 江津区, 重庆高新区管委会 → 西部科学城重庆高新区. */
function districtsOfDepartments(ref: Reference, names: Matcher, deps: Ref[]): Ref[] {
  const out: Ref[] = [];
  for (const d of deps) {
    const canonical = ref.departments.find((x) => x.id === d.id)?.name ?? d.name;
    if (!/(政府|管委会)$/.test(canonical) || /^各/.test(canonical)) continue;
    const hit = names.districtIn(canonical);
    if (hit && !out.some((o) => o.name === hit.name)) out.push({ id: hit.id, name: hit.name });
  }
  return out;
}

function pushTask(b: DraftBuilder, t: Omit<DraftTask, 'id' | 'order'>): number {
  const n = b.draft.tasks.length;
  b.draft.tasks.push({ ...t, id: `${b.planId}/t/${n + 1}`, order: n + 1 });
  return n;
}

export function tableTasks(b: DraftBuilder, ref: Reference, table: TaskTable): void {
  const allLead = !table.columns.includes('participating');
  for (const row of table.rows) {
    const c = row.cells;
    const titleCell = c.title ?? '';
    const leadNames = splitList((c.lead ?? '').replace(/及/g, '、'), '、，,；;');
    const partNames = splitList((c.participating ?? '').replace(/及/g, '、'), '、，,；;');
    const lead = departments(b, leadNames);
    const part = departments(b, allLead ? [] : partNames);
    const deadlineText = c.deadline?.trim() || null;
    const deadline = deadlineText ? normalizeDeadlineText(deadlineText) : null;
    const weak: string[] = [];
    if (!c.number) weak.push('缺序号');
    if (!lead.refs.length) weak.push('缺牵头/责任单位');
    for (const u of [...lead.unknown, ...part.unknown]) weak.push(`“${u}”不在部门名录中，建议新增`);
    if (table.columns.includes('deadline') && !deadline) weak.push('完成时限无法识别');
    const description = c.description ? c.description : titleCell;
    const i = pushTask(b, {
      number: c.number ?? '',
      section: row.section,
      title: c.description ? titleCell : firstSentence(titleCell) || titleCell,
      description,
      leadDepartments: lead.refs,
      participatingDepartments: part.refs,
      districts: districtsOfDepartments(ref, b.names, lead.refs),
      deadline: deadline && /^\d{4}-\d{2}$/.test(deadline) ? deadline : null,
      deadlineText,
      quantitativeGoal: null,
      source: b.sectionSource(`附件 ${row.subsection ?? row.section ?? ''} 第${c.number ?? ''}项`),
    });
    const q = { joined: row.joined, start: 0, end: row.joined.text.length };
    const conf = confidence(0.95, weak);
    b.source(`tasks[${i}]`, q, conf, ['表格行：序号 + 任务 + 单位', ...weak]);
    b.source(`tasks[${i}].leadDepartments`, q, confidence(lead.unknown.length ? 0.6 : 0.95, []), [`${table.leadHeader || '牵头单位'}列`, ...lead.unknown.map((u) => `“${u}”为新部门`)]);
    if (deadline) b.source(`tasks[${i}].deadline`, q, 0.95, ['完成时限列']);
  }
}

export interface ProseTaskContext {
  b: DraftBuilder;
  ref: Reference;
  /** district paragraphs: block → its district */
  districtOf: (block: Block) => Ref | null;
  carried: Ref[];
}

/** Numbered items (（一） or 1.) with a responsibility clause, or under a clause that closes their section. */
export function proseTasks(ctx: ProseTaskContext, blocks: Block[]): void {
  const before = ctx.b.draft.tasks.length;
  clauseTasks(ctx, blocks);
  if (ctx.b.draft.tasks.length > before) return;
  // no responsibility clause anywhere (渝府发〔2023〕8号's 56 numbered tasks): the numbered items of the
  // 重点任务 sections are drafted as tasks without units, at a low confidence, for the planner to assign
  const numbered = (re: RegExp) => blocks.filter((bl) => bl.level === 3 && bl.section && re.test(bl.section.heading));
  if (numbered(/重点任务|主要任务|重点举措/).length < 3) return;
  const sectionRe = /重点任务|主要任务|重点举措|保障/;
  // a （三） with no 1. 2. beneath it is itself the item (渝府办发〔2023〕37号 四、（三）（四）, 六、（一）—（四）)
  const childless = (bl: Block) =>
    bl.level === 2 && !blocks.some((c) => c.level === 3 && c.section?.numeral === bl.section?.numeral && c.item?.numeral === bl.numeral);
  const items = blocks.filter((bl) => bl.section && sectionRe.test(bl.section.heading) && (bl.level === 3 || childless(bl)));
  // 1. 2. … restarting under each （一）（二） (渝府办发〔2023〕37号 四、): numbered （一）1, （二）1, … as in clauseTasks
  const digits = items.filter((bl) => bl.level === 3).map((bl) => bl.numeral);
  const qualify = new Set(digits).size < digits.length;
  for (const bl of items) {
    const text = bl.joined.text;
    const dl = proseDeadline(text);
    const i = pushTask(ctx.b, {
      number: bl.level === 2 ? `${bl.section?.numeral ?? ''}（${bl.numeral}）` : qualify && bl.item ? `（${bl.item.numeral}）${bl.numeral}` : bl.numeral,
      section: bl.section ? `${bl.section.numeral}、${bl.section.heading}` : null,
      title: bl.heading,
      description: text.replace(/^([（(][一二三四五六七八九十]+[）)]|\d{1,2}[．.、])\s*/, ''),
      leadDepartments: [],
      participatingDepartments: [],
      districts: [],
      deadline: dl?.deadline ?? null,
      deadlineText: dl?.text ?? null,
      quantitativeGoal: dl && !('expiry' in dl) ? text.slice(dl.at, text.indexOf('。', dl.at) + 1 || text.length) : null,
      source: ctx.b.sectionSource(`${bl.section?.numeral ?? ''}、${bl.item ? `（${bl.item.numeral}）` : ''}${bl.level === 3 ? bl.numeral : ''}`),
    });
    // the whole item (build.ts caps a quote at 4000 characters): the review highlights all of it
    ctx.b.source(`tasks[${i}]`, { joined: bl.joined, start: 0, end: text.length }, 0.4, ['编号条目，文件未写责任单位：牵头单位待填']);
  }
}

function clauseTasks(ctx: ProseTaskContext, blocks: Block[]): void {
  const bySection = new Map<string, Block[]>();
  for (const bl of blocks) {
    if (bl.level !== 2 && bl.level !== 3) continue;
    const key = bl.section?.numeral ?? '';
    bySection.set(key, [...(bySection.get(key) ?? []), bl]);
  }
  for (const items of bySection.values()) {
    const clauses = new Map(items.map((bl) => [bl, findClauses(bl.joined.text)]));
    const withClause = items.filter((bl) => (clauses.get(bl) ?? []).length > 0);
    let shared: Clause | null = null;
    const last = items[items.length - 1];
    if (withClause.length === 1 && withClause[0] === last && last) {
      const c = clauses.get(last)?.[0];
      const startsLine = c ? last.joined.starts.includes(c.start) : false;
      if (c && startsLine) shared = c;
    }
    const level = shared ? last?.level : null;
    // 1. 2. … restarting under each （一）（二） of the section (24号 三、): numbered （一）1, （二）1, … to stay apart
    const digits = items.filter((bl) => bl.level === 3).map((bl) => bl.numeral);
    const qualify = new Set(digits).size < digits.length;
    for (const bl of items) {
      const own = clauses.get(bl)?.[0] ?? null;
      const clause = own && own !== shared ? own : shared && bl.level === level ? shared : null;
      if (!clause) continue;
      proseTask(ctx, bl, clause, own === shared && own !== null, own !== null, own !== null ? bl : (last ?? bl), qualify);
      if (clause.carriesDistricts && clause.districts.length) {
        ctx.carried = clause.districts.map((n) => ctx.b.names.district(n)).map((m) => ({ id: m.id, name: m.name }));
      }
    }
  }
}

function proseTask(ctx: ProseTaskContext, bl: Block, clause: Clause, holdsShared: boolean, inBlock: boolean, clauseBlock: Block, qualify = false): void {
  const { b } = ctx;
  const text = bl.joined.text;
  const body = inBlock ? text.slice(0, clause.start) : text;
  const lead = departments(b, clause.lead);
  const part = departments(b, clause.participating);
  const district = ctx.districtOf(bl);
  const districts: Ref[] = district ? [district] : [...ctx.carried];
  for (const d of district ? [] : districtsOfDepartments(ctx.ref, b.names, lead.refs)) if (!districts.some((x) => x.name === d.name)) districts.push(d);
  for (const n of clause.districts) {
    if (district) break;
    const m = b.names.district(n);
    if (!districts.some((d) => d.name === m.name)) districts.push({ id: m.id, name: m.name });
  }
  const dl = proseDeadline(body);
  const goal = dl && !('expiry' in dl) ? body.slice(dl.at, (body.indexOf('。', dl.at) + 1 || body.length)) : null;
  const weak: string[] = [];
  for (const u of [...lead.unknown, ...part.unknown]) weak.push(`“${u}”不在部门名录中，建议新增`);
  if (!lead.refs.length) weak.push('责任条款中没有牵头单位');
  const number = bl.level === 2 ? `${bl.section?.numeral ?? ''}（${bl.numeral}）` : qualify && bl.item ? `（${bl.item.numeral}）${bl.numeral}` : bl.numeral;
  const i = pushTask(b, {
    number,
    section: bl.section ? `${bl.section.numeral}、${bl.section.heading}` : null,
    title: district?.name ?? bl.heading,
    description: text.replace(/^([（(][一二三四五六七八九十]+[）)]|\d{1,2}[．.、])\s*/, ''),
    leadDepartments: lead.refs,
    participatingDepartments: part.refs,
    districts,
    deadline: dl?.deadline ?? null,
    deadlineText: dl?.text ?? null,
    quantitativeGoal: goal,
    source: b.sectionSource(`${bl.section?.numeral ?? ''}、${bl.level === 2 ? `（${bl.numeral}）` : bl.numeral}`),
  });
  // the whole item, its responsibility clause included (it was cut at 200 characters, mid-name; build.ts caps at 4000)
  b.source(`tasks[${i}]`, { joined: bl.joined, start: 0, end: text.length }, confidence(0.85, weak), ['编号条目 + 责任条款', ...weak]);
  b.source(`tasks[${i}].leadDepartments`, { joined: clauseBlock.joined, start: clause.start, end: clause.end }, confidence(holdsShared || !inBlock ? 0.75 : 0.9, weak), [holdsShared || !inBlock ? '本节末尾的责任条款适用于本节各项' : '本项的责任条款', ...weak]);
  if (dl) b.source(`tasks[${i}].deadline`, { joined: bl.joined, start: dl.at, end: dl.at + dl.text.length + 1 }, 0.7, ['expiry' in dl ? '由“实施期限截至”推定时限为该月' : '由“到YYYY年”推定时限为该年年底']);
}

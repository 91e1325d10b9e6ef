/**
 * What the prose of a plan states: headline targets ("到2027年……营业收入1.4万亿元", "分别提高至40%、60%"),
 * the targets of areas named in them ("（其中，中心城区分别超过7110家、46560家，…）", a paragraph about
 * 主城都市区), per-district paragraphs ("（一）江津区。优先发展……到2027年，……营业收入3000亿元。"),
 * per-cluster targets ("……产业集群实现营业收入4000亿元"), and numbered tasks with their
 * responsibility clause.
 */
import { findIn, type FoundQuantity } from './quantity.ts';
import type { Clause } from './clauses.ts';
import { splitList } from './names.ts';
import type { Block } from './structure.ts';
import type { DraftBuilder, DraftIndicator } from './build.ts';
import { confidence } from './build.ts';

const REGION_PREFIX = /^(渝西地区|全市|我市|重庆市|重庆|其中|力争)+/;
const VERBS = /(实现|达到|提高到|提高至|超过|突破|力争|稳定在|缩小至|累计|分别|总量|规模)+$/;

/**
 * A stated target year: "到2027年", "至2025年", or a deadline "2023 年年底前" / "2023年底前" / "2023年前" (the
 * gazette texts put a space before 年). Not "较2022年" or "在2020年的基础上" (baselines).
 */
const STATED_YEAR = /(?:(?:到|至)\s*(\d{4})\s*年|(\d{4})\s*年(?:\s*年底|底)?前)/g;
const statesYear = (text: string) => new RegExp(STATED_YEAR.source).test(text);

/** The year a target is for: the last stated year (STATED_YEAR) before it in its block, else the plan's end. */
function yearBefore(text: string, at: number, fallback: number | null): number | null {
  const before = text.slice(0, at);
  const all = [...before.matchAll(STATED_YEAR)];
  const last = all[all.length - 1];
  const y = last ? Number(last[1] ?? last[2]) : fallback;
  return y && y >= 1949 && y <= 2100 ? y : null;
}

function clauseStart(text: string, at: number, stops: string): number {
  for (let i = at - 1; i >= 0 && at - i < 200; i--) if (stops.includes(text[i] ?? '')) return i + 1;
  return Math.max(0, at - 200);
}

export function indicatorName(subject: string, unit: string | null): string {
  let s = subject.replace(/^[，。；：、（(\s]+/, '').replace(/^(到\d{4}年[，,]?)/, '').replace(REGION_PREFIX, '');
  s = s.replace(/较\d{4}年/, '').replace(/实现/g, '').replace(VERBS, '').replace(/[“”]双倍增[“”]/, '').replace(/在\d{4}年的基础上/, '');
  s = s.replace(/的$/, '').trim();
  if (unit === '家' && s && !/(数|数量|总数)$/.test(s)) s = `${s}数量`;
  return s;
}

/** "A、B的企业占…的比重" → "A的企业占…的比重", "B的企业占…的比重"; "A和B" → A, B. */
function splitSubject(subject: string, count: number): string[] {
  let parts = splitList(subject, '、');
  if (parts.length < count) parts = subject.split('和').flatMap((p) => splitList(p, '、'));
  if (parts.length !== count) return Array.from({ length: count }, () => subject);
  const last = parts[parts.length - 1] ?? '';
  const de = last.indexOf('的');
  if (de > 0 && parts.slice(0, -1).every((p) => !p.includes('的'))) {
    const suffix = last.slice(de);
    return parts.map((p, i) => (i === parts.length - 1 ? p : `${p}${suffix}`));
  }
  return parts;
}

interface Group {
  names: string[];
  quantities: FoundQuantity[];
  subjectStart: number;
}

/** What is before a number when the thing counted comes after it: a verb of making or doing. */
const NAME_AFTER = /^(全面|力争|探索|累计|新|满足[\u4e00-\u9fa5]{0,6})?(产生|新增|建成|培育|引进|新建|落实|形成|推出|打造|创建)$/;

/** Quantities of a text grouped with the subject they are for ("A、B分别提高至x、y" is one group). */
function groups(text: string, skip: (q: FoundQuantity) => boolean): Group[] {
  const qs = findIn(text).filter((q) => !skip(q));
  const out: Group[] = [];
  for (let k = 0; k < qs.length; k++) {
    const q = qs[k];
    if (!q) continue;
    const wide = clauseStart(text, q.start, '，。；：（(');
    const narrow = clauseStart(text, q.start, '，。；：、（(');
    const start = /分别/.test(text.slice(wide, q.end)) ? wide : narrow;
    let subject = text.slice(start, q.start);
    const list: FoundQuantity[] = [q];
    const together = /分别|总量/.test(subject) || /分别/.test(q.lead) || (subject === '' && /分别$/.test(text.slice(0, q.start)));
    if (together) {
      while (k + 1 < qs.length) {
        const next = qs[k + 1];
        const gap = next ? text.slice(list[list.length - 1]?.end ?? 0, next.start) : '';
        if (!next || !/^[、和及]$/.test(gap)) break;
        list.push(next);
        k++;
      }
      subject = subject.replace(/分别.*$/, '');
      const parts = splitList(subject, '、');
      if (parts.length > 1 && /^(总量|规模|数量|总数)$/.test(parts[parts.length - 1] ?? '')) {
        subject = parts.slice(0, -1).join('、').replace(/(实现|在\d{4}年).*$/, '');
      } else if (/^(总量)?$/.test(subject.replace(/[，,]/g, ''))) {
        // "高新技术企业和科技型企业实现“双倍增”、总量分别达到…": the subject is the clause before
        const prevEnd = start - 1;
        const prevStart = clauseStart(text, prevEnd, '，。；：（(');
        subject = text.slice(prevStart, prevEnd).replace(/(实现|在\d{4}年).*$/, '');
      }
    }
    if (list.length === 1 && indicatorName(subject, null) === '' && text[start - 1] === '、') {
      // "X高于全国平均水平、力争达到5万元以上": the subject is the clause before the 、
      const prevStart = clauseStart(text, start - 1, '，。；：、（(');
      subject = text.slice(prevStart, start - 1).replace(/(高于|低于|超过|达到|稳定保持|不低于).*$/, '');
    }
    const names = (list.length > 1 ? splitSubject(subject, list.length) : [subject]).map((n, i) => {
      const qi = list[i];
      let name = indicatorName(n, qi?.unit ?? null);
      // "力争产生3项重大科学发现和技术成果", "全面落实86项改革试点任务", "满足市级统筹推出的50项……要求": the name
      // follows the number when what is before it is only a verb (a short phrase ending in one)
      if (qi && NAME_AFTER.test(name) && name.length <= 10) name = /^[^，。；、（(]{2,30}/.exec(text.slice(qi.end).replace(/^\s+/, ''))?.[0]?.trim() ?? name;
      // the stated change is part of what is measured
      if (qi && /年均增长/.test(qi.lead) && !/增长/.test(name)) name = `${name}年均增长`;
      else if (qi && (/累计下降/.test(qi.lead) || (/下降/.test(qi.lead) && /累计$/.test(n)))) name = `${name}累计下降率`;
      else if (qi && /^降低$/.test(qi.lead)) name = `${name}降低`;
      return name;
    });
    // "…营业收入1.4万亿元、占全市…的比重提高至35%左右": a share whose subject is the quantity before it in the sentence
    const prev = out[out.length - 1];
    if (names.length === 1 && /^占/.test(names[0] ?? '') && prev && prev.names.length === 1 && !/[。；]/.test(text.slice(prev.subjectStart, start))) names[0] = `${prev.names[0]}${names[0]}`;
    out.push({ names, quantities: list, subjectStart: start });
  }
  return out;
}

export interface ProseContext {
  b: DraftBuilder;
  periodEnd: number | null;
  /** headline indicators by name (a district or cluster target finds its indicator here) */
  byName: Map<string, DraftIndicator>;
}

function indicatorFor(ctx: ProseContext, name: string, unit: string | null, sourceLabel: string): DraftIndicator {
  const key = `${name}|${unit ?? ''}`;
  const hit = ctx.byName.get(key);
  if (hit) return hit;
  const ind = ctx.b.addIndicator({
    category: null, name, unit, attribute: null, baselineYear: null, baselineValue: null, baselineText: null,
    targetYear: null, targetValue: null, targetText: null, statedGrowthText: null, note: null, source: sourceLabel,
  });
  ctx.byName.set(key, ind);
  return ind;
}

function label(b: Block): string {
  const s = b.section ? `${b.section.numeral}、${b.section.heading}` : '';
  return b.level === 2 || b.level === 3 ? `${s} ${b.level === 2 ? `（${b.numeral}）` : `${b.numeral}.`}`.trim() : s;
}

/** Headline targets of a goals block; area targets ("其中，…" or a paragraph about an area) as district scope. */
export function headlineTargets(ctx: ProseContext, block: Block, areaOf: (name: string) => { id: string | null; name: string } | null): void {
  const { b } = ctx;
  const text = block.joined.text;
  const consumed: [number, number][] = [];
  // a paragraph about an area: "主城都市区是……。到2027年，……"
  const lead = text.replace(/^[（(][一二三四五六七八九十]+[）)][^。]*。/, '');
  const topic = /^([\u4e00-\u9fa5“”]{2,12}?)(是|作为)/.exec(lead)?.[1];
  const topicArea = topic ? areaOf(topic) : null;
  const gs = groups(text, () => false);
  for (const g of gs) {
    if (consumed.some(([s, e]) => g.quantities[0] && g.quantities[0].start >= s && g.quantities[0].start < e)) continue;
    const year = yearBefore(text, g.quantities[0]?.start ?? 0, ctx.periodEnd);
    if (year === null) continue;
    const inds: DraftIndicator[] = [];
    g.quantities.forEach((q, i) => {
      const name = g.names[i] ?? '';
      if (name.length < 2 || name.length > 60) return;
      const weak: string[] = [];
      if (!statesYear(text.slice(0, q.start))) weak.push('未写明目标年份，按规划期末年');
      if (g.quantities.length > 1) weak.push('“分别”句式：名称由并列成分拼出');
      const ind = indicatorFor(ctx, name, q.unit, b.sectionSource(label(block)));
      inds.push(ind);
      const sentence = text.slice(clauseStart(text, q.start, '。'), q.start);
      const sentenceArea = areaAtStart(sentence, areaOf);
      const scopeArea = sentenceArea ?? topicArea;
      const t = b.target(ind, scopeArea ? 'district' : 'plan', scopeArea ? scopeArea.id ?? scopeArea.name : null, year, q.value, q.text, b.sectionSource(label(block)));
      if (scopeArea) {
        const d = districtEntry(b, scopeArea, b.sectionSource(label(block)));
        d.targets.push(t);
        const ii = b.draft.indicators.indexOf(ind);
        if (!b.draft.sources[`indicators[${ii}]`]) b.source(`indicators[${ii}]`, { joined: block.joined, start: g.subjectStart, end: q.end }, confidence(0.7, weak), ['区域目标句中的指标（全市无目标值）', ...weak]);
        b.source(`districts[${b.draft.districts.indexOf(d)}].targets[${d.targets.length - 1}]`, { joined: block.joined, start: g.subjectStart, end: q.end }, confidence(0.8, weak), ['区域目标：段落主语为该区域', ...weak]);
      } else {
        ind.targets.push(t);
        if (ind.targetYear === null || year >= ind.targetYear) Object.assign(ind, { targetYear: year, targetValue: q.value, targetText: q.text });
        b.source(`indicators[${b.draft.indicators.indexOf(ind)}]`, { joined: block.joined, start: g.subjectStart, end: q.end }, confidence(0.85, weak), ['目标句：指标名称 + 数值 + 单位', ...weak]);
        b.source(`indicators[${b.draft.indicators.indexOf(ind)}].targets[${ind.targets.length - 1}]`, { joined: block.joined, start: g.subjectStart, end: q.end }, confidence(0.85, weak), ['目标句', ...weak]);
      }
    });
    // "（其中，中心城区分别超过7110家、46560家，主城新区分别超过……）"
    const after = g.quantities[g.quantities.length - 1]?.end ?? 0;
    const br = /^[（(]其中[，,]([^）)]*)[）)]/.exec(text.slice(after));
    if (br && inds.length === g.quantities.length) {
      const inner = br[1] ?? '';
      const base = after + 4;
      consumed.push([after, after + br[0].length]);
      let offset = 0;
      for (const part of inner.split(/[，,]/)) {
        const m = /^(.+?)分别/.exec(part);
        const area = m ? areaOf(m[1] ?? '') : null;
        const qs = findIn(part);
        if (area && qs.length === inds.length) {
          const d = districtEntry(b, area, b.sectionSource(label(block)));
          qs.forEach((q, i) => {
            const ind = inds[i];
            if (!ind) return;
            d.targets.push(b.target(ind, 'district', area.id ?? area.name, year, q.value, q.text, b.sectionSource(label(block))));
            b.source(`districts[${b.draft.districts.indexOf(d)}].targets[${d.targets.length - 1}]`, { joined: block.joined, start: base + offset, end: base + offset + part.length }, area.id ? 0.85 : 0.55, ['“其中”分区目标', ...(area.id ? [] : ['区域名称不在参考名录中'])]);
          });
        }
        offset += part.length + 1;
      }
    }
  }
}

/** A sentence that starts with an area's name (or a description of it: "渝东北三峡库区城镇群和渝东南武陵山区城镇群"). */
const AREA_WORDS: [RegExp, string][] = [[/^渝东北三峡库区城镇群和渝东南武陵山区城镇群/, '“两群”地区']];
function areaAtStart(sentence: string, areaOf: (name: string) => { id: string | null; name: string } | null) {
  const s = sentence.replace(/^到\d{4}年[，,]?/, '');
  for (const [r, name] of AREA_WORDS) if (r.test(s)) return areaOf(name);
  const m = /^(主城都市区|中心城区|主城新区|“两群”地区)/.exec(s);
  return m ? areaOf(m[1] ?? '') : null;
}

/** Targets stated in words only: "研发投入强度超过全国平均水平", "长江干流水质稳定保持Ⅱ类". */
export function wordTargets(ctx: ProseContext, block: Block): void {
  const { b } = ctx;
  const text = block.joined.text;
  for (const m of text.matchAll(/(超过|高于|达到)全国平均水平|稳定保持[ⅠⅡⅢⅣⅤIV]+类/g)) {
    const end = m.index + m[0].length;
    if (text[end] === '、') continue;
    const start = clauseStart(text, m.index, '，。；：、（(');
    const name = indicatorName(text.slice(start, m.index), null);
    const year = yearBefore(text, m.index, ctx.periodEnd);
    if (name.length < 2 || year === null || ctx.byName.has(`${name}|`)) continue;
    const ind = indicatorFor(ctx, name, null, b.sectionSource(label(block)));
    ind.targets.push(b.target(ind, 'plan', null, year, null, m[0], b.sectionSource(label(block))));
    Object.assign(ind, { targetYear: year, targetText: m[0] });
    const ii = b.draft.indicators.indexOf(ind);
    b.source(`indicators[${ii}]`, { joined: block.joined, start, end }, 0.6, ['文字目标：无数值']);
    b.source(`indicators[${ii}].targets[0]`, { joined: block.joined, start, end }, 0.6, ['文字目标：无数值']);
  }
}

export function districtEntry(b: DraftBuilder, area: { id: string | null; name: string; code?: string | null; group?: string | null }, source: string) {
  let d = b.draft.districts.find((x) => x.name === area.name);
  if (!d) {
    d = { id: area.id, name: area.name, code: area.code ?? null, group: area.group ?? null, priorityIndustries: [], featuredIndustries: [], note: null, source, targets: [] };
    b.draft.districts.push(d);
  }
  return d;
}

/** "（一）江津区。优先发展A、B，特色发展C、D等。到2027年，……营业收入3000亿元。" */
export function districtParagraph(ctx: ProseContext, block: Block, area: { id: string | null; name: string; code: string | null; group: string | null }, clauses: Clause[]): void {
  const { b } = ctx;
  const text = block.joined.text;
  const bodyEnd = clauses[0]?.start ?? text.length;
  const body = text.slice(0, bodyEnd);
  const d = districtEntry(b, area, b.sectionSource(label(block)));
  d.note = body.replace(/^[（(][一二三四五六七八九十]+[）)]\s*/, '');
  const pri = /优先发展(.+?)(?:[，,]特色发展|等总成|。)/.exec(body);
  const fea = /特色发展(.+?)。/.exec(body);
  if (pri) d.priorityIndustries = splitList((pri[1] ?? '').replace(/等$/, ''), '、');
  if (fea) d.featuredIndustries = splitList((fea[1] ?? '').replace(/等$/, ''), '、');
  const di = b.draft.districts.indexOf(d);
  if (pri) b.source(`districts[${di}].priorityIndustries`, { joined: block.joined, start: pri.index, end: pri.index + pri[0].length }, 0.8, ['“优先发展…”列举，按顿号拆分']);
  for (const g of groups(body, () => false)) {
    const year = yearBefore(body, g.quantities[0]?.start ?? 0, ctx.periodEnd);
    if (year === null) continue;
    g.quantities.forEach((q, i) => {
      const name = g.names[i] ?? '';
      const weak: string[] = [];
      let ind = ctx.byName.get(`${name}|${q.unit ?? ''}`);
      if (!ind && name) {
        // "产业产值" for the plan's "产值": one name ends with the other, same unit
        const similar = [...ctx.byName.values()].filter((x) => x.unit === q.unit && x.targets.some((t) => t.scope === 'plan') && (x.name.endsWith(name) || name.endsWith(x.name)));
        if (similar.length === 1) {
          ind = similar[0];
          weak.push(`指标名称“${name}”按词尾对应到“${ind?.name}”`);
        }
      }
      if (!ind) {
        const sameUnit = [...ctx.byName.values()].filter((x) => x.unit === q.unit && x.targets.some((t) => t.scope === 'plan'));
        if (sameUnit.length === 1) {
          ind = sameUnit[0];
          weak.push(`指标按单位对应到“${ind?.name}”`);
        }
      }
      if (!ind) {
        ind = indicatorFor(ctx, name, q.unit, b.sectionSource(label(block)));
        weak.push('无对应的全市指标，新建指标');
      }
      d.targets.push(b.target(ind, 'district', area.id ?? area.name, year, q.value, q.text, b.sectionSource(label(block))));
      b.source(`districts[${di}].targets[${d.targets.length - 1}]`, { joined: block.joined, start: g.subjectStart, end: q.end }, confidence(area.id ? 0.9 : 0.6, weak), ['区县段落：区县名 + 目标句', ...(area.id ? ['区县名在参考名录中'] : ['区县名不在参考名录中']), ...weak]);
    });
  }
}

/** "……渝西地区先进材料产业集群实现营业收入1500亿元" anywhere in the document. */
export function clusterTargets(ctx: ProseContext, block: Block): void {
  const { b } = ctx;
  const text = block.joined.text;
  for (const q of findIn(text)) {
    const start = clauseStart(text, q.start, '，。；：');
    const subject = text.slice(start, q.start);
    const m = /^(?:.*?地区)?(.+?)产业集群(?:实现)?(.*)$/.exec(subject);
    if (!m) continue;
    const name = (m[1] ?? '').replace(REGION_PREFIX, '');
    const measure = (m[2] ?? '').replace(/实现|达到/g, '');
    const year = yearBefore(text, q.start, ctx.periodEnd);
    if (!name || !measure || year === null || name.length > 30) continue;
    let cluster = b.draft.clusters.find((c) => c.name === name);
    if (!cluster) {
      cluster = { id: `${b.planId}/c/${b.draft.clusters.length + 1}`, name, note: `${text.slice(clauseStart(text, start - 1, '。'), q.end)}。`, source: b.sectionSource(label(block)), targets: [] };
      b.draft.clusters.push(cluster);
    }
    const weak: string[] = [];
    let ind = [...ctx.byName.values()].find((x) => x.name.endsWith(measure) && x.unit === q.unit);
    if (!ind) {
      ind = indicatorFor(ctx, measure, q.unit, b.sectionSource(label(block)));
      weak.push('无对应的全市指标，新建指标');
    }
    cluster.targets.push(b.target(ind, 'cluster', cluster.id, year, q.value, q.text, b.sectionSource(label(block))));
    b.source(`clusters[${b.draft.clusters.indexOf(cluster)}].targets[${cluster.targets.length - 1}]`, { joined: block.joined, start, end: q.end }, confidence(0.85, weak), ['产业集群目标句', ...weak]);
  }
}

/** The deadline a task's text states: "2023年至2027年间" → 2027-12, "到2027年" → 2027-12. */
export function proseDeadline(text: string): { deadline: string; text: string; at: number } | null {
  const span = /(\d{4})年至(\d{4})年间?/.exec(text);
  if (span) return { deadline: `${span[2]}-12`, text: span[0], at: span.index };
  let best: { deadline: string; text: string; at: number } | null = null;
  for (const m of text.matchAll(/到(\d{4})年/g)) {
    const y = Number(m[1]);
    if (!best || y > Number(best.deadline.slice(0, 4))) best = { deadline: `${y}-12`, text: `${y}年`, at: m.index };
  }
  return best ?? expiryDeadline(text);
}

/** "政策实施期限截至2023年12月31日" (57号): the latest expiry a measure states, as its month; no goal sentence. */
export function expiryDeadline(text: string): { deadline: string; text: string; at: number; expiry: true } | null {
  let best: { deadline: string; text: string; at: number; expiry: true } | null = null;
  for (const m of text.matchAll(/期限截至(\d{4})年(\d{1,2})月(?:\d{1,2}日)?/g)) {
    const deadline = `${m[1]}-${String(Number(m[2])).padStart(2, '0')}`;
    if (Number(m[2]) >= 1 && Number(m[2]) <= 12 && (!best || deadline > best.deadline)) best = { deadline, text: m[0].slice(2), at: m.index + 2, expiry: true };
  }
  return best;
}

/**
 * The drafter: a gazette issue's lines → one draft per notice/plan that states plan content
 * (targets, indicators, tasks), each value with its source. Pure: no database; the reference lists
 * (departments with aliases, districts) are passed in. Bounded: the lines are capped (lines.ts), every
 * pattern is linear or capped in how far it looks.
 */
import { createHash } from 'node:crypto';
import { Dec } from '../../domain/numbers.ts';
import type { DraftPlan } from '../../contract/ops/draft.ts';
import { draftLines, joinLines, type SourceLine } from './lines.ts';
import { splitDocuments, type DraftDocument } from './split.ts';
import { matcher, type Reference } from './names.ts';
import { outline, type Block } from './structure.ts';
import { indicatorTables, tabTables, wrappedTables } from './tables.ts';
import { DraftBuilder } from './build.ts';
import { planSource } from './source.ts';
import { clusterTargets, districtParagraph, headlineTargets, wordTargets, type ProseContext } from './prose.ts';
import { findClauses } from './clauses.ts';
import { proseTasks, tableTasks } from './tasks.ts';
import { readValueText } from '../../domain/numbers.ts';

export function planIdFor(h: { docNumber: string; title: string }): string {
  const m = /〔(\d{4})〕(\d+)号/.exec(h.docNumber);
  const hash = createHash('sha256').update(`${h.docNumber}|${h.title}`).digest('hex').slice(0, 6);
  return m ? `p-draft-${m[1]}-${m[2]}-${hash}` : `p-draft-${hash}`;
}

/** The plan period: from the title (（2023—2027年）, 2021年度), else the years the body aims at, else the year it was issued. */
function period(doc: DraftDocument, title: string): { start: number | null; end: number | null; how: string } {
  const m = /[（(](\d{4})\s*[—\-－–~～至]+\s*(\d{4})\s*年?[）)]/.exec(title);
  if (m) return { start: Number(m[1]), end: Number(m[2]), how: '标题中的规划期' };
  const issued = doc.header.issueDate ? Number(doc.header.issueDate.slice(0, 4)) : null;
  const annual = /(\d{4})年(度|重庆市)/.exec(title);
  if (annual) return { start: Number(annual[1]), end: Number(annual[1]), how: '标题中的年度' };
  const body = joinLines(doc.lines.slice(doc.bodyStart, doc.bodyStart + 400)).text;
  const years = [...body.matchAll(/(?:到|至)(\d{4})年|(\d{4})年(?:年底|底|年末)前/g)].map((x) => Number(x[1] ?? x[2])).filter((y) => y >= 1990 && y <= 2100);
  if (years.length) return { start: issued, end: Math.max(...years), how: '正文中的目标年份（起始年按成文年份）' };
  const trial = /经过(\d{1,2})年/.exec(body);
  if (trial && issued) return { start: issued, end: issued + Number(trial[1]), how: `“经过${trial[1]}年”，按成文年份推算` };
  return { start: issued, end: issued, how: '未写明规划期，按成文年份' };
}

function isGoalBlock(bl: Block): boolean {
  if (bl.section && /目标/.test(bl.section.heading) && bl.level !== 2 && bl.level !== 3) return true;
  if (bl.level === 2 && /目标/.test(bl.heading)) return true;
  if (bl.level === 2 && /行动$/.test(bl.heading) && bl.section && /重点任务/.test(bl.section.heading)) return true;
  return false;
}

export function draftDocument(doc: DraftDocument, fileName: string, ref: Reference): DraftPlan | null {
  const names = matcher(ref);
  const h = doc.header;
  const p = period(doc, h.title);
  const builder = new DraftBuilder(
    fileName,
    names,
    {
      id: planIdFor(h),
      title: h.title,
      docNumber: h.docNumber,
      issuer: h.issuer,
      issueDate: h.issueDate,
      periodStart: p.start,
      periodEnd: p.end,
      source: planSource(fileName, h.docNumber, h.title),
      maxPriorityIndustries: null,
    },
    { first: doc.lines[0]?.line ?? 0, last: doc.lines[doc.lines.length - 1]?.line ?? 0, firstPage: doc.lines[0]?.page ?? null, lastPage: doc.lines[doc.lines.length - 1]?.page ?? null },
  );
  const headerJoined = joinLines(doc.lines.slice(0, doc.bodyStart));
  builder.source('plan', { joined: headerJoined, start: 0, end: headerJoined.text.length }, h.docNumber && h.issueDate ? 0.95 : 0.6, [
    h.docNumber ? '文号' : '未找到文号',
    h.issueDate ? '成文日期' : '未找到成文日期',
  ]);
  builder.source('plan.periodStart', { joined: headerJoined, start: 0, end: headerJoined.text.length }, p.how.startsWith('标题') ? 0.9 : 0.4, [p.how]);
  const body = doc.lines.slice(doc.bodyStart);

  // tables first: their lines are no prose
  const covered = new Set<number>();
  const indTables = indicatorTables(body);
  indTables.forEach((t) => t.covered.forEach((i) => covered.add(i)));
  const taskTables = tabTables(body);
  taskTables.forEach((t) => t.covered.forEach((i) => covered.add(i)));
  const wrapped = wrappedTables(body, covered);
  wrapped.forEach((t) => t.covered.forEach((i) => covered.add(i)));

  for (const t of indTables) {
    for (const r of t.rows) {
      const unit = r.unit;
      const val = (cell: string | null) => {
        if (cell === null || cell === '' || /^[—\-－]+$/.test(cell)) return null;
        const v = readValueText(cell, unit);
        return v.ok ? v.value : null;
      };
      const ind = builder.addIndicator({
        category: r.category,
        name: r.name,
        unit,
        attribute: r.attribute,
        baselineYear: t.baselineYear,
        baselineValue: val(r.baseline),
        baselineText: r.baseline,
        targetYear: t.targetYear,
        targetValue: val(r.target),
        targetText: r.target,
        statedGrowthText: r.growth,
        note: r.nameCell !== `${r.name}${unit ? `（${unit}）` : ''}` ? r.nameCell : null,
        source: builder.sectionSource(t.title),
      });
      const weak = [
        ...(r.attribute ? [] : ['缺指标属性']),
        ...(r.target && val(r.target) === null ? ['目标值不是数值'] : []),
        ...(r.baseline && val(r.baseline) === null && !/^[—\-－]+$/.test(r.baseline) ? ['现状值不是数值'] : []),
      ];
      builder.source(`indicators[${builder.draft.indicators.indexOf(ind)}]`, { joined: r.joined, start: 0, end: r.joined.text.length }, Math.max(0.3, 0.95 - weak.length * 0.2), ['专栏表格行：各列齐全', ...weak]);
    }
  }

  const blocks = outline(body, (i) => covered.has(i));
  const ctx: ProseContext = { b: builder, periodEnd: p.end, byName: new Map() };
  for (const ind of builder.draft.indicators) ctx.byName.set(`${ind.name}|${ind.unit ?? ''}`, ind);
  const areaOf = (name: string) => {
    const clean = name.replace(/^其中[，,]?/, '');
    const m = names.district(clean);
    const d = ref.districts.find((x) => x.id === m.id);
    return m.id ? { id: m.id, name: m.name, code: d?.code ?? null, group: d?.group ?? null } : null;
  };
  if (!indTables.length)
    for (const bl of blocks)
      if (isGoalBlock(bl)) {
        headlineTargets(ctx, bl, areaOf);
        wordTargets(ctx, bl);
      }
  const districtBlocks = new Map<Block, { id: string | null; name: string }>();
  for (const bl of blocks) {
    if (isGoalBlock(bl)) continue;
    if (bl.level === 2) {
      const area = areaOf(bl.heading);
      if (area) {
        districtParagraph(ctx, bl, area, findClauses(bl.joined.text));
        districtBlocks.set(bl, { id: area.id, name: area.name });
        continue;
      }
    }
    clusterTargets(ctx, bl);
  }
  for (const t of [...taskTables, ...wrapped]) tableTasks(builder, ref, t);
  proseTasks({ b: builder, ref, districtOf: (bl) => districtBlocks.get(bl) ?? null, carried: [] }, blocks);
  const priorities = builder.draft.districts.map((d) => d.priorityIndustries.length).filter((n) => n > 0);
  const limit = /每区确立不超过(\d+)个主导产业/.exec(joinLines(body).text);
  if (limit && priorities.length) builder.draft.plan.maxPriorityIndustries = Number(limit[1]);

  checkSums(builder);
  const d = builder.finish();
  if (!d.indicators.length && !d.tasks.length && !d.districts.length) return null;
  return d;
}

/** Parts against the stated whole: district and cluster targets of an indicator against its plan target. */
function checkSums(b: DraftBuilder): void {
  const d = b.draft;
  for (const ind of d.indicators) {
    for (const plan of ind.targets.filter((t) => t.scope === 'plan' && t.value !== null)) {
      const check = (scope: 'district' | 'cluster') => {
        const parts: { path: string; value: string }[] = [];
        (scope === 'district' ? d.districts : d.clusters).forEach((x, xi) =>
          x.targets.forEach((t, ti) => {
            if (t.indicatorId === ind.id && t.year === plan.year && t.value !== null) parts.push({ path: `${scope === 'district' ? 'districts' : 'clusters'}[${xi}].targets[${ti}]`, value: t.value });
          }),
        );
        if (parts.length < 2) return;
        const sum = parts.reduce((s, x) => s.plus(x.value), new Dec(0));
        const same = sum.eq(plan.value ?? '0');
        for (const x of parts) {
          const s = d.sources[x.path];
          if (!s) continue;
          s.reasons.push(same ? `各${scope === 'district' ? '区县' : '集群'}之和 ${sum.toFixed()} 等于总目标` : `各${scope === 'district' ? '区县' : '集群'}之和 ${sum.toFixed()} 与总目标 ${plan.value} 不符`);
          s.confidence = Math.max(0.05, Math.min(1, Math.round((s.confidence + (same ? 0.05 : -0.1)) * 100) / 100));
        }
      };
      check('district');
      check('cluster');
    }
  }
}

/** A notice of the issue that states nothing to draft (27号's 分工: no targets, indicators or tasks), said rather than dropped. */
export interface SkippedNotice {
  docNumber: string;
  title: string;
  /** the notice's first line in the document */
  line: number;
  page: number | null;
  reason: string;
}

/** A whole issue: its lines → one draft per notice that states a plan, and the notices that state none. */
export function draftIssueAll(lines: readonly SourceLine[], fileName: string, ref: Reference): { drafts: DraftPlan[]; skipped: SkippedNotice[] } {
  const docs = splitDocuments(draftLines(lines));
  const drafts: DraftPlan[] = [];
  const skipped: SkippedNotice[] = [];
  for (const doc of docs) {
    const d = draftDocument(doc, fileName, ref);
    if (d) drafts.push(d);
    else {
      const first = doc.lines[0];
      skipped.push({ docNumber: doc.header.docNumber, title: doc.header.title, line: first?.line ?? 0, page: first?.page ?? null, reason: '通知中没有指标、目标、区县或任务，不是规划，未起草' });
    }
  }
  return { drafts, skipped };
}

/** A whole issue: its lines → drafts. */
export function draftIssue(lines: readonly SourceLine[], fileName: string, ref: Reference): DraftPlan[] {
  return draftIssueAll(lines, fileName, ref).drafts;
}

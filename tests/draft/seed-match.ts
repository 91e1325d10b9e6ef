/**
 * THE measure of the drafter (issue 14 §2): the share of the curated seeds' values (seeds/plans/*.json)
 * that the drafts of the four shared gazette texts hold exactly, with a source. Drafts are matched to
 * seed plans by 文号 (the 渝快码 notice has none: by title). Values counted:
 * - district target: the seed's (district, year, value) is a target of the draft's same district,
 *   and the draft's indicator has the seed indicator's unit;
 * - cluster target: the same for the cluster of the same name;
 * - indicator row: a draft indicator with the seed's unit and the seed's target year+value (or, where the
 *   seed has no target value, the seed's name), and — where the seed states them — its category,
 *   attribute, baseline value and stated growth as written; every plan-scope target of the seed
 *   indicator (year, value) is among the draft indicator's targets. `nameExact` counts those whose
 *   name is also the seed's word for word (reported, not part of the figure: the seeds' names of
 *   prose targets are editorial, e.g. "渝西地区…营业收入占全市…的比重");
 * - task row: a draft task with the seed's number, the same set of lead departments (as written) and
 *   the same deadline (YYYY-MM or none); the lead needs its own source unless the document names none.
 * Each counted value needs a source in the draft's `sources` (with a non-empty quote).
 *
 * Not circular: seeds written with the drafter's help (session 5 drafted them, then checked them by hand)
 * would match it by construction. PROVENANCE says which values were curated by hand before the drafter
 * existed (the seven plans of the foundation commit 0e3e894, unchanged since; the drafter came in 40157c0)
 * and which were drafted; the figure is printed for each, and the hand-curated one is the measure.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DraftPlan } from '../../contract/ops/draft.ts';
import type { SeedPlan } from '../../db/seed/format.ts';

export type Kind = 'district targets' | 'cluster targets' | 'indicator rows' | 'task rows';
export interface PlanFigure {
  seed: string;
  docNumber: string;
  counts: Record<Kind, { hit: number; of: number }>;
  nameExact: number;
  /** task rows whose participating departments and districts are also the seed's (stricter, reported) */
  tasksFull: number;
  misses: string[];
  strictMisses: string[];
}

const KINDS: Kind[] = ['district targets', 'cluster targets', 'indicator rows', 'task rows'];

/** Where a seed's values came from: 'hand' = curated from the text before the drafter existed; 'drafted' = drafted, then checked by hand. */
export type Provenance = 'hand' | 'drafted';
/**
 * Per seed file (and, for 8号, per kind): `git log -- seeds/plans` shows the seven plans of 0e3e894 unchanged
 * since, except yufufa-2023-8.json, whose 56 tasks were drafted in a9fbe05 (its indicators and targets are
 * the hand-curated ones); the five other plans were added by session 5 from drafts (87c3f9d … cbffff1).
 */
export const PROVENANCE: Record<string, Provenance | Partial<Record<Kind, Provenance>> & { default: Provenance }> = {
  'fuwuye-kaifang.json': 'hand',
  'yufu-2023-13.json': 'hand',
  'yufuban-2023-3.json': 'hand',
  'yufubanfa-2023-26.json': 'hand',
  'yufufa-2021-18.json': 'hand',
  'yukuaima.json': 'hand',
  'yufufa-2023-8.json': { default: 'hand', 'task rows': 'drafted' },
  'yufubanfa-2021-79.json': 'drafted',
  'yufubanfa-2023-24.json': 'drafted',
  'yufubanfa-2023-37.json': 'drafted',
  'yufubanfa-2023-38.json': 'drafted',
  'yufubanfa-2023-57.json': 'drafted',
};
/** A seed file's provenance for one kind of value; a seed file not listed is an error (say where it came from). */
export function provenanceOf(file: string, kind: Kind): Provenance {
  const p = PROVENANCE[file];
  if (p === undefined) throw new Error(`${file}: not in PROVENANCE (hand-curated or drafted?)`);
  return typeof p === 'string' ? p : (p[kind] ?? p.default);
}
const num = (s: string) => s.replace(/[（）()]/g, (c) => (c === '(' ? '（' : c === ')' ? '）' : c));
const hasSource = (d: DraftPlan, p: string) => (d.sources[p]?.quote ?? '') !== '';

export function loadSeeds(dir: string): { file: string; plan: SeedPlan }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: f, plan: JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as SeedPlan }));
}

export function matchDraft(seed: SeedPlan, drafts: DraftPlan[]): DraftPlan | undefined {
  if (seed.plan.docNumber) return drafts.find((d) => d.plan.docNumber === seed.plan.docNumber);
  return drafts.find((d) => d.plan.title === seed.plan.title);
}

export function measure(file: string, seed: SeedPlan, draft: DraftPlan | undefined): PlanFigure {
  const counts = Object.fromEntries(KINDS.map((k) => [k, { hit: 0, of: 0 }])) as PlanFigure['counts'];
  const misses: string[] = [];
  let nameExact = 0;
  let tasksFull = 0;
  const strictMisses: string[] = [];
  const count = (k: Kind, ok: boolean, what: string) => {
    counts[k].of++;
    if (ok) counts[k].hit++;
    else misses.push(`${k}: ${what}`);
  };
  const seedInd = new Map(seed.indicators.map((i) => [i.id, i]));
  const unitOf = (d: DraftPlan, id: string) => d.indicators.find((i) => i.id === id)?.unit ?? null;
  for (const t of seed.targets) {
    const ind = seedInd.get(t.indicatorId);
    if (t.scope === 'district') {
      const di = draft ? draft.districts.findIndex((x) => x.id === t.scopeId) : -1;
      const dd = draft?.districts[di];
      const ti = dd ? dd.targets.findIndex((x) => x.year === t.year && x.value === t.value && unitOf(draft!, x.indicatorId) === (ind?.unit ?? null)) : -1;
      count('district targets', !!draft && ti >= 0 && hasSource(draft, `districts[${di}].targets[${ti}]`), `${t.scopeId} ${ind?.name} ${t.year} ${t.text}`);
    } else if (t.scope === 'cluster') {
      const name = seed.clusters.find((c) => c.id === t.scopeId)?.name;
      const ci = draft ? draft.clusters.findIndex((x) => x.name === name) : -1;
      const dc = draft?.clusters[ci];
      const ti = dc ? dc.targets.findIndex((x) => x.year === t.year && x.value === t.value && unitOf(draft!, x.indicatorId) === (ind?.unit ?? null)) : -1;
      count('cluster targets', !!draft && ti >= 0 && hasSource(draft, `clusters[${ci}].targets[${ti}]`), `${name} ${t.year} ${t.text}`);
    }
  }
  for (const si of seed.indicators) {
    const planTargets = seed.targets.filter((t) => t.indicatorId === si.id && t.scope === 'plan');
    const fits = (di: DraftPlan['indicators'][number]) =>
      di.unit === si.unit &&
      (si.targetValue !== null ? di.targetYear === si.targetYear && di.targetValue === si.targetValue : di.name === si.name) &&
      (si.category === null || di.category === si.category) &&
      (si.attribute === null || di.attribute === si.attribute) &&
      (si.baselineValue === null || di.baselineValue === si.baselineValue) &&
      (si.statedGrowthText === null || di.statedGrowthText === si.statedGrowthText) &&
      planTargets.every((pt) => di.targets.some((x) => x.scope === 'plan' && x.year === pt.year && x.value === pt.value));
    const candidates = draft ? draft.indicators.map((di, i) => ({ di, i })).filter(({ di }) => fits(di)) : [];
    const best = candidates.find(({ di }) => di.name === si.name) ?? candidates[0];
    const ok = !!draft && !!best && hasSource(draft, `indicators[${best.i}]`);
    if (ok && best.di.name === si.name) nameExact++;
    count('indicator rows', ok, `${si.name}（${si.unit ?? ''}） ${si.targetYear ?? ''} ${si.targetText ?? ''}`);
  }
  for (const st of seed.tasks) {
    const i = draft ? draft.tasks.findIndex((x) => num(x.number) === num(st.number)) : -1;
    const dt = draft?.tasks[i];
    const leads = dt ? dt.leadDepartments.map((u) => u.name).sort().join('、') : '';
    const okLead = !!dt && leads === [...st.leadDepartments].sort().join('、');
    const okDeadline = !!dt && dt.deadline === st.deadline;
    // a task the document gives no lead (8号's numbered tasks) has no lead clause to quote: the task's own source stands for it
    const ok = okLead && okDeadline && !!draft && hasSource(draft, `tasks[${i}]`) && (st.leadDepartments.length === 0 || hasSource(draft, `tasks[${i}].leadDepartments`));
    const same = (a: string[], b: string[]) => [...a].sort().join('、') === [...b].sort().join('、');
    if (ok && dt && same(dt.participatingDepartments.map((u) => u.name), st.participatingDepartments) && same(dt.districts.map((u) => u.name), st.districts)) tasksFull++;
    else if (ok && dt) strictMisses.push(`task ${st.number}: 配合 ${dt.participatingDepartments.map((u) => u.name).join('、') || '—'} / ${st.participatingDepartments.join('、') || '—'}; 区县 ${dt.districts.map((u) => u.name).join('、') || '—'} / ${st.districts.join('、') || '—'}`);
    count('task rows', ok, `${st.number} ${st.title}${dt ? `${okLead ? '' : ` 牵头 ${leads || '—'} ≠ ${st.leadDepartments.join('、')}`}${okDeadline ? '' : ` 时限 ${dt.deadline} ≠ ${st.deadline}`}` : ' 未起草'}`);
  }
  return { seed: file, docNumber: seed.plan.docNumber, counts, nameExact, tasksFull, misses, strictMisses };
}

export function total(figs: PlanFigure[], only?: Provenance): { hit: number; of: number; byKind: Record<Kind, { hit: number; of: number }> } {
  const byKind = Object.fromEntries(KINDS.map((k) => [k, { hit: 0, of: 0 }])) as Record<Kind, { hit: number; of: number }>;
  for (const f of figs) for (const k of KINDS) {
    if (only && provenanceOf(f.seed, k) !== only) continue;
    byKind[k].hit += f.counts[k].hit;
    byKind[k].of += f.counts[k].of;
  }
  const hit = KINDS.reduce((s, k) => s + byKind[k].hit, 0);
  const of = KINDS.reduce((s, k) => s + byKind[k].of, 0);
  return { hit, of, byKind };
}

export function report(figs: PlanFigure[]): string {
  const t = total(figs);
  const pct = (h: number, o: number) => (o ? ((100 * h) / o).toFixed(1) : '—');
  const lines = [`drafter vs seeds: ${t.hit}/${t.of} = ${pct(t.hit, t.of)} %`];
  for (const k of KINDS) lines.push(`  ${k}: ${t.byKind[k].hit}/${t.byKind[k].of}`);
  for (const [p, label] of [['hand', 'curated by hand before the drafter existed (THE measure)'], ['drafted', 'seeded from drafts, then checked by hand (matches by construction)']] as const) {
    const tp = total(figs, p);
    lines.push(`  ${p}: ${tp.hit}/${tp.of} = ${pct(tp.hit, tp.of)} % — ${label}; ${KINDS.map((k) => `${k} ${tp.byKind[k].hit}/${tp.byKind[k].of}`).join(', ')}`);
  }
  for (const f of figs) {
    const h = KINDS.reduce((s, k) => s + f.counts[k].hit, 0);
    const o = KINDS.reduce((s, k) => s + f.counts[k].of, 0);
    const counted = KINDS.filter((k) => f.counts[k].of > 0);
    const prov = (['hand', 'drafted'] as const)
      .map((p) => ({ p, kinds: counted.filter((k) => provenanceOf(f.seed, k) === p) }))
      .filter((x) => x.kinds.length > 0)
      .map((x, _i, all) => (all.length > 1 ? `${x.p}: ${x.kinds.join(', ')}` : x.p))
      .join('; ');
    lines.push(`  [${prov}] ${f.seed} ${f.docNumber || '(无文号)'}: ${h}/${o} = ${pct(h, o)} % (indicator names word for word: ${f.nameExact}/${f.counts['indicator rows'].of}; tasks with participating units and districts too: ${f.tasksFull}/${f.counts['task rows'].of})`);
    for (const m of f.misses) lines.push(`    miss ${m}`);
    for (const m of f.strictMisses) lines.push(`    (strict) ${m}`);
  }
  return lines.join('\n');
}

/**
 * The review of a document draft (从公文新建规划), as plain data and no React, so it is unit-tested
 * (tests/workbench/drafting-review.test.ts): the drafted values of a draft as a list (each with its
 * source, confidence and reasons), their order, a planner's correction of one field (validated as the
 * grids validate: decimals, months, required names), and the draft draft.create is given: the accepted
 * values only, unknown departments mapped to existing ones where the planner chose so.
 */
import { parseDecimal } from '../../../../domain/numbers.ts';
import type { DraftPlan, DraftSource } from '../../../../contract/ops/draft.ts';

export type ValueKind = 'indicator' | 'planTarget' | 'districtTarget' | 'clusterTarget' | 'task';
export type Decision = 'pending' | 'accepted' | 'dropped';
export type Field =
  | 'category' | 'name' | 'unit' | 'attribute' | 'baselineYear' | 'baselineValue' | 'baselineText' | 'targetYear' | 'targetValue' | 'targetText' | 'statedGrowthText' // indicator
  | 'year' | 'value' | 'text' // target
  | 'number' | 'title' | 'leadDepartments' | 'participatingDepartments' | 'districts' | 'deadline' | 'deadlineText'; // task

/**
 * Every field of a drafted value the planner may correct before creating the plan. The qualifiers the
 * document writes beside a number (以上, 左右, 超过) are kept in the *Text fields (基期原文, 目标原文, 原文),
 * the number beside them exact, as the indicators grid keeps them.
 */
export const FIELDS: Record<ValueKind, Field[]> = {
  indicator: ['category', 'name', 'unit', 'attribute', 'baselineYear', 'baselineValue', 'baselineText', 'targetYear', 'targetValue', 'targetText', 'statedGrowthText'],
  planTarget: ['year', 'value', 'text'],
  districtTarget: ['year', 'value', 'text'],
  clusterTarget: ['year', 'value', 'text'],
  task: ['number', 'title', 'leadDepartments', 'participatingDepartments', 'districts', 'deadline', 'deadlineText'],
};

const ATTRIBUTES = ['预期性', '约束性'] as const;

export interface ReviewValue {
  /** the value's JSON path in the draft, the key of its source ("indicators[2]", "districts[0].targets[1]") */
  path: string;
  kind: ValueKind;
  /** what the value is about: the indicator, the district or cluster, the task's number */
  subject: string;
  /** the field values as shown */
  fields: { field: Field; text: string }[];
  /** the source read for it (the first of its own and its parts' sources), null when the drafter gave none */
  source: DraftSource | null;
  /** the lowest confidence of its sources; 0 without a source */
  confidence: number;
  reasons: string[];
  /** department names of the value the file does not know (proposed as new) */
  newDepartments: string[];
  /** the document order */
  order: number;
}

const names = (refs: { name: string }[]) => refs.map((r) => r.name).join('、');
const targetFields = (t: { year: number; value: string | null; text: string | null }): ReviewValue['fields'] => [
  { field: 'year', text: String(t.year) }, { field: 'value', text: t.value ?? '' }, { field: 'text', text: t.text ?? '' },
];

/** The sources of a value: its own and its parts' (tasks[4].leadDepartments), not its sub-values' (an indicator's targets). */
function sourcesOf(d: DraftPlan, path: string): DraftSource[] {
  return Object.entries(d.sources)
    .filter(([k]) => k === path || (k.startsWith(`${path}.`) && !k.startsWith(`${path}.targets[`)))
    .sort(([a], [b]) => (a === path ? -1 : b === path ? 1 : a.localeCompare(b)))
    .map(([, s]) => s);
}

function value(d: DraftPlan, path: string, kind: ValueKind, subject: string, fields: ReviewValue['fields'], order: number, newDepartments: string[] = []): ReviewValue {
  const src = sourcesOf(d, path);
  return {
    path, kind, subject, fields, order, newDepartments,
    source: src[0] ?? null,
    confidence: src.length ? Math.min(...src.map((s) => s.confidence)) : 0,
    reasons: [...new Set(src.flatMap((s) => s.reasons))],
  };
}

/** Every drafted value of a draft, in document order (by the line it was read on). */
export function reviewValues(d: DraftPlan): ReviewValue[] {
  const out: ReviewValue[] = [];
  const indName = new Map(d.indicators.map((i) => [i.id, `${i.name}${i.unit ? `（${i.unit}）` : ''}`]));
  const known = new Set(d.newDepartments);
  d.indicators.forEach((ind, i) => {
    const n = (v: number | null) => (v === null ? '' : String(v));
    out.push(value(d, `indicators[${i}]`, 'indicator', ind.category ?? '', [
      { field: 'category', text: ind.category ?? '' }, { field: 'name', text: ind.name }, { field: 'unit', text: ind.unit ?? '' }, { field: 'attribute', text: ind.attribute ?? '' },
      { field: 'baselineYear', text: n(ind.baselineYear) }, { field: 'baselineValue', text: ind.baselineValue ?? '' }, { field: 'baselineText', text: ind.baselineText ?? '' },
      { field: 'targetYear', text: n(ind.targetYear) }, { field: 'targetValue', text: ind.targetValue ?? '' }, { field: 'targetText', text: ind.targetText ?? '' },
      { field: 'statedGrowthText', text: ind.statedGrowthText ?? '' },
    ], 0));
    ind.targets.forEach((t, j) =>
      out.push(value(d, `indicators[${i}].targets[${j}]`, 'planTarget', `${indName.get(t.indicatorId) ?? ''} · ${t.year}`, targetFields(t), 0)),
    );
  });
  d.districts.forEach((x, i) =>
    x.targets.forEach((t, j) =>
      out.push(value(d, `districts[${i}].targets[${j}]`, 'districtTarget', `${x.name} · ${indName.get(t.indicatorId) ?? ''} · ${t.year}`, targetFields(t), 0)),
    ),
  );
  d.clusters.forEach((c, i) =>
    c.targets.forEach((t, j) =>
      out.push(value(d, `clusters[${i}].targets[${j}]`, 'clusterTarget', `${c.name} · ${indName.get(t.indicatorId) ?? ''} · ${t.year}`, targetFields(t), 0)),
    ),
  );
  d.tasks.forEach((t, i) => {
    const fresh = [...t.leadDepartments, ...t.participatingDepartments].filter((u) => u.id === null && known.has(u.name)).map((u) => u.name);
    out.push(value(d, `tasks[${i}]`, 'task', t.number, [
      { field: 'number', text: t.number }, { field: 'title', text: t.title }, { field: 'leadDepartments', text: names(t.leadDepartments) },
      { field: 'participatingDepartments', text: names(t.participatingDepartments) }, { field: 'districts', text: names(t.districts) },
      { field: 'deadline', text: t.deadline ?? '' }, { field: 'deadlineText', text: t.deadlineText ?? '' },
    ], 0, [...new Set(fresh)]));
  });
  const line = (v: ReviewValue) => (v.source ? (v.source.page ?? 0) * 1e7 + v.source.line : Number.MAX_SAFE_INTEGER);
  return out
    .map((v, i) => ({ v, i }))
    .sort((a, b) => line(a.v) - line(b.v) || a.i - b.i)
    .map(({ v }, order) => ({ ...v, order }));
}

export type SortBy = 'document' | 'confidence';

/** Document order, or the lowest confidence first (ties in document order). */
export function sortValues(values: readonly ReviewValue[], by: SortBy): ReviewValue[] {
  return [...values].sort((a, b) => (by === 'confidence' ? a.confidence - b.confidence : 0) || a.order - b.order);
}

/** Why a correction is refused: a key of the drafting messages and its parameters. */
export type Refusal = {
  key: 'dr.invalid.decimal' | 'dr.invalid.month' | 'dr.invalid.required' | 'dr.invalid.year' | 'dr.invalid.date' | 'dr.invalid.attribute' | 'dr.invalid.district';
  text: string;
};

/** A district as the file's list knows it (districts.list): a task's districts are chosen from it. */
export interface KnownDistrict {
  id: string;
  name: string;
}

const PATH = /^(indicators|districts|clusters|tasks)\[(\d+)\](?:\.targets\[(\d+)\])?$/;

/** A department as the file knows it: its name and its other names. */
export interface KnownDepartment {
  id: string;
  name: string;
  aliases: string[];
}

const refsOf = (text: string, departments: readonly KnownDepartment[]) =>
  text
    .split(/[、，,;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((n) => {
      const u = departments.find((x) => x.name === n || x.aliases.includes(n));
      return { id: u?.id ?? null, name: n };
    });

/**
 * The draft with one field of one value corrected, or why not. A copy: the draft given is not changed.
 * Numbers as the grids take them ("14,000", full-width digits), a deadline as YYYY-MM, names not empty;
 * a department typed that the file does not know is proposed as new (newDepartments), like the drafter's.
 */
export function correct(
  d: DraftPlan,
  path: string,
  field: Field,
  input: string,
  departments: readonly KnownDepartment[] = [],
  districts: readonly KnownDistrict[] = [],
): { draft: DraftPlan } | { refused: Refusal } {
  const m = PATH.exec(path);
  if (!m) return { refused: { key: 'dr.invalid.required', text: path } };
  const text = input.trim();
  const out = structuredClone(d);
  const list = m[1] as 'indicators' | 'districts' | 'clusters' | 'tasks';
  const i = Number(m[2]);
  const decimal = (): string | null | Refusal => {
    if (text === '') return null;
    const v = parseDecimal(text);
    return v === null ? { key: 'dr.invalid.decimal', text } : v;
  };
  const isRefusal = (x: unknown): x is Refusal => typeof x === 'object' && x !== null && 'key' in x;
  const yearOf = (): number | null | Refusal => {
    if (text === '') return null;
    return /^\d{4}$/.test(text) && Number(text) >= 1949 && Number(text) <= 2100 ? Number(text) : { key: 'dr.invalid.year', text };
  };
  if (m[3] !== undefined) {
    const owner = list === 'indicators' ? out.indicators[i] : list === 'districts' ? out.districts[i] : list === 'clusters' ? out.clusters[i] : undefined;
    const t = owner?.targets[Number(m[3])];
    if (!t) return { refused: { key: 'dr.invalid.required', text: path } };
    if (field === 'value') {
      const v = decimal();
      if (isRefusal(v)) return { refused: v };
      t.value = v;
    } else if (field === 'text') t.text = text || null;
    else if (field === 'year') {
      const y = yearOf();
      if (isRefusal(y)) return { refused: y };
      if (y === null) return { refused: { key: 'dr.invalid.required', text } };
      t.year = y;
    }
    return { draft: out };
  }
  if (list === 'indicators') {
    const ind = out.indicators[i];
    if (!ind) return { refused: { key: 'dr.invalid.required', text: path } };
    if (field === 'name') {
      if (!text) return { refused: { key: 'dr.invalid.required', text } };
      ind.name = text;
    } else if (field === 'unit') ind.unit = text || null;
    else if (field === 'category') ind.category = text || null;
    else if (field === 'attribute') {
      const a = ATTRIBUTES.find((x) => x === text);
      if (text && !a) return { refused: { key: 'dr.invalid.attribute', text } };
      ind.attribute = a ?? null;
    } else if (field === 'baselineValue' || field === 'targetValue') {
      const v = decimal();
      if (isRefusal(v)) return { refused: v };
      ind[field] = v;
    } else if (field === 'baselineYear' || field === 'targetYear') {
      const y = yearOf();
      if (isRefusal(y)) return { refused: y };
      ind[field] = y;
    } else if (field === 'targetText' || field === 'baselineText' || field === 'statedGrowthText') ind[field] = text || null;
    return { draft: out };
  }
  if (list === 'tasks') {
    const t = out.tasks[i];
    if (!t) return { refused: { key: 'dr.invalid.required', text: path } };
    if (field === 'title' || field === 'number') {
      if (!text) return { refused: { key: 'dr.invalid.required', text } };
      t[field] = text;
    } else if (field === 'deadlineText') t.deadlineText = text || null;
    else if (field === 'districts') {
      const refs = [];
      for (const n of text.split(/[、，,;；\s]+/).map((s) => s.trim()).filter(Boolean)) {
        const known = districts.find((x) => x.name === n);
        if (!known) return { refused: { key: 'dr.invalid.district', text: n } };
        refs.push({ id: known.id, name: known.name });
      }
      t.districts = refs;
    } else if (field === 'deadline') {
      const mm = /^(\d{4})[-./年](\d{1,2})月?$/.exec(text);
      if (text && (!mm || Number(mm[2]) < 1 || Number(mm[2]) > 12)) return { refused: { key: 'dr.invalid.month', text } };
      t.deadline = mm ? `${mm[1]}-${String(Number(mm[2])).padStart(2, '0')}` : null;
    } else if (field === 'leadDepartments' || field === 'participatingDepartments') {
      const refs = refsOf(text, departments);
      t[field] = refs;
      out.newDepartments = [...new Set([...out.newDepartments, ...refs.filter((r) => r.id === null).map((r) => r.name)])];
    }
    return { draft: out };
  }
  return { refused: { key: 'dr.invalid.required', text: path } };
}

/** The header's fields, validated: a date as YYYY-MM-DD, years as four digits, a title. */
export function correctHeader(d: DraftPlan, field: 'title' | 'docNumber' | 'issuer' | 'issueDate' | 'periodStart' | 'periodEnd', input: string): { draft: DraftPlan } | { refused: Refusal } {
  const text = input.trim();
  const out = structuredClone(d);
  const h = out.plan;
  if (field === 'title') {
    if (!text) return { refused: { key: 'dr.invalid.required', text } };
    h.title = text;
  } else if (field === 'docNumber') h.docNumber = text;
  else if (field === 'issuer') h.issuer = text;
  else if (field === 'issueDate') {
    if (text && !/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(text)) return { refused: { key: 'dr.invalid.date', text } };
    h.issueDate = text || null;
  } else {
    if (text && (!/^\d{4}$/.test(text) || Number(text) < 1949 || Number(text) > 2100)) return { refused: { key: 'dr.invalid.year', text } };
    h[field] = text ? Number(text) : null;
  }
  return { draft: out };
}

/**
 * What draft.create is given: only the accepted values (an indicator not accepted takes its targets
 * with it), the departments the planner mapped named as the existing department instead of a new one.
 * The sources are left out: draft.create stores each record's own `source` text, not the sources.
 */
export function reviewedDraft(d: DraftPlan, decisions: Readonly<Record<string, Decision>>, mapped: Readonly<Record<string, KnownDepartment>> = {}): DraftPlan {
  const ok = (path: string) => decisions[path] === 'accepted';
  const out = structuredClone(d);
  const indicators = out.indicators.filter((_, i) => ok(`indicators[${i}]`));
  const kept = new Set(indicators.map((x) => x.id));
  const targets = <T extends { indicatorId: string }>(list: T[], owner: string) => list.filter((t, j) => kept.has(t.indicatorId) && ok(`${owner}.targets[${j}]`));
  out.indicators = out.indicators.map((x, i) => ({ ...x, targets: targets(x.targets, `indicators[${i}]`) })).filter((x) => kept.has(x.id));
  out.districts = out.districts.map((x, i) => ({ ...x, targets: targets(x.targets, `districts[${i}]`) }));
  out.clusters = out.clusters.map((x, i) => ({ ...x, targets: targets(x.targets, `clusters[${i}]`) }));
  const rename = (u: { id: string | null; name: string }) => {
    const to = u.id === null ? mapped[u.name] : undefined;
    return to ? { id: to.id, name: to.name } : u;
  };
  out.tasks = out.tasks
    .filter((_, i) => ok(`tasks[${i}]`))
    .map((t) => ({ ...t, leadDepartments: t.leadDepartments.map(rename), participatingDepartments: t.participatingDepartments.map(rename) }));
  const used = new Set(out.tasks.flatMap((t) => [...t.leadDepartments, ...t.participatingDepartments]).filter((u) => u.id === null).map((u) => u.name));
  out.newDepartments = out.newDepartments.filter((n) => used.has(n) && !mapped[n]);
  out.sources = {};
  return out;
}

export type Counts = {
  accepted: number;
  dropped: number;
  pending: number;
};

export function counts(values: readonly ReviewValue[], decisions: Readonly<Record<string, Decision>>): Counts {
  const c = { accepted: 0, dropped: 0, pending: 0 };
  for (const v of values) c[decisions[v.path] ?? 'pending']++;
  return c;
}

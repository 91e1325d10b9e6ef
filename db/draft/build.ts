/** The draft being built for one document: records in the plan JSON shape, each with its source. */
import type { DraftPlan, DraftSource, DraftTarget } from '../../contract/ops/draft.ts';
import { lineAt, type Joined } from './lines.ts';
import type { Matcher, NameMatch } from './names.ts';
import { recordSource } from './source.ts';

export type DraftIndicator = DraftPlan['indicators'][number];
export type DraftTask = DraftPlan['tasks'][number];
export type DraftDistrict = DraftPlan['districts'][number];
export type DraftCluster = DraftPlan['clusters'][number];

export interface Quote {
  joined: Joined;
  start: number;
  end: number;
}

export class DraftBuilder {
  readonly draft: DraftPlan;
  private readonly newDepartments = new Set<string>();
  constructor(
    readonly fileName: string,
    readonly names: Matcher,
    header: DraftPlan['plan'],
    lines: DraftPlan['lines'],
  ) {
    this.draft = { format: 'plandesk.draft/1', plan: header, districts: [], clusters: [], indicators: [], tasks: [], sources: {}, newDepartments: [], lines };
  }

  get planId(): string {
    return this.draft.plan.id;
  }

  source(path: string, q: Quote, confidence: number, reasons: string[]): void {
    const line = lineAt(q.joined, q.start);
    const s: DraftSource = {
      fileName: this.fileName,
      page: line?.page ?? null,
      line: line?.line ?? 0,
      quote: q.joined.text.slice(q.start, Math.min(q.end, q.start + 4000)),
      confidence: Math.max(0, Math.min(1, Math.round(confidence * 100) / 100)),
      reasons,
    };
    this.draft.sources[path] = s;
  }

  department(raw: string): { id: string | null; name: string } | null {
    const m: NameMatch = this.names.department(raw);
    if (!m.name) return null;
    if (m.id === null) this.newDepartments.add(m.name);
    return { id: m.id, name: m.name };
  }

  addIndicator(ind: Omit<DraftIndicator, 'id' | 'targets' | 'source'> & { source?: string }): DraftIndicator {
    const i: DraftIndicator = { ...ind, id: `${this.planId}/i/${this.draft.indicators.length + 1}`, source: ind.source ?? this.sectionSource(''), targets: [] };
    this.draft.indicators.push(i);
    return i;
  }

  target(ind: DraftIndicator, scope: DraftTarget['scope'], scopeId: string | null, year: number, value: string | null, text: string | null, source: string): DraftTarget {
    return { id: `${ind.id}/${scope}/${scopeId ?? ''}/${year}/target`, indicatorId: ind.id, scope, scopeId, year, period: '', kind: 'target', value, text, source };
  }

  sectionSource(section: string): string {
    return `${this.draft.plan.docNumber || this.draft.plan.title} ${section}`.trim();
  }

  /**
   * Each drafted record's `source` becomes where it was read: the section it stands in, then the line
   * (and page) and the document's words (db/draft/source.ts recordSource), so the created plan keeps,
   * in its `source` columns, the sentence or table row each value came from.
   */
  finish(): DraftPlan {
    this.draft.newDepartments = [...this.newDepartments];
    const d = this.draft;
    const at = (path: string, r: { source: string }) => {
      const s = d.sources[path];
      if (s) r.source = recordSource(r.source, s);
    };
    d.districts.forEach((x, i) => {
      at(`districts[${i}]`, x);
      x.targets.forEach((t, j) => at(`districts[${i}].targets[${j}]`, t));
    });
    d.clusters.forEach((x, i) => {
      at(`clusters[${i}]`, x);
      x.targets.forEach((t, j) => at(`clusters[${i}].targets[${j}]`, t));
    });
    d.indicators.forEach((x, i) => {
      at(`indicators[${i}]`, x);
      x.targets.forEach((t, j) => at(`indicators[${i}].targets[${j}]`, t));
    });
    d.tasks.forEach((x, i) => at(`tasks[${i}]`, x));
    return d;
  }
}

/** Confidence of a drafted value from what held: every reason that weakens it takes its share off. */
export function confidence(base: number, weak: string[]): number {
  return Math.max(0.05, base - weak.length * 0.15);
}

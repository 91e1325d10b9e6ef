/**
 * A consistency finding in the chosen language: the core (db/checks) sends each finding, number and
 * cell with a code and its values; the words come from the catalogue (messages/findings.ts). A code
 * the catalogue does not know (a newer core) falls back to the core's Chinese text.
 */
import type { Finding, FindingCell } from '../../../contract/ops/checks.ts';
import { t, tOr } from './index.ts';

type Vars = Record<string, string | number>;
type Num = Finding['numbers'][number];

/** A quarter after the year: "2027年Q1" / "2027 Q1"; nothing for the whole year. */
const periodVars = (p: Vars): Vars => ({ period: p.period ? t('fd.period', { period: String(p.period) }) : '' });

/** Words derived from the values: scope, kind, optional clauses. */
function derived(f: Finding): Vars {
  const p = f.params;
  const v: Vars = { ...p, ...periodVars(p) };
  if (f.code === 'sum') {
    const scope = p.scope === 'cluster' ? 'cluster' : 'district';
    const kind = p.kind === 'actual' ? 'actual' : 'target';
    v.scopeWord = t(`fd.scope.${scope}`, { count: Number(p.count ?? 2) });
    v.scopeOne = t(`fd.scope.${scope}`, { count: 1 });
    v.kindWord = t(`fd.kind.${kind}`);
    v.kindValue = t(`fd.kindValue.${kind}`);
    v.lower = p.lowerBound ? t('fd.sum.lower') : '';
    v.wholeNote = p.wholeText ? t('fd.sum.wholeText', { wholeText: String(p.wholeText) }) : '';
    v.missingNote = Number(p.missing) > 0 ? t('fd.sum.missing', { missing: Number(p.missing) }) : '';
  }
  if (f.code === 'growth') {
    v.growthWord = t(p.cumulative ? 'fd.growth.cumulative' : 'fd.growth.annual');
    const u = f.numbers[0]?.unitCode;
    v.impliedUnit = u ? tOr(`fd.unit.${u}`, p, f.numbers[0]?.unit ?? '') : '';
    const d = f.difference?.unitCode;
    v.diffUnit = d ? tOr(`fd.unit.${d}`, p, f.difference?.unit ?? '') : '';
  }
  if (f.code === 'deadline.period') v.textNote = p.deadlineText ? t('fd.deadline.text', { deadlineText: String(p.deadlineText) }) : '';
  if (f.code === 'cross_plan') {
    const kind = p.placeKind === 'city' ? 'city' : p.placeKind === 'region' ? 'region' : 'district';
    v.placeWords = t(`fd.place.${kind}`, { place: String(p.place ?? '') });
  }
  return v;
}

export function findingTitle(f: Finding): string {
  return tOr(`fd.${f.code}.title`, derived(f), f.title);
}

export function findingMessage(f: Finding): string {
  return tOr(`fd.${f.code}.message`, derived(f), f.message);
}

export function numberLabel(n: Num): string {
  return n.labelCode ? tOr(`fd.label.${n.labelCode}`, {}, n.label) : n.label;
}

export function numberUnit(f: Finding, n: Num): string {
  return n.unitCode ? tOr(`fd.unit.${n.unitCode}`, f.params, n.unit ?? '') : (n.unit ?? '');
}

export function cellLabel(c: FindingCell): string {
  const p = c.labelParams;
  const v: Vars = { ...p, ...periodVars(p) };
  if ('kind' in p) v.kindWord = t(p.kind === 'actual' ? 'fd.kind.actual' : 'fd.kind.target');
  if (p.scope === 'plan') v.who = t('fd.cell.planTotal');
  return tOr(`fd.cell.${c.labelCode}`, v, c.label);
}

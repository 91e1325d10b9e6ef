/**
 * Findings carry a code and their values (issue 13), and the renderer says them from its catalogue:
 * in Chinese exactly what the core writes for the CLI and exports (so the two never drift), in English
 * with no Chinese left except plan content (names, the document's wording: the values themselves).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { seededStore } from '../helpers/store.ts';
import { loadCatalogue } from '../helpers/i18n.ts';
import { runChecks } from '../../db/checks/handlers.ts';
import type { Finding } from '../../contract/ops/checks.ts';

type I18n = typeof import('../../renderer/src/i18n/index.ts');
type Words = typeof import('../../renderer/src/i18n/findings.ts');
let i18n: I18n;
let words: Words;

beforeAll(async () => {
  i18n = await loadCatalogue();
  words = await import('../../renderer/src/i18n/findings.ts');
});

/** Every finding of the seeded plans, plus findings of kinds the seeds lack, made by edits. */
function allFindings(): Finding[] {
  const s = seededStore();
  const plan = 'p-yufu-2023-13';
  const tasks = (s.call('tasks.list', { planId: plan, limit: 3 }) as { ok: true; value: { rows: { id: string }[] } }).value.rows;
  s.call('tasks.update', { taskId: tasks[0]!.id, patch: { leadDepartments: [] } });
  s.db.prepare("UPDATE tasks SET deadline = '2030-12', deadline_text = '2030年底' WHERE id = ?").run(tasks[1]!.id);
  s.db.prepare("UPDATE tasks SET deadline = '2023-01', deadline_text = NULL WHERE id = ?").run(tasks[2]!.id);
  return runChecks(s.ctx).findings;
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

describe('finding words', () => {
  it('in Chinese the catalogue says exactly what the core says', () => {
    i18n.setLanguage('zh-CN');
    const findings = allFindings();
    const codes = new Set(findings.map((f) => f.code));
    for (const c of ['sum', 'growth', 'cross_plan', 'deadline.period', 'deadline.issue', 'lead']) expect(codes, c).toContain(c);
    for (const f of findings) {
      expect(words.findingTitle(f), f.id).toBe(f.title);
      expect(words.findingMessage(f), f.id).toBe(f.message);
      for (const c of f.cells) expect(words.cellLabel(c), f.id).toBe(c.label);
      for (const n of [...f.numbers, ...(f.difference ? [f.difference] : [])]) {
        expect(words.numberLabel(n), f.id).toBe(n.label);
        expect(words.numberUnit(f, n), f.id).toBe(n.unit ?? '');
      }
    }
  });

  it('in English no Chinese is left but the plan content put in', () => {
    i18n.setLanguage('en');
    const findings = allFindings();
    for (const f of findings) {
      const content = [...Object.values(f.params), ...f.cells.flatMap((c) => Object.values(c.labelParams)), ...f.numbers.filter((n) => !n.labelCode).map((n) => n.label), ...f.numbers.map((n) => n.unit ?? '')]
        .map(String)
        .filter((v) => CJK.test(v))
        .sort((a, b) => b.length - a.length);
      const strip = (s: string) => content.reduce((acc, v) => acc.split(v).join(''), s);
      const said = [
        words.findingTitle(f), words.findingMessage(f), ...f.cells.map(words.cellLabel),
        ...[...f.numbers, ...(f.difference ? [f.difference] : [])].flatMap((n) => [words.numberLabel(n), n.unitCode ? words.numberUnit(f, n) : '']),
      ];
      for (const s of said) expect(strip(s), `${f.id}: ${s}`).not.toMatch(CJK);
    }
    const sum = findings.find((f) => f.code === 'sum' && f.params.scope === 'cluster')!;
    expect(words.findingTitle(sum)).toBe('规模以上工业企业营业收入: cluster targets do not add up to the total');
    expect(words.numberLabel(sum.numbers[0]!)).toBe('Sum of clusters');
    expect(words.numberLabel(sum.difference!)).toBe('Difference');
  });

  it('plurals: {n|one|other} follows the language’s plural rules', () => {
    i18n.setLanguage('en');
    expect(i18n.t('fd.sum.missing', { missing: 1 })).toBe(' 1 more district has no breakdown yet.');
    expect(i18n.t('fd.sum.missing', { missing: 3 })).toBe(' 3 more districts have no breakdown yet.');
    i18n.setLanguage('zh-CN');
    expect(i18n.t('fd.sum.missing', { missing: 1 })).toBe('另有 1 个区县尚未分解。');
  });
});

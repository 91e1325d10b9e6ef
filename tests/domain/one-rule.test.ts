/**
 * Each rule exists once, in domain/, and both the core and the renderer import it: no copy of the
 * task status list, of "overdue", of number parsing or of name splitting is left anywhere else.
 * Grep-based on purpose: a copy is text, and this finds it wherever it is pasted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SOURCE_DIRS = ['db', 'contract', 'charts', 'renderer/src', 'cli', 'web', 'electron', 'bench', 'scripts'];

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(p);
    return /\.(ts|tsx|mts|mjs)$/.test(e.name) ? [p] : [];
  });
}

const files = SOURCE_DIRS.flatMap(sourceFiles).map((f) => f.split(path.sep).join('/'));
const read = (f: string) => fs.readFileSync(f, 'utf8');

/** Shipped migrations are never edited (their CHECK lists the statuses as of then); UI texts are keyed by status. */
const mayNameStatuses = (f: string) => f.startsWith('db/migrations/') || f.startsWith('renderer/src/i18n/messages/');

describe('one rule, one place', () => {
  it('scans the source', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('renderer/src/features/workbench/TaskLedger.tsx');
  });

  it('the task statuses are written out only in the contract (taskStatus) and domain/tasks.ts', () => {
    const quoted = /['"`](未开始|进行中|已完成)['"`]/;
    const found = files.filter((f) => !mayNameStatuses(f) && quoted.test(read(f)));
    expect(found).toEqual(['contract/entities.ts']);
    // 滞后 is also a completion status (达标/预警/滞后/无数据): only the completion rules and contract may quote it.
    const late = files.filter((f) => !mayNameStatuses(f) && /['"`]滞后['"`]/.test(read(f)));
    expect(late.sort()).toEqual(['contract/entities.ts', 'contract/ops/completion.ts', 'db/completion/rules.ts']);
  });

  it('no list of statuses is kept beside the one list', () => {
    // A line of code (not a comment) naming two or more statuses is a list of them.
    const namesSeveral = (line: string) => !/^\s*(\/\/|\*|\/\*)/.test(line) && new Set(line.match(/未开始|进行中|已完成|滞后/g) ?? []).size >= 2;
    const lists = files.filter((f) => !mayNameStatuses(f) && f !== 'contract/entities.ts' && read(f).split('\n').some(namesSeveral));
    // Colour and label maps keyed by status are checked against the list by the compiler (satisfies Record<TaskStatus, …>).
    for (const f of lists) expect(read(f), f).toMatch(/satisfies Record<TaskStatus,/);
    expect(lists.sort()).toEqual(['charts/report.ts', 'renderer/src/features/workbench/charts.ts']);
  });

  it.each([
    ['isOverdue', 'domain/tasks.ts'],
    ['overdueCutoff', 'domain/tasks.ts'],
    ['checkStatus', 'domain/tasks.ts'],
    ['planMonth', 'domain/calendar.ts'],
    ['parseDecimal', 'domain/numbers.ts'],
    ['parseValueText', 'domain/numbers.ts'],
    ['allowsNegative', 'domain/numbers.ts'],
    ['wordingSaysMore', 'domain/numbers.ts'],
    ['splitNames', 'domain/text.ts'],
    ['forbiddenCharacter', 'domain/text.ts'],
    ['targetYearRange', 'domain/targets.ts'],
  ])('%s is defined only in %s', (name, home) => {
    const def = new RegExp(`(function\\s+${name}\\b|(const|let)\\s+${name}\\s*=)`);
    expect(read(home)).toMatch(def);
    expect(files.filter((f) => def.test(read(f)))).toEqual([]);
  });

  it('no other copy of a target year range (the plan period widened to the baseline and target years)', () => {
    for (const f of files) expect(read(f), f).not.toMatch(/Math\.min\([^)]*period_?(start|Start)\b[^)]*baseline_?[yY]ear/);
    for (const f of ['db/targets/matrix.ts', 'db/targets/cells.ts', 'db/breakdown/handlers.ts', 'db/import/target-changes.ts'])
      expect(read(f), f).toMatch(/targetYearRange|checkTargetCell as checkCellRule/);
  });

  it('no other copy of the month or the overdue test: no UTC slice of now, no local month, no SQL literal for done', () => {
    for (const f of files) {
      const text = read(f);
      expect(text, f).not.toMatch(/now\(\)\.slice\(0,\s*7\)|function (currentMonth|thisMonth)\b/);
      expect(text, f).not.toMatch(/status\s*<>\s*'/);
    }
  });

  it('core and renderer import the shared rules', () => {
    const imports = (f: string, mod: string) => new RegExp(`from '(\\.\\./)+domain/${mod}\\.ts'`).test(read(f));
    expect(imports('db/tasks/read.ts', 'tasks')).toBe(true);
    expect(imports('db/tasks/edits.ts', 'tasks')).toBe(true);
    expect(imports('renderer/src/features/workbench/overdue.ts', 'tasks')).toBe(true);
    expect(read('renderer/src/features/workbench/TaskLedger.tsx')).toMatch(/rowIsOverdue\(p\.data, new Date\(\), timeZone\)/);
    expect(imports('renderer/src/features/workbench/TaskLedger.tsx', 'tasks')).toBe(true);
    expect(imports('renderer/src/features/workbench/TaskFilters.tsx', 'tasks')).toBe(true);
    expect(imports('renderer/src/features/transfer/ReportPage.tsx', 'tasks')).toBe(true);
    expect(imports('db/targets/cells.ts', 'targets')).toBe(true);
    expect(imports('db/targets/cells.ts', 'numbers')).toBe(true);
    expect(imports('renderer/src/components/TargetList.tsx', 'numbers')).toBe(true);
    expect(imports('renderer/src/features/analysis/PreviewTable.tsx', 'numbers')).toBe(true);
    expect(read('db/dispatch.ts')).toMatch(/from '\.\.\/domain\/text\.ts'/);
    expect(imports('renderer/src/features/workbench/NamesEditor.tsx', 'text')).toBe(true);
  });

  it('the dead code the review found is gone', () => {
    expect(fs.existsSync('db/decimal.ts')).toBe(false);
    expect(fs.existsSync('db/tasks/validate.ts')).toBe(false);
    expect(read('renderer/src/i18n/index.ts')).not.toMatch(/getLanguage/);
  });
});

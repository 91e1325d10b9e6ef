/** The Electron security scanner over the shell: any finding rated MEDIUM or higher fails the run. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { recoveryCopyPath } from '../../electron/recovery.ts';

describe('electronegativity', () => {
  it('finds nothing rated medium or higher in electron/', () => {
    const r = spawnSync(process.execPath, ['scripts/electronegativity.mjs'], { encoding: 'utf8', timeout: 240_000 });
    const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
    expect(report.checks).toBeGreaterThan(30);
    expect(report.unparsed).toEqual([]);
    expect(report.findings.filter((f: { value: number }) => f.value >= 2)).toEqual([]);
    expect(r.status).toBe(0);
  }, 300_000);
});

describe('recovery copy', () => {
  it('restores a damaged file’s backup beside it under a new name', () => {
    expect(recoveryCopyPath('/data/plans.plandesk', new Date(2026, 10, 22, 9, 5, 7))).toBe('/data/plans-恢复-20261122-090507.plandesk');
  });
});
